"""Few matches passing the facet filters among many (selectors._narrowed): they are counted,
paged and ranked exactly, as on a small index; only a ticked facet's other values are
counted from the sample. Exercised on a small index by lowering EXACT_LIMIT."""

import pytest

from bridge.search import selectors
from bridge.search.facets import FacetRows, narrowed_facet_counts
from bridge.search.registry import Document
from bridge.search.selectors import Estimate, search
from bridge.search.sql import Filters

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration

FACETS = ["country", "fibre", "supplier"]


@pytest.fixture
def catalog(index):
    documents = [
        Document(
            title=f"Handwoven {'silk' if n % 2 else 'cotton'} fabric {n}",
            body="Natural dyes, woven by hand in the Fergana valley",
            facets={
                "country": [["UZ", "RU", "KZ"][n % 3]],
                "fibre": ["silk" if n % 2 else "cotton"],
                "supplier": ["rare" if n % 10 == 3 else "common"],
            },
            numbers={"created": float(n), "price": float(100 - n)},
        )
        for n in range(80)
    ]
    return add_documents(index, documents)


def _both(monkeypatch, **kwargs):
    exact = search(key=KEY, **kwargs)
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 40)  # 80 matches are "many"; 8 are few
    narrowed = search(key=KEY, **kwargs)
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 5_000)
    return exact, narrowed


@pytest.mark.parametrize("q", ["", "fabric"])
@pytest.mark.parametrize("sort", ["relevance", "price", "-created"])
def test_few_passing_are_counted_and_listed_as_on_a_small_index(catalog, monkeypatch, q, sort):
    for page in (1, 2):
        exact, narrowed = _both(
            monkeypatch, q=q, filters={"supplier": ["rare"]}, sort=sort, page=page, page_size=5
        )
        assert not exact.approximate
        assert narrowed.count == exact.count == 8
        assert narrowed.ids == exact.ids
        assert len(narrowed.ids) == (5 if page == 1 else 3)


def test_facets_of_the_few_are_exact_and_a_ticked_facets_own_value_too(catalog, monkeypatch):
    exact, narrowed = _both(monkeypatch, q="fabric", filters={"supplier": ["rare"]}, facets=FACETS)
    assert narrowed.approximate  # the supplier facet's other value comes from a sample
    assert narrowed.facets["country"] == exact.facets["country"]
    assert narrowed.facets["fibre"] == exact.facets["fibre"] == [("silk", 8)]
    assert ("rare", 8) in narrowed.facets["supplier"]
    assert dict(narrowed.facets["supplier"])["common"] > 0


def test_without_a_ticked_facet_among_those_shown_nothing_is_estimated(catalog, monkeypatch):
    exact, narrowed = _both(
        monkeypatch, q="fabric", filters={"supplier": ["rare"]}, facets=["country"]
    )
    assert not narrowed.approximate
    assert narrowed.facets == exact.facets


def test_more_passing_than_the_sample_said_falls_back_to_paging_in_sql(catalog, monkeypatch):
    monkeypatch.setattr(selectors, "NARROW_LIMIT", 4)
    exact, narrowed = _both(
        monkeypatch, filters={"supplier": ["rare"]}, sort="price", page=2, page_size=3
    )
    assert narrowed.approximate
    assert narrowed.ids == exact.ids  # the second page lies past the four rows read


def test_a_ticked_facet_adds_its_failing_sample_rows_scaled():
    unit, record = "\x1f", "\x1e"
    uz_silk = f"country{unit}UZ{record}fibre{unit}silk"
    ru_silk = f"country{unit}RU{record}fibre{unit}silk"
    ru_wool = f"country{unit}RU{record}fibre{unit}wool"
    only_uz = Filters("k", {"country": ["UZ"]}, {})
    sample = FacetRows([uz_silk, ru_silk, ru_wool], only_uz.facets)
    counts = narrowed_facet_counts([uz_silk, uz_silk], sample, ["country", "fibre"], 10.0)
    # the passing pair counted exactly (2); the sample's passing row is not counted again,
    # its two Russian rows (failing the country filter alone) count 10 each
    assert counts == {"country": [("RU", 20), ("UZ", 2)], "fibre": [("silk", 2)]}


def test_without_facet_filters_few_estimated_by_a_second_sample_stay_sampled(catalog, monkeypatch):
    # A thin first sample estimated many, a thicker second one few (24): as many as that,
    # counted from the sample, not read one by one; a facet filter would read them.
    fake = Estimate(32, FacetRows(["country\x1fUZ"] * 3, {}))
    monkeypatch.setattr(selectors, "_estimate", lambda *args, **kwargs: fake)
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 30)
    result = search(key=KEY, q="fabric")
    assert (result.count, result.approximate) == (24, True)
    filtered = search(key=KEY, q="fabric", filters={"country": ["UZ"]})
    assert filtered.count == len([n for n in range(80) if n % 3 == 0])  # read: 27

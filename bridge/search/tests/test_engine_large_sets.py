"""The path for huge result sets (docs/decisions/0005-search-speed.md), exercised on a small
index by lowering its thresholds: counts and facets from a bucket sample, relevance from a
bounded candidate set, stem prefixes listed from the vocabulary."""

import pytest

from bridge.search import selectors, typos
from bridge.search.models import SearchWord
from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.typos import vocabulary

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration

COUNTRIES = ["UZ", "RU", "KZ"]


@pytest.fixture
def catalog(index):
    documents = []
    for n in range(60):
        fibre = "silk" if n % 2 else "cotton"
        documents.append(
            Document(
                title=f"Handwoven {fibre} fabric {n}" if n != 7 else "Silk adras",
                body="Natural dyes, woven by hand in the Fergana valley",
                facets={"country": [COUNTRIES[n % 3]], "fibre": [fibre], "odd": ["a\x1fb\x1ec"]},
                numbers={"created": float(n), "price": float(n)},
            )
        )
    ids = add_documents(index, documents)
    return ids


def _exact(**kwargs):
    return search(key=KEY, **kwargs)


def test_a_whole_index_sample_gives_exact_counts_and_facets(catalog, monkeypatch):
    kwargs = {
        "q": "fabric",
        "filters": {"country": ["UZ"]},
        "ranges": {"price": (None, 50)},
        "facets": ["country", "fibre"],
    }
    exact = _exact(**kwargs)
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    sampled = search(key=KEY, **kwargs)
    assert sampled.approximate and not exact.approximate
    assert sampled.count == exact.count
    assert sampled.facets == exact.facets
    allowed = set(
        _exact(q="fabric", page_size=100, **{k: kwargs[k] for k in ("filters", "ranges")}).ids
    )
    assert set(sampled.ids) <= allowed


def test_relevance_on_the_sampled_path_puts_title_matches_first(catalog, monkeypatch):
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    result = search(key=KEY, q="adras")
    assert result.ids[0] == catalog[7]


def test_separator_characters_in_a_facet_value_do_not_split_it(catalog):
    assert search(key=KEY, facets=["odd"]).facets["odd"] == [("a b c", 60)]


def test_stem_prefixes_become_the_listed_stems_and_match_alike(catalog):
    words = vocabulary(KEY)
    assert words.with_prefix("s_handwov", 32) == ["s_handwoven"]
    assert words.with_prefix("s_", 3) is None  # too many to list: stays a prefix
    listed = search(key=KEY, q="handwoven", page_size=100)
    SearchWord.objects.filter(index_key=KEY, word__startswith="s_").delete()
    typos._cache.clear()  # deleting does not change the version the cache is keyed on
    assert not vocabulary(KEY).stems  # an index written before stems were recorded
    assert search(key=KEY, q="handwoven", page_size=100).ids == listed.ids


@pytest.mark.parametrize(("q", "sort"), [("", "-price"), ("", "price"), ("silk", "-price")])
def test_sorting_a_huge_set_walks_the_number_in_order(catalog, monkeypatch, q, sort):
    exact = search(key=KEY, q=q, sort=sort, page=2, page_size=7)
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    sampled = search(key=KEY, q=q, sort=sort, page=2, page_size=7)
    assert sampled.approximate
    assert sampled.ids == exact.ids

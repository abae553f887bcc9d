"""Facet filters test the entry's packed facet_values (migration 0012): a filter matches its
value exactly, never a longer value, another facet's value or a value with LIKE's wildcards,
on every path that filters (exact, sampled, sorted by a number, the head candidates)."""

import pytest

from bridge.search import selectors
from bridge.search.registry import Document
from bridge.search.selectors import search

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration

# (title, fibre values, blend values): "silk" is a prefix, suffix and part of other values,
# and of another facet's value; "100%" and "co_on" hold LIKE wildcards.
ROWS = [
    ("Plain silk scarf", ["silk"], []),
    ("Silk blend scarf", ["silk blend"], ["silk"]),
    ("Raw silk scarf", ["raw silk"], []),
    ("Scarf of 100% wool", ["100%"], []),
    ("Scarf of 100% wool and more", ["100% wool"], []),
    ("Cotton scarf", ["co_on"], []),
    ("Another cotton scarf", ["cotton"], []),
    ("Two fibre scarf", ["wool", "silk"], []),
]


@pytest.fixture
def scarves(index):
    documents = [
        Document(
            title=title,
            facets={"fibre": fibres, "blend": blends},
            numbers={"created": float(n), "price": float(10 * n)},
        )
        for n, (title, fibres, blends) in enumerate(ROWS)
    ]
    return dict(zip([row[0] for row in ROWS], add_documents(index, documents), strict=True))


def _titles(scarves, ids) -> set[str]:
    names = {object_id: title for title, object_id in scarves.items()}
    return {names[object_id] for object_id in ids}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("silk", {"Plain silk scarf", "Two fibre scarf"}),
        ("100%", {"Scarf of 100% wool"}),
        ("co_on", {"Cotton scarf"}),
        ("cott", set()),
        ("", set()),  # dropped by clean_filters: no filter at all
    ],
)
@pytest.mark.parametrize("path", ["exact", "sampled"])
def test_a_filter_matches_its_value_exactly(scarves, monkeypatch, value, expected, path):
    if path == "sampled":
        monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    result = search(key=KEY, q="scarf", filters={"fibre": [value]}, page_size=50)
    if value == "":
        assert len(result.ids) == len(ROWS)
    else:
        assert _titles(scarves, result.ids) == expected
        # a sample with no match is counted exactly: zero
        assert result.approximate is (path == "sampled" and bool(expected))


def test_values_of_one_facet_or_and_facets_and(scarves):
    either = search(key=KEY, filters={"fibre": ["raw silk", "cotton"]}, page_size=50)
    assert _titles(scarves, either.ids) == {"Raw silk scarf", "Another cotton scarf"}
    both = search(key=KEY, filters={"fibre": ["silk blend"], "blend": ["silk"]})
    assert _titles(scarves, both.ids) == {"Silk blend scarf"}
    neither = search(key=KEY, filters={"fibre": ["silk"], "blend": ["silk"]})
    assert neither.ids == [] and neither.count == 0


def test_sorted_by_a_number_on_the_sampled_path(scarves, monkeypatch):
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    result = search(key=KEY, filters={"fibre": ["silk"]}, sort="-price")
    assert result.ids == [scarves["Two fibre scarf"], scarves["Plain silk scarf"]]


def test_the_head_candidates_pass_the_filter(scarves, monkeypatch):
    # three titles name silk: the head brings them as candidates, the filter keeps one
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    result = search(key=KEY, q="silk", filters={"fibre": ["raw silk"]})
    assert result.ids == [scarves["Raw silk scarf"]]


def test_separators_in_a_filter_are_cleaned_as_the_indexed_values_were(index):
    odd, plain = add_documents(
        index,
        [
            Document(title="Odd scarf", facets={"fibre": ["wool\x1fsilk\x1eblend"]}),
            Document(title="Plain scarf", facets={"fibre": ["wool"], "blend": ["silk"]}),
        ],
    )
    assert search(key=KEY, filters={"fibre": ["wool\x1esilk\x1fblend"]}).ids == [odd]
    # a value made to close its pair and open another one matches neither
    assert search(key=KEY, filters={"fibre": ["wool\x1eblend\x1fsilk"]}).ids == []
    assert search(key=KEY, filters={"fibre": ["wool"]}).ids == [plain]

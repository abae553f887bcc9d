"""search() with fixed inputs and exact expected values (issue 18, mutation testing of
bridge/search/selectors.py): the bounds it puts on what callers pass (page, page size, facet
names, blank queries), the default order, the index's id span, and the estimate's thresholds."""

import pytest
from django.db import connection

from bridge.search import selectors
from bridge.search.backends import backend
from bridge.search.models import SearchEntry
from bridge.search.registry import Document
from bridge.search.selectors import SearchResult, search
from bridge.search.sql import Filters

from .engine_support import KEY, add_documents


@pytest.fixture
def shelf(index):
    """25 silk scarves, the newest written first (created 24 down to 0), so that the newest
    first order differs from the order they were written in."""
    documents = [
        Document(
            title=f"Silk scarf {n}",
            facets={"colour": ["red" if n % 2 else "blue"]},
            numbers={"created": float(24 - n)},
        )
        for n in range(25)
    ]
    return add_documents(index, documents)


def test_a_q_less_search_lists_the_newest_first_when_the_index_records_dates(shelf):
    result = search(key=KEY, page_size=5)
    assert (result.count, result.ids) == (25, shelf[:5])
    assert search(key=KEY, sort="relevance", page_size=5).ids == shelf[:5]
    assert search(key=KEY, sort="created", page_size=3).ids == shelf[-3:][::-1]


def test_without_dates_a_q_less_search_lists_in_the_order_written(index):
    ids = add_documents(index, [Document(title=f"Wool {n}") for n in range(4)])
    assert search(key=KEY).ids == ids
    assert selectors._default_sort(KEY) == "relevance"


def test_the_default_sort_is_newest_first_only_for_the_index_that_has_dates(shelf):
    assert selectors._default_sort(KEY) == "-created"
    assert selectors._default_sort("another-index") == "relevance"


def test_page_size_is_clamped_between_one_and_the_maximum(shelf):
    assert search(key=KEY, page_size=0).ids == shelf[:20]  # falsy: the default, 20
    assert search(key=KEY, page_size=None).ids == shelf[:20]
    assert search(key=KEY, page_size=-3).ids == shelf[:1]
    assert search(key=KEY, page_size="2").ids == shelf[:2]
    assert search(key=KEY, page_size=1).ids == shelf[:1]


def test_the_page_is_at_least_the_first(shelf):
    for page in (0, None, -4, "1"):
        assert search(key=KEY, page=page, page_size=10).ids == shelf[:10], page
    assert search(key=KEY, page="3", page_size=10).ids == shelf[20:]


def test_a_page_size_above_the_maximum_lists_the_maximum(index, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_PAGE_SIZE", 3)
    ids = add_documents(index, [Document(title=f"Felt {n}") for n in range(5)])
    assert search(key=KEY, page_size=4).ids == ids[:3]
    assert search(key=KEY, page=2, page_size=50).ids == ids[3:]


def test_facet_names_are_cut_to_forty_characters(shelf):
    long = "colour" + "x" * 40
    assert search(key=KEY, facets=[long]).facets == {long[:40]: []}
    assert search(key=KEY, facets=["colour"]).facets == {"colour": [("blue", 13), ("red", 12)]}


def test_a_query_of_no_words_finds_nothing_and_names_its_facets(shelf):
    result = search(key=KEY, q="!!! ???", facets=["colour", 7])
    assert result == SearchResult(0, [], {"colour": [], "7": []})


def test_a_blank_query_lists_everything(shelf):
    assert search(key=KEY, q="   ").count == 25
    assert search(key=KEY, q=None).count == 25


def test_a_query_longer_than_the_limit_is_cut(shelf, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_QUERY_CHARS", 10)
    assert search(key=KEY, q="scarf     silk").count == 25  # "scarf     ": "silk" is cut
    assert search(key=KEY, q="zzzzzzzzz silk").count == 0  # "zzzzzzzzz " : only the typo


def test_only_the_first_terms_are_searched(shelf, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_TERMS", 1)
    # "qqqqqqqqqq" alone (no word near it); "scarf" as well would match every scarf
    assert search(key=KEY, q="qqqqqqqqqq scarf").count == 0


def test_concepts_and_q_together_are_a_programming_error(shelf):
    with pytest.raises(ValueError, match="not both"):
        search(key=KEY, q="silk", concepts=["silk"])
    assert search(key=KEY, q="  ", concepts=["silk"]).count == 25


def test_the_span_is_the_lowest_and_highest_entry_id_of_the_index(shelf):
    ids = list(SearchEntry.objects.filter(index_key=KEY).values_list("id", flat=True))
    assert selectors._span(backend(), KEY) == (min(ids), max(ids))
    # an empty index: the ranges over 1..0 are empty
    assert selectors._span(backend(), "no-such-index") == (1, 0)


def test_the_estimate_is_none_at_exactly_the_exact_limit(index, monkeypatch):
    # 10 matches, read whole (buckets = BUCKETS): at the limit they are counted exactly
    add_documents(index, [Document(title=f"Linen {n}") for n in range(10)])
    span = selectors._span(backend(), KEY)
    flt = Filters(KEY, {}, {})
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 10)
    assert selectors._estimate(backend(), KEY, None, flt, span) is None
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 9)
    estimate = selectors._estimate(backend(), KEY, None, flt, span)
    assert (estimate.sampled, estimate.buckets, len(estimate.packed)) == (10, 256, 10)
    assert (estimate.low, estimate.top) == span


def test_the_index_size_is_its_tables_and_indexes_in_megabytes(shelf):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, pgsize FROM dbstat")
            pages = cursor.fetchall()
            searched = [
                size
                for name, size in pages
                if name.startswith(("search_", "sqlite_autoindex_search_"))
            ]
        else:
            cursor.execute(
                "SELECT pg_total_relation_size(c.oid) FROM pg_class c "
                "WHERE c.relkind = 'r' AND c.relname LIKE 'search%'"
            )
            searched = [row[0] for row in cursor.fetchall()]
    assert selectors.index_megabytes() == pytest.approx(sum(searched) / 1e6)
    assert selectors.index_megabytes() > 0

import pytest

from bridge.search.registry import Document
from bridge.search.selectors import search

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration


@pytest.fixture
def shop(index):
    rows = [
        ("Silk scarf", "UZ", ["silk"], 30.0, 3),
        ("Silk ribbon", "RU", ["silk"], 5.0, 1),
        ("Cotton canvas", "UZ", ["cotton"], 12.0, 2),
        ("Silk cotton adras", "UZ", ["silk", "cotton"], 50.0, 5),
        ("Wool felt", "KZ", ["wool"], None, 4),
    ]
    documents = [
        Document(
            title=title,
            facets={"country": [country], "fibre": fibres},
            numbers={"created": float(created), **({"price": price} if price else {})},
        )
        for title, country, fibres, price, created in rows
    ]
    ids = add_documents(index, documents)
    return dict(zip(["scarf", "ribbon", "canvas", "adras", "felt"], ids, strict=True))


def test_empty_query_lists_everything_newest_first(shop):
    result = search(key=KEY)
    assert result.count == 5
    assert result.ids == [shop[k] for k in ("adras", "felt", "scarf", "canvas", "ribbon")]


def test_facet_filter_or_within_and_across(shop):
    result = search(key=KEY, filters={"country": ["UZ", "KZ"], "fibre": ["silk"]})
    assert set(result.ids) == {shop["scarf"], shop["adras"]}


def test_facet_counts_ignore_their_own_filter_only(shop):
    result = search(key=KEY, q="silk", filters={"country": ["UZ"]}, facets=["country", "fibre"])
    assert set(result.ids) == {shop["scarf"], shop["adras"]}
    assert result.facets["country"] == [("UZ", 2), ("RU", 1)]
    assert result.facets["fibre"] == [("silk", 2), ("cotton", 1)]


def test_range_filters_on_numbers(shop):
    assert set(search(key=KEY, ranges={"price": (10, 40)}).ids) == {shop["scarf"], shop["canvas"]}
    assert set(search(key=KEY, ranges={"price": (None, 10)}).ids) == {shop["ribbon"]}


def test_sort_by_number_both_ways_missing_values_last(shop):
    ascending = search(key=KEY, sort="price").ids
    assert ascending == [shop[k] for k in ("ribbon", "canvas", "scarf", "adras", "felt")]
    descending = search(key=KEY, sort="-price").ids
    assert descending == [shop[k] for k in ("adras", "scarf", "canvas", "ribbon", "felt")]


def test_pagination_keeps_the_count_and_splits_the_order(shop):
    first = search(key=KEY, page=1, page_size=2)
    second = search(key=KEY, page=2, page_size=2)
    beyond = search(key=KEY, page=9, page_size=2)
    assert first.count == second.count == beyond.count == 5
    assert first.ids + second.ids == search(key=KEY).ids[:4]
    assert beyond.ids == []


def test_query_and_filters_combine(shop):
    result = search(key=KEY, q="silk", ranges={"price": (20, None)}, sort="price")
    assert result.ids == [shop["scarf"], shop["adras"]]


def test_a_facet_lists_its_most_frequent_values_and_every_ticked_one(index):
    # 60 suppliers: s0–s49 hold two listings each, s50–s59 one
    documents = [
        Document(title=f"silk {n}", facets={"supplier": [f"s{n}"]})
        for n in range(60)
        for _copy in range(2 if n < 50 else 1)
    ]
    add_documents(index, documents)
    listed = search(key=KEY, q="silk", facets=["supplier"]).facets["supplier"]
    assert sorted(listed) == sorted((f"s{n}", 2) for n in range(50))
    ticked = search(
        key=KEY, q="silk", filters={"supplier": ["s58", "s3"]}, facets=["supplier"]
    ).facets["supplier"]
    assert len(ticked) == 51 and ticked[-1] == ("s58", 1) and ("s3", 2) in ticked

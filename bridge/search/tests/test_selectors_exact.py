"""search() with fixed inputs and exact expected values (issue 18, mutation testing of
bridge/search/selectors.py): the bounds it puts on what callers pass (page, page size, facet
names, blank queries), the default order, the index's id span, and the estimate's thresholds."""

import pytest
from django.db import connection
from django.db.models import Max

from bridge.search import selectors, sql, typos
from bridge.search.analysis import analyse
from bridge.search.backends import backend
from bridge.search.models import SearchEntry, SearchWord
from bridge.search.query import Alternative, Query, Term, term_for
from bridge.search.registry import Document
from bridge.search.selectors import SearchResult, search
from bridge.search.sql import Filters
from bridge.search.thesaurus import current
from bridge.search.typos import Vocabulary

from .engine_support import KEY, add_documents


@pytest.fixture(autouse=True)
def _fresh_vocabulary(monkeypatch):
    # The vocabulary cache is keyed on the highest word id, which a rolled-back test database
    # hands out again: another test's words would answer "did you mean".
    monkeypatch.setattr(typos, "_cache", {})


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
    words = SearchWord.objects.filter(index_key=KEY).aggregate(m=Max("id"))["m"]
    assert words is not None
    assert selectors._span(backend(), KEY) == (min(ids), max(ids), words)
    # an empty index: the ranges over 1..0 are empty, and it has no vocabulary
    assert selectors._span(backend(), "no-such-index") == (1, 0, None)


def test_the_estimate_is_none_at_exactly_the_exact_limit(index, monkeypatch):
    # 10 matches, read whole (buckets = BUCKETS): at the limit they are counted exactly
    add_documents(index, [Document(title=f"Linen {n}") for n in range(10)])
    span = selectors._span(backend(), KEY)[:2]
    flt = Filters(KEY, {}, {})
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 10)
    assert selectors._estimate(backend(), KEY, None, flt, span) is None
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 9)
    estimate = selectors._estimate(backend(), KEY, None, flt, span)
    assert (estimate.sampled, estimate.buckets, len(estimate.rows.passed)) == (10, 256, 10)
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
    assert selectors.index_megabytes() == sum(searched) / 1e6
    assert selectors.index_megabytes() > 0


def test_an_index_with_numbers_but_no_dates_lists_in_the_order_written(index):
    ids = add_documents(
        index, [Document(title=f"Felt {n}", numbers={"price": float(9 - n)}) for n in range(3)]
    )
    assert selectors._default_sort(KEY) == "relevance"
    assert search(key=KEY).ids == ids


def test_highlights_are_those_of_the_listed_hits_of_this_index(shelf):
    # another index holds an entry for the same object, with other words
    SearchEntry.objects.create(
        index_key="other", object_id=shelf[0], title="x", display_title="Cotton rug"
    )
    result = search(key=KEY, q="scarf", page_size=2)
    assert sorted(result.highlights) == sorted(result.ids)
    assert result.highlights[shelf[0]]["title"] == "Silk <mark>scarf</mark> 0"


# --- the vocabulary: stem prefixes made explicit, and which query words the index holds ---

STEMS = ("s_sil", "s_silk", "s_silki", "s_zz")
WORDS = Vocabulary(frozenset({"silk"}), ["silk"], {"silk": ("silk",)}, STEMS, frozenset(STEMS))
SILK = analyse("silk")[0]


def test_a_stem_is_kept_only_when_the_index_holds_it():
    assert typos.expanded(Alternative("s_sil"), WORDS) == [Alternative("s_sil")]
    assert typos.expanded(Alternative("s_qq"), WORDS) == []


def test_a_stem_prefix_stands_for_the_index_s_stems_it_starts(monkeypatch):
    stems = [Alternative("s_sil"), Alternative("s_silk"), Alternative("s_silki")]
    assert typos.expanded(Alternative("s_sil", prefix=True), WORDS) == stems
    monkeypatch.setattr(typos, "MAX_EXPANSIONS", 2)  # too many to list: stays a prefix
    assert typos.expanded(Alternative("s_sil", prefix=True), WORDS) is None


def test_explicit_lists_the_stems_and_drops_prefixes_the_index_lacks(monkeypatch):
    term = Term(
        SILK,
        (
            Alternative("silk"),
            Alternative("s_silk", prefix=True),
            Alternative("s_qq", prefix=True),
            Alternative("s_sil"),
        ),
    )
    extra = [Alternative("c_silk")]
    query = typos.explicit(Query([term], extra), WORDS)
    assert query.terms == [
        Term(
            SILK,
            (
                Alternative("silk"),
                Alternative("s_silk"),
                Alternative("s_silki"),
                Alternative("s_sil"),
            ),
        )
    ]
    assert query.extra == extra
    monkeypatch.setattr(typos, "MAX_EXPANSIONS", 1)
    kept = typos.explicit(Query([term], extra), WORDS).terms[0].alternatives
    assert kept == (Alternative("silk"), Alternative("s_silk", prefix=True), Alternative("s_sil"))


def test_explicit_leaves_the_query_of_an_index_without_stems_alone():
    query = Query([Term(SILK, (Alternative("s_silk", prefix=True),))])
    assert typos.explicit(query, Vocabulary(frozenset(), [], {})) is query


def test_a_word_is_present_when_the_index_holds_it_its_stems_or_its_concept(shelf):
    engine = backend()
    bare = Term(analyse("scarf")[0], ())
    assert typos.present(engine, KEY, bare, WORDS) is False
    held = Term(SILK, ())  # "silk" is one of WORDS
    assert typos.present(engine, KEY, held, WORDS) is True
    stem = Term(analyse("scarf")[0], (Alternative("s_zz", prefix=True),))
    assert typos.present(engine, KEY, stem, WORDS) is True
    # a concept that the index's documents carry, asked of the engine
    concept = Term(analyse("zzzz")[0], (Alternative("c_silk"),))
    assert typos.present(engine, KEY, concept, WORDS) is True
    assert typos.present(engine, "other", concept, WORDS) is False
    unknown = Term(analyse("zzzz")[0], (Alternative("c_paper"),))
    assert typos.present(engine, KEY, unknown, WORDS) is False


def test_an_index_written_before_stems_were_recorded_asks_the_engine(shelf):
    engine = backend()
    old = Vocabulary(frozenset(), [], {})
    scarf = term_for(analyse("scarf")[0], current())
    assert typos.present(engine, KEY, scarf, old) is True
    assert typos.present(engine, "other", scarf, old) is False
    wool = term_for(analyse("wool")[0], current())
    assert typos.present(engine, KEY, wool, old) is False


# --- the sampled path, on a small index made "huge" by lowering the thresholds ---


@pytest.fixture
def sampled_60(index, monkeypatch):
    """60 equally relevant "Natural fabric n" (listed by object id when scores tie), above
    2,000 entries of another index, sampled at 128/256: 30 of their 60 entry ids, the first
    4, 4, 3, 4, 4, 4, 3 and 4 of each eighth. The last three have a price, 43, 42 and 41."""
    SearchEntry.objects.bulk_create(
        SearchEntry(index_key="other", object_id=n, title="x") for n in range(2_000)
    )
    documents = [
        Document(
            title=f"Natural fabric {n}",
            numbers={"price": float(100 - n)} if n >= 57 else {},
        )
        for n in range(60)
    ]
    ids = add_documents(index, documents)
    monkeypatch.setattr(selectors, "EXACT_LIMIT", -1)
    monkeypatch.setattr(selectors, "SAMPLE_TARGET", 30)
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 6)
    return ids


SAMPLE_POSITIONS = [0, 1, 2, 3, 7, 8, 9, 10, 15, 16, 17, 22, 23, 24, 25, 30, 31, 32, 33]


def test_sampled_pages_within_the_rerank_depth_are_reranked_from_head_and_sample(sampled_60):
    # page 3 of 2 ends at the depth (6): every title match is a candidate, all tie, so the
    # fifth and sixth by object id
    result = search(key=KEY, q="natural", page=3, page_size=2)
    assert (result.count, result.approximate) == (60, True)
    assert result.ids == sampled_60[4:6]


def test_sampled_pages_past_the_rerank_depth_are_the_sample_by_score(sampled_60):
    # page 4 of 2 starts past the depth: the 7th and 8th of the sample (its own ids only)
    result = search(key=KEY, q="natural", page=4, page_size=2)
    assert result.ids == [sampled_60[SAMPLE_POSITIONS[6]], sampled_60[SAMPLE_POSITIONS[7]]]


def test_a_sampled_sort_by_number_lists_only_objects_with_the_number(sampled_60):
    assert search(key=KEY, sort="price", page_size=5).ids == sampled_60[57:][::-1]
    assert search(key=KEY, sort="-price", page_size=2).ids == sampled_60[57:59]
    # past them, the objects without a price, in the order written
    assert search(key=KEY, sort="price", page=2, page_size=3).ids == sampled_60[:3]


def test_a_sampled_sort_by_a_number_nobody_has_lists_the_matches(sampled_60):
    result = search(key=KEY, q="natural", sort="-weight", page=2, page_size=3)
    assert (result.count, result.ids) == (60, sampled_60[3:6])
    assert search(key=KEY, sort="weight", page_size=2).ids == sampled_60[:2]


@pytest.fixture
def tray_then_mentions(index, monkeypatch):
    """A copper tray with a long description of other words, then five bowls whose short
    descriptions repeat "copper": the engine's score (bm25 / ts_rank, over the whole entry's
    length) puts the bowls first, the rerank puts the tray (named in its title) first."""
    filler = "bazolimo kavero tesanu midoro ganipe rusola vekotu lamiro dazeni pokuta " * 10
    tray = add_documents(index, [Document(title="Copper tray", body=filler, language="en")])
    bowls = add_documents(
        index,
        [
            Document(
                title=f"Bowl {n}", keywords="copper", body="copper " * 8 + "bowl", language="en"
            )
            for n in range(5)
        ],
    )
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 2)
    monkeypatch.setattr(sql, "RERANK_DEPTH", 2)
    return tray + bowls


def test_the_exact_path_reranks_pages_up_to_the_depth_with_the_title_matches(tray_then_mentions):
    tray, *bowls = tray_then_mentions
    # page 1 of 2 ends at the depth: the engine's best two (bowls 0 and 1) and the title
    # matches, reranked
    assert search(key=KEY, q="copper", page_size=2).ids == [tray, bowls[0]]
    # past the depth: the engine's order, where the tray comes last
    assert search(key=KEY, q="copper", page=2, page_size=2).ids == bowls[2:4]
    assert search(key=KEY, q="copper", page=3, page_size=2).ids == [bowls[4], tray]


def test_only_a_query_s_hits_are_highlighted(shelf):
    assert search(key=KEY, page_size=2).highlights == {}
    assert search(key=KEY, concepts=["silk"], page_size=2).highlights == {}
    assert search(key=KEY, q="zzzzzz").highlights == {}


def test_did_you_mean_joins_the_nearest_words_when_nothing_matched(shelf):
    # four letters allow no edit when searching, one when suggesting
    result = search(key=KEY, q="silc scaf")
    assert (result.count, result.suggestion) == (0, "silk scarf")
    assert search(key=KEY, q="silk").suggestion is None
    assert search(key=KEY, concepts=["paper"]).suggestion is None


def test_each_search_is_timed_under_its_index(shelf):
    from bridge.core.metrics import SEARCH

    def timed() -> float:
        return sum(
            sample.value
            for metric in SEARCH.collect()
            for sample in metric.samples
            if sample.name.endswith("_count") and sample.labels.get("index") == KEY
        )

    before = timed()
    search(key=KEY, q="silk")
    search(key=KEY)
    assert timed() == before + 2

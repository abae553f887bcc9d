"""The sample's candidates of a several-word query on the sampled path (issue 14): its
entries holding every word, one in the title or keywords (the re-ranker's tier 2 and 3), are
read unscored, and bm25 / ts_rank's best of the sample is read only when they do not fill
the page (selectors._with_sample)."""

import random

import pytest
from django.db import connection

from bridge.search import selectors, typos
from bridge.search.analysis.tokens import Token
from bridge.search.backends import backend
from bridge.search.backends.postgres import PostgresBackend
from bridge.search.backends.sqlite import SqliteBackend
from bridge.search.models import BUCKETS, SearchEntry
from bridge.search.query import Alternative, Query, Term, build_query
from bridge.search.registry import Document
from bridge.search.rerank import Ranker
from bridge.search.selectors import search
from bridge.search.sql import Filters, sample_matches
from bridge.search.thesaurus import current
from bridge.search.typos import vocabulary

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration


def _query(q: str):
    return typos.explicit(build_query(q, current()), vocabulary(KEY))


@pytest.fixture
def scored(monkeypatch):
    """The sampled path on a small index, its first RERANK_DEPTH cut to 3; the calls of
    bm25 / ts_rank over the sample are recorded."""
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 3)
    # PostgreSQL ranks the sample instead (its ts_rank costs per row); the path is the same
    monkeypatch.setattr(backend(), "unscored_candidates", 1_000)
    calls = []
    real = selectors.best
    monkeypatch.setattr(selectors, "best", lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


def _mentions(n: int) -> list[Document]:
    """Listings named by one word of «felt sheet», in their titles, and no other."""
    return [Document(title=f"felt roll {i}", language="en") for i in range(n)]


def _named_with_both(n: int, countries=("UZ",)) -> list[Document]:
    """Listings titled by one word whose description holds the other: tier 2; the longer
    their description, the lower they rank."""
    return [
        Document(
            title=f"sheet {i}",
            body=f"pressed felt of {'wool ' * i}",
            language="en",
            facets={"country": [countries[i % len(countries)]]},
        )
        for i in range(n)
    ]


def _hand_query() -> Query:
    """«bobbin lace»: two words, one with a stem prefix, and a concept the phrase names."""
    bobbin = Term(Token("bobbin", "bobbin", (), 0), (Alternative("bobbin"),))
    lace = Term(Token("lace", "lace", (), 1), (Alternative("lace"), Alternative("s_lac", True)))
    return Query([bobbin, lace], [Alternative("c_bobbin-lace")])


def test_the_expression_is_every_word_or_the_concept_and_one_in_the_title_or_keywords():
    assert SqliteBackend().named_with_every_term(_hand_query()) == (
        '({title keywords body} : ((("bobbin") AND ("lace" OR "s_lac"*)) OR "c_bobbin-lace") '
        'AND {title keywords} : (("bobbin") OR ("lace" OR "s_lac"*) OR "c_bobbin-lace"))'
    )
    assert PostgresBackend().named_with_every_term(_hand_query()) == (
        "(((('bobbin') & ('lace' | 's_lac':*)) | 'c_bobbin-lace') & "
        "(('bobbin':AB) | ('lace':AB | 's_lac':*AB) | 'c_bobbin-lace':AB))"
    )


def test_every_word_entries_fill_the_page_and_the_sample_is_not_scored(index, scored):
    add_documents(index, _mentions(5))
    both = add_documents(index, _named_with_both(4))
    result = search(key=KEY, q="felt sheet", page_size=3)
    assert scored == []
    # the re-ranker's order: the shortest description first
    assert result.ids == both[:3]
    assert result.approximate


def test_a_page_that_reaches_past_them_scores_the_sample_as_before(index, scored):
    mentions = add_documents(index, _mentions(5))
    (both,) = add_documents(index, _named_with_both(1))
    result = search(key=KEY, q="felt sheet", page_size=3)
    assert len(scored) == 1
    assert result.ids[0] == both and set(result.ids[1:]) <= set(mentions)


def test_more_of_them_than_the_cap_are_left_to_bm25_or_ts_rank(index, scored, monkeypatch):
    monkeypatch.setattr(backend(), "unscored_candidates", 3)
    add_documents(index, _mentions(5))
    both = add_documents(index, _named_with_both(4))
    result = search(key=KEY, q="felt sheet", page_size=3)
    assert len(scored) == 1
    assert set(result.ids) <= set(both)


def test_the_read_applies_the_facet_filters(index, scored):
    add_documents(index, _mentions(5))
    both = add_documents(index, _named_with_both(6, countries=("RU", "UZ")))
    result = search(key=KEY, q="felt sheet", filters={"country": ["UZ"]}, page_size=3)
    assert scored == [] and result.ids == both[1::2]


def test_a_one_word_sample_small_beside_the_index_is_re_ranked_whole(index, scored, monkeypatch):
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 100)
    mentions = add_documents(index, _mentions(6))
    named = add_documents(index, _named_with_both(3))  # "felt" in their descriptions only
    query = _query("felt")
    ranker = Ranker(query)
    rows = SearchEntry.objects.filter(index_key=KEY).values_list(
        "object_id", "title", "keywords", "body", "anchored"
    )
    by_ranker = [
        object_id
        for *_, object_id in sorted(
            (-tier, -score, object_id)
            for object_id, t, k, b, a in rows
            for tier, score in [ranker({"title": t, "keywords": k, "body": b}, a)]
        )
    ]
    monkeypatch.setattr(selectors, "BM25_PER_CANDIDATE", 1)  # 9 entries, 9 in the sample
    result = search(key=KEY, q="felt", page_size=20)
    assert scored == [] and result.ids == by_ranker
    assert set(result.ids) == {*mentions, *named}
    monkeypatch.setattr(selectors, "BM25_PER_CANDIDATE", 100)  # the sample is not small
    assert search(key=KEY, q="felt", page_size=20).ids == by_ranker
    assert len(scored) == 1


def test_descriptions_holding_every_word_alone_are_left_to_the_scorer(index, scored):
    add_documents(
        index, [Document(title=f"x {i}", body="felt sheet", language="en") for i in range(5)]
    )
    search(key=KEY, q="felt sheet", page_size=3)
    assert len(scored) == 1  # none of them is about the query: tier 0, left to the scorer


def test_the_read_finds_exactly_the_entries_the_re_ranker_puts_in_tier_two_or_three(index):
    # Words, stems, thesaurus concepts in other languages and a phrase, in random fields.
    rnd = random.Random(14)
    vocabulary_ = ["silk", "шёлк", "ipak", "ikat", "икат", "abrband", "fabrics", "fabric",
                   "atlas silk", "felt", "natural", "naturally", "cotton"]  # fmt: skip
    documents = []
    for _ in range(120):
        fields = {name: " ".join(rnd.sample(vocabulary_, rnd.randint(0, 3))) for name in
                  ("keywords", "body")}  # fmt: skip
        documents.append(Document(title=rnd.choice(vocabulary_) + " " + rnd.choice(vocabulary_),
                                  **fields))  # fmt: skip
    ids = add_documents(index, documents)
    engine = backend()
    rows = SearchEntry.objects.filter(index_key=KEY).values_list(
        "object_id", "title", "keywords", "body", "anchored"
    )
    top = max(SearchEntry.objects.filter(index_key=KEY).values_list("id", flat=True))
    low = min(SearchEntry.objects.filter(index_key=KEY).values_list("id", flat=True))
    for q in ["silk ikat", "natural silk fabric", "шёлк икат", "ipak abrband", "felt cotton"]:
        query = _query(q)
        ranker = Ranker(query)
        expected = {
            object_id
            for object_id, title, keywords, body, anchored in rows
            if ranker({"title": title, "keywords": keywords, "body": body}, anchored)[0] >= 2
        }
        slices = engine.sampled(engine.named_with_every_term(query), BUCKETS, top, low)
        found = sample_matches(engine, slices, Filters(KEY, {}, {}), KEY, 1_000)
        assert sorted(found) == sorted(expected), q
        assert len(found) == len(set(found))
    assert len(ids) == 120


def test_the_read_stops_at_its_limit(index):
    add_documents(index, _named_with_both(6))
    engine = backend()
    query = _query("felt sheet")
    ids = SearchEntry.objects.filter(index_key=KEY).values_list("id", flat=True)
    slices = engine.sampled(engine.named_with_every_term(query), BUCKETS, max(ids), min(ids))
    assert len(sample_matches(engine, slices, Filters(KEY, {}, {}), KEY, 4)) == 4
    assert sample_matches(engine, [], Filters(KEY, {}, {}), KEY, 4) == []


def test_each_backend_takes_its_own_way_to_the_same_page(index, monkeypatch):
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 3)
    calls = []
    real = selectors.best
    monkeypatch.setattr(selectors, "best", lambda *a, **k: calls.append(a) or real(*a, **k))
    add_documents(index, _mentions(5))
    both = add_documents(index, _named_with_both(4))
    assert search(key=KEY, q="felt sheet", page_size=3).ids == both[:3]
    # SQLite reads the every-word entries (bm25 costs per statement); PostgreSQL ranks the
    # sample (ts_rank costs per row)
    assert len(calls) == (0 if connection.vendor == "sqlite" else 1)


def _by_ranker(q: str) -> list[int]:
    """Every entry of the index in the re-ranker's order for ``q``."""
    ranker = Ranker(_query(q))
    rows = SearchEntry.objects.filter(index_key=KEY).values_list(
        "object_id", "title", "keywords", "body", "anchored"
    )
    scored = [
        (-tier, -score, object_id)
        for object_id, t, k, b, a in rows
        for tier, score in [ranker({"title": t, "keywords": k, "body": b}, a)]
    ]
    return [object_id for *_, object_id in sorted(scored)]


def test_a_several_word_sample_small_beside_the_index_is_re_ranked_whole(
    index, scored, monkeypatch
):
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 100)
    add_documents(  # every word, in descriptions alone: tier 0, beyond the every-word read
        index, [Document(title=f"x {i}", body="felt sheet", language="en") for i in range(5)]
    )
    add_documents(index, _mentions(3))
    add_documents(index, _named_with_both(2))
    by_ranker = _by_ranker("felt sheet")
    monkeypatch.setattr(selectors, "BM25_PER_WORDS_CANDIDATE", 1)  # 10 entries, 10 sampled
    assert search(key=KEY, q="felt sheet", page_size=20).ids == by_ranker
    assert scored == []
    monkeypatch.setattr(selectors, "BM25_PER_WORDS_CANDIDATE", 100)  # the sample is not small
    assert search(key=KEY, q="felt sheet", page_size=20).ids == by_ranker
    assert len(scored) == 1


def test_a_sample_re_ranked_whole_is_not_read_again(index, scored, monkeypatch):
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 100)
    monkeypatch.setattr(selectors, "BM25_PER_CANDIDATE", 1)
    add_documents(index, _mentions(4))
    both = add_documents(index, _named_with_both(6, countries=("RU", "UZ")))
    reads = []
    real = selectors.sample_matches
    monkeypatch.setattr(
        selectors, "sample_matches", lambda *a, **k: reads.append(a) or real(*a, **k)
    )
    result = search(key=KEY, q="felt", filters={"country": ["UZ"]}, page_size=20)
    assert sorted(result.ids) == sorted(both[1::2])
    assert [i for i in _by_ranker("felt") if i in both[1::2]] == result.ids
    assert reads == [] and scored == []

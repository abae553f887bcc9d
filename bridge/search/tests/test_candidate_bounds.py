"""Candidates ranked out before their descriptions are read (candidates.scored_candidates,
rerank.Ranker.bounds), and the sample's ids kept from the read that estimated it
(facets.Packed, FacetRows.passed_ids)."""

import random

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.search import candidates
from bridge.search.documents import analyse_document
from bridge.search.facets import FacetRows, Packed
from bridge.search.models import SearchEntry
from bridge.search.query import build_query
from bridge.search.registry import Document
from bridge.search.rerank import Ranker, plain_words
from bridge.search.thesaurus import thesaurus_override

from .engine_support import KEY, TEST_CONCEPTS, add_documents, migrate_search

# Words, their inflections, thesaurus words in three languages and filler.
WORDS = ["silk", "silks", "шёлк", "шелковый", "ipak", "ikat", "икат", "abrband", "cotton",
         "paxta", "хлопок", "felt", "natural", "naturally", "fabric", "roll", "sheet", "wool",
         "lace", "bobbin", "blue", "зелёный"]  # fmt: skip
texts = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)
queries = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


@pytest.fixture(scope="module")
def thesaurus():
    with thesaurus_override(TEST_CONCEPTS) as loaded:
        yield loaded


@pytest.mark.unit
@settings(max_examples=400, deadline=None)
@given(title=texts, keywords=texts, body=texts, q=queries, anchored=st.booleans())
def test_the_scorer_falls_within_the_bounds_whatever_the_description(
    thesaurus, title, keywords, body, q, anchored
):
    document = Document(title=title, keywords=keywords, body=body, language="en")
    fields = analyse_document(document, thesaurus)
    ranker = Ranker(build_query(q, thesaurus))
    tier, score = ranker(
        {"title": fields.title, "keywords": fields.keywords, "body": fields.body}, anchored
    )
    # with the description's plain words as stored, and with none known (0)
    for words in (plain_words(fields.body), 0):
        low, high = ranker.bounds(fields.title, fields.keywords, anchored, words)
        assert low[0] <= tier <= high[0]
        if low[0] == tier:
            assert low[1] <= score + 1e-9
        if high[0] == tier:
            assert score <= high[1] + 1e-9
    assert ranker.bounds("", "", anchored)[0] == (0, 0.0)


def _catalog(rnd: random.Random, n: int) -> list[Document]:
    """A few listings named by the query, many mentioning its words in their descriptions."""
    documents = []
    for i in range(n):
        named = " ".join(rnd.sample(["natural", "silk", "fabric"], rnd.randint(0, 3)))
        documents.append(
            Document(
                title=f"{named} {rnd.choice(WORDS)} {i}",
                keywords=" ".join(rnd.sample(WORDS, 2)),
                body=" ".join([*rnd.sample(WORDS, rnd.randint(3, 10)), "silk", "natural"]),
                language="en",
            )
        )
    return documents


@pytest.mark.integration
def test_a_page_ranks_the_same_with_the_unreachable_candidates_left_out(
    index, test_thesaurus, monkeypatch
):
    ids = add_documents(index, _catalog(random.Random(29), 320))
    inflated = []
    real = candidates.unpack
    monkeypatch.setattr(candidates, "unpack", lambda v: inflated.append(v) or real(v))
    for q, end in [("natural silk fabric", 20), ("silk", 10), ("fabric natural", 40)]:
        query = build_query(q, test_thesaurus)
        inflated.clear()
        everything = candidates.rerank_candidates(KEY, query, ids)
        assert len(inflated) == len(ids)
        inflated.clear()
        first = candidates.rerank_candidates(KEY, query, ids, end)
        assert first[:end] == everything[:end], q
        # fewer descriptions read than candidates: most cannot reach the page
        assert end <= len(inflated) < len(ids) // 2, q


@pytest.mark.integration
def test_few_candidates_are_all_scored(index, test_thesaurus):
    ids = add_documents(index, _catalog(random.Random(3), 30))
    query = build_query("natural silk", test_thesaurus)
    scored = candidates.scored_candidates(KEY, query, ids, 10)  # 30 for 10 places
    assert sorted(object_id for *_, object_id in scored) == sorted(ids)


@pytest.mark.unit
@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(1, 10**6), st.sampled_from(["UZ", "RU", "KZ"])), max_size=40
    ),
    wanted=st.lists(st.sampled_from(["UZ", "RU", "KZ"]), max_size=2, unique=True),
)
def test_the_passing_rows_keep_their_object_ids(rows, wanted):
    packed = Packed(f"country\x1f{country}" for _id, country in rows)
    packed.ids = [object_id for object_id, _country in rows]
    selected = {"country": wanted} if wanted else {}
    sorted_rows = FacetRows(packed, selected)
    expected = [object_id for object_id, country in rows if not wanted or country in wanted]
    assert sorted_rows.passed_ids == expected
    assert FacetRows([f"country\x1f{c}" for _i, c in rows], selected).passed_ids is None


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_the_words_of_the_descriptions_already_indexed(
    transactional_db, index
):
    ids = add_documents(
        index,
        [
            Document(title="Silk scarf", body="Warm wool from the valley", language="en"),
            Document(title="Felt", language="en"),
        ],
    )
    stored = dict(SearchEntry.objects.values_list("object_id", "body_words"))
    migrate_search("0018_numbers_keyed")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM search_searchentry")
            assert "body_words" not in [column[0] for column in cursor.description]
    finally:
        migrate_search(None)
    assert dict(SearchEntry.objects.values_list("object_id", "body_words")) == stored
    assert stored[ids[0]] == plain_words(SearchEntry.objects.get(object_id=ids[0]).body) > 0
    assert stored[ids[1]] == 0

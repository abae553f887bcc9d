"""Head postings (issue 14, docs/decisions/0018): the best title and keyword matches of a word
are read from one ordered list per token, kept with the entries and cut to head.KEEP."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bridge.search import head, selectors
from bridge.search.models import SearchHead
from bridge.search.query import build_query
from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.services import search_index_remove, search_index_update, search_rebuild
from bridge.search.sql import clean_filters
from bridge.search.thesaurus import current

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration


def _list(token: str) -> list[tuple[int, int]]:
    """(object id, impact) of one token's list, best first."""
    return list(
        SearchHead.objects.filter(index_key=KEY, token=token)
        .order_by("-impact", "object_id")
        .values_list("object_id", "impact")
    )


def _candidates(q: str, limit: int = 10, filters=None) -> list[int]:
    query = build_query(q, current())
    scored = head.candidates(KEY, query, clean_filters(KEY, filters, None), limit)
    return [object_id for object_id, _score in scored]


def test_a_word_in_a_short_title_weighs_more_than_in_a_long_title_or_the_keywords(index):
    short, long_title, tagged, described = add_documents(
        index,
        [
            Document(title="copper tray", language="en"),
            Document(title="copper tray with a hammered rim and two handles", language="en"),
            Document(title="tray", keywords="copper", language="en"),
            Document(title="tray", body="copper", language="en"),
        ],
    )
    # rerank: title 3 / (1 + 0.05 × 2 words); 9 words; keywords 2 / (1 + 0.02 × 1)
    assert _list("copper") == [(short, 27273), (long_title, 20690), (tagged, 19608)]
    assert described not in [object_id for object_id, _ in _list("copper")]


def test_a_word_in_both_fields_adds_a_quarter_of_the_weaker_and_stems_and_concepts_weigh_less(
    index,
):
    (both,) = add_documents(
        index, [Document(title="шёлковая ткань", keywords="шёлк", language="ru")]
    )
    impacts = dict(SearchHead.objects.filter(object_id=both).values_list("token", "impact"))
    title, keywords = 3 / 1.1, 2 / 1.02  # two title words, one keyword
    assert impacts["ткань"] == round(title * 10_000)
    assert impacts["c_silk"] == round((title + 0.25 * keywords) * 0.5 * 10_000)
    stems = [token for token in impacts if token.startswith("s_")]
    assert stems and all(impacts[s] == round(title * 0.75 * 10_000) for s in stems if "тка" in s)


def test_lists_are_cut_to_keep_their_best_entries(index, monkeypatch):
    monkeypatch.setattr(head, "KEEP", 5)
    ids = add_documents(
        index,
        [Document(title="felt " + " ".join(["x"] * n), language="en") for n in range(8, 0, -1)],
    )
    # shorter titles weigh more: the last five written are the five best
    assert [object_id for object_id, _ in _list("felt")] == ids[:2:-1]


def test_a_full_list_gets_no_posting_that_its_cut_would_delete(index, monkeypatch):
    monkeypatch.setattr(head, "KEEP", 3)
    kept = add_documents(
        index, [Document(title="felt " + "x " * n, language="en") for n in (2, 4, 6)]
    )
    written = []
    write = head.write
    monkeypatch.setattr(
        head, "write", lambda cursor, rows: write(cursor, written.extend(rows) or rows)
    )
    better, _worse = add_documents(
        index,
        [
            Document(title="felt x", language="en"),
            Document(title="felt " + "x " * 8, language="en"),
        ],
    )
    # the three best of the five, as if every posting had been written and then cut
    assert [object_id for object_id, _ in _list("felt")] == [better, kept[0], kept[1]]
    felt = {object_id for _key, token, _impact, object_id in written if token == "felt"}
    assert felt == {better}


def test_the_lists_tell_their_length_and_last_kept_row_and_only_overflowing_ones_are_cut(
    index, monkeypatch
):
    monkeypatch.setattr(head, "KEEP", 3)
    add_documents(
        index,
        [Document(title="felt " + "x " * n + f"n{n}", language="en") for n in (2, 4, 6)]
        + [Document(title="wool", language="en")],
    )
    with connection.cursor() as cursor:
        lists = head.lists(cursor, KEY, ["felt", "wool", "n2", "never"])
    felt = _list("felt")
    assert lists.rows == {"felt": 3, "wool": 1, "n2": 1}  # a token without a list: absent
    assert lists.last == {"felt": (felt[-1][1], -felt[-1][0])}  # only full lists have one
    assert lists.overflowing(["felt", "wool", "wool", "new"]) == {"felt"}
    assert lists.overflowing(["wool", "wool", "wool"]) == {"wool"}  # 1 + 3 > KEEP

    cut = []
    prune = head.prune
    monkeypatch.setattr(
        head, "prune", lambda cursor, key, tokens: prune(cursor, key, cut.extend(tokens) or tokens)
    )
    better, _ = add_documents(
        index, [Document(title="felt", language="en"), Document(title="silk", language="en")]
    )
    assert "felt" in cut  # full, and pushed past KEEP
    assert not [token for token in cut if "silk" in token]  # a new list is left alone
    assert [object_id for object_id, _ in _list("felt")] == [better, *[o for o, _ in felt[:2]]]


def test_a_call_that_only_removes_reads_no_list(index):
    (listing,) = add_documents(index, [Document(title="copper tray", language="en")])
    with CaptureQueriesContext(connection) as queries:
        search_index_remove(key=KEY, ids=[listing])
    assert not [q for q in queries if "LATERAL" in q["sql"] or "COUNT(*) OVER" in q["sql"]]
    assert not SearchHead.objects.filter(index_key=KEY).exists()


def test_re_indexing_replaces_the_postings_and_removing_deletes_them(index):
    (listing,) = add_documents(index, [Document(title="copper tray", language="en")])
    index.documents[listing] = Document(title="brass tray", language="en")
    search_index_update(key=KEY, objects=list(index.queryset()))
    tokens = set(SearchHead.objects.filter(object_id=listing).values_list("token", flat=True))
    assert "brass" in tokens and "copper" not in tokens
    search_index_remove(key=KEY, ids=[listing])
    assert not SearchHead.objects.filter(index_key=KEY).exists()


def test_a_rebuild_writes_the_same_postings(index):
    add_documents(
        index,
        [Document(title=f"atlas silk {n}", keywords="ikat", language="en") for n in range(5)],
    )
    before = set(
        SearchHead.objects.filter(index_key=KEY).values_list("token", "impact", "object_id")
    )
    search_rebuild(key=KEY)
    after = set(
        SearchHead.objects.filter(index_key=KEY).values_list("token", "impact", "object_id")
    )
    assert after == before and len(before) > 5


def test_the_migration_fills_the_postings_of_existing_entries(index):
    from importlib import import_module

    add_documents(index, [Document(title="copper tray", keywords="hand-beaten", language="en")])
    written = set(SearchHead.objects.values_list("index_key", "token", "impact", "object_id"))
    SearchHead.objects.all().delete()
    import_module("bridge.search.migrations.0010_head_postings")._fill(connection)
    assert set(SearchHead.objects.values_list("index_key", "token", "impact", "object_id")) == (
        written
    )


def test_candidates_sum_the_best_alternative_of_each_word(index):
    both, copper, tray = add_documents(
        index,
        [
            Document(title="copper tray with handles", language="en"),
            Document(title="copper", language="en"),
            Document(title="tray", language="en"),
        ],
    )
    # both words in a four-word title (2 × 3 / 1.2) beat one word in a one-word title
    query = build_query("copper tray", current())
    assert head.candidates(KEY, query, clean_filters(KEY, None, None), 10) == [
        (both, 5.0),
        (copper, 2.8571),
        (tray, 2.8571),
    ]
    assert _candidates("copper") == [copper, both]


def test_candidates_apply_the_filters_before_the_limit(index):
    ids = add_documents(
        index,
        [
            Document(title="felt", facets={"country": ["RU"]}, language="en"),
            Document(title="felt sheet", facets={"country": ["RU"]}, language="en"),
            Document(title="felt sheet roll", facets={"country": ["UZ"]}, language="en"),
        ],
    )
    assert _candidates("felt", limit=1, filters={"country": ["UZ"]}) == [ids[2]]


def test_a_prefix_reads_every_token_it_starts(index):
    (listing,) = add_documents(index, [Document(title="шелковистый", language="ru")])
    query = build_query("шелк", current())
    prefixes = [a for term in query.terms for a in term.alternatives if a.prefix]
    assert prefixes  # шелк is read as the stem prefix of шелковистый
    assert head.candidates(KEY, query, clean_filters(KEY, None, None), 10) == [
        (listing, round(3 / 1.05 * 0.75, 4))  # a stem in a one-word title
    ]


def test_the_head_is_one_statement_however_many_titles_hold_the_word(index):
    add_documents(index, [Document(title=f"felt {n}", language="en") for n in range(300)])
    with CaptureQueriesContext(connection) as queries:
        found = _candidates("felt", limit=100)
    assert len(found) == 100 and len(queries) == 1


def test_an_old_listing_named_by_a_common_word_is_found_on_the_sampled_path(index, monkeypatch):
    # 300 newer listings hold the word in longer titles; the sample may miss the old one
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    (old,) = add_documents(index, [Document(title="felt", language="en")])
    add_documents(
        index, [Document(title=f"felt sheet grade {n} roll", language="en") for n in range(300)]
    )
    result = search(key=KEY, q="felt")
    assert result.approximate and result.ids[0] == old


def test_a_removed_listing_is_never_a_candidate(index):
    first, second = add_documents(
        index, [Document(title="felt", language="en"), Document(title="felt roll", language="en")]
    )
    search_index_remove(key=KEY, ids=[first])
    assert _candidates("felt") == [second]
    assert search(key=KEY, q="felt").ids == [second]


@pytest.fixture
def sampled(monkeypatch):
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    read = []
    real = selectors.best
    monkeypatch.setattr(selectors, "best", lambda *a, **k: read.append(a) or real(*a, **k))
    return read


def test_a_full_head_of_strong_title_matches_spares_the_sample_for_one_word(
    index, monkeypatch, sampled
):
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 3)
    add_documents(index, [Document(title=f"felt roll {n}", language="en") for n in range(3)])
    (mentioned,) = add_documents(index, [Document(title="sheet", body="felt", language="en")])
    result = search(key=KEY, q="felt", page_size=3)
    assert sampled == [] and mentioned not in result.ids[:3]
    search(key=KEY, q="felt sheet", page_size=3)  # two words: an entry may hold one in its body
    assert len(sampled) == 1


def test_a_short_or_weak_head_still_reads_the_sample(index, monkeypatch, sampled):
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 3)
    add_documents(index, [Document(title="felt roll", language="en")])
    search(key=KEY, q="felt", page_size=3)  # one title match of three wanted
    assert len(sampled) == 1
    # the word in three 60-word titles scores 3 / 4 = 0.75 < a one-word body's 0.952
    filler = " ".join(["x"] * 59)
    add_documents(index, [Document(title=f"felted {filler}", language="en") for _ in range(3)])
    search(key=KEY, q="felted", page_size=3)
    assert len(sampled) == 2

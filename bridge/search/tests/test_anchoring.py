"""Candidates chosen as the re-ranker orders them (issue 14, goal 2): each entry records
whether its description is about what its title and keywords name (rerank.anchored), and both
engines weigh an unanchored description down when they pick the first candidates. Without it,
150 made-up texts naming a word in passing filled bm25's hundred, and a listing whose own
description names the word never reached the re-ranker."""

from importlib import import_module

import pytest
from django.apps import apps as global_apps
from django.db import connection

from bridge.search import rerank, selectors
from bridge.search.analysis.tokens import Token
from bridge.search.models import SearchEntry
from bridge.search.query import Alternative, Query, Term
from bridge.search.registry import Document
from bridge.search.selectors import search

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration

MADE_UP = "bazolimo kavero tesanu ganipe rusola lamiro dazeni pokuta sivune torami"


def strings(title="", keywords="", body=""):
    return {"title": title, "keywords": keywords, "body": body}


@pytest.mark.unit
@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # the description restates a stem of the title or keywords
        (strings("glazed s_glaz bowl s_bowl", "", "a glazed s_glaz dish"), True),
        (strings("bowl s_bowl", "ceramics s_ceram", "ceramics s_ceram from rishton"), True),
        # a shared concept is enough, whatever the words
        (strings("atlas c_atlas", "", "shoyi c_atlas"), True),
        # nothing in common: text about something else
        (strings("vekotu s_vekot", "", "karakalpak s_karakalp bazolimo"), False),
        # a plain word shared, no stem or concept: not enough
        (strings("vekotu", "", "vekotu karakalpak"), False),
        # no description: nothing to weigh down
        (strings("vekotu s_vekot", "", ""), True),
        (strings("vekotu s_vekot", "", "   "), True),
    ],
)
def test_a_description_is_anchored_when_it_shares_a_stem_or_concept(fields, expected):
    assert rerank.anchored(fields) is expected


@pytest.mark.unit
def test_the_re_ranker_takes_the_entry_s_stored_flag_instead_of_computing_it_again():
    word = Term(Token("karakalpak", "karakalpak", (), 0), (Alternative("karakalpak"),))
    ranker = rerank.Ranker(Query([word]))
    fields = strings("vekotu s_vekot", "", "karakalpak s_karakalp")  # unanchored
    tier, computed = ranker(fields)
    assert ranker(fields, False) == (tier, computed)
    assert ranker(fields, True) == (tier, 2 * computed)  # a body match at its full weight


@pytest.fixture
def named_in_its_description(index):
    """One listing that names «karakalpak» in its own description, then 150 newer made-up
    ones of about the same length that name it in passing."""
    real = add_documents(
        index,
        [
            Document(
                title="Glazed bowl",
                keywords="ceramics",
                body="A glazed bowl thrown on the wheel and glazed twice, with a Karakalpak "
                "pattern painted on the rim by hand, fired in a wood kiln.",
                language="en",
            )
        ],
    )[0]
    noise = add_documents(
        index,
        [
            Document(title=f"Vekotu midoro {n}", body=f"{MADE_UP} karakalpak {MADE_UP}")
            for n in range(150)
        ],
    )
    return real, noise


@pytest.fixture(params=["exact", "sampled"])
def path(request, monkeypatch):
    if request.param == "sampled":
        monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    return request.param


def test_each_entry_records_whether_its_description_is_anchored(named_in_its_description):
    real, noise = named_in_its_description
    anchored = dict(SearchEntry.objects.filter(index_key=KEY).values_list("object_id", "anchored"))
    assert anchored[real] is True
    assert {anchored[n] for n in noise} == {False}


def test_a_description_about_the_listing_beats_passing_mentions(named_in_its_description, path):
    real, noise = named_in_its_description
    result = search(key=KEY, q="karakalpak", page_size=10)
    assert result.approximate == (path == "sampled")
    assert result.ids[0] == real
    assert set(result.ids[1:]) <= set(noise)


def test_the_passing_mentions_are_still_found(named_in_its_description, path):
    real, noise = named_in_its_description
    result = search(key=KEY, q="karakalpak", page=2, page_size=100)
    assert result.ids and set(result.ids) <= {real, *noise}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's vector weights")
def test_on_postgresql_an_unanchored_body_is_written_at_weight_d(named_in_its_description):
    real, noise = named_in_its_description
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, vector::text FROM search_vector WHERE index_key = %s "
            "AND object_id IN (%s, %s)",
            [KEY, real, noise[0]],
        )
        vectors = dict(cursor.fetchall())
    # "'karakalpak':12C" at weight C; weight D is printed without a letter: "'karakalpak':12"
    positions = {
        object_id: vector.split("'karakalpak':")[1].split(" ")[0]
        for object_id, vector in vectors.items()
    }
    assert positions[real].endswith("C")
    assert positions[noise[0]][-1].isdigit()


def test_the_migration_marks_the_unanchored_entries_of_an_existing_index(
    named_in_its_description,
):
    real, noise = named_in_its_description
    SearchEntry.objects.filter(index_key=KEY).update(anchored=True)  # as before 0011
    import_module("bridge.search.migrations.0011_anchored_bodies").classify(global_apps, None)
    anchored = dict(SearchEntry.objects.filter(index_key=KEY).values_list("object_id", "anchored"))
    assert anchored[real] is True
    assert [n for n in noise if anchored[n]] == []
    # and the search weighs them as if freshly indexed
    assert search(key=KEY, q="karakalpak", page_size=10).ids[0] == real

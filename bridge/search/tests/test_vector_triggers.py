"""PostgreSQL: search_vector follows the entries through statement-level triggers (migration
0020). Whatever writes the entries, and however many rows one statement writes, each vector
holds the entry's tokens at their places with their field's weight."""

import pytest
from django.db import connection

from bridge.search.models import SearchEntry
from bridge.search.registry import Document

from .engine_support import KEY, add_documents, copy_entries, migrate_search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no search_vector"),
]


def _expected(title: str, keywords: str, body: str, anchored: bool) -> dict[str, list[str]]:
    """The tsvector the entry's token strings make: each field's tokens numbered from 1, after
    the places of the fields before it; weights A (title), B (keywords), C or D (body). D,
    the default weight, is written without its letter."""
    lexemes: dict[str, list[str]] = {}
    shift = 0
    for text, weight in ((title, "A"), (keywords, "B"), (body, "C" if anchored else "")):
        tokens = text.split()
        for place, token in enumerate(tokens, 1):
            lexemes.setdefault(token, []).append(f"{place + shift}{weight}")
        shift += len(tokens)
    return lexemes


def _parsed(vector: str) -> dict[str, list[str]]:
    lexemes = {}
    for item in vector.split(" "):
        lexeme, places = item.rsplit(":", 1)
        lexemes[lexeme.strip("'")] = places.split(",")
    return lexemes


def _vectors() -> dict[int, tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.object_id, v.vector::text, v.facet_values, v.object_id "
            "FROM search_searchentry e LEFT JOIN search_vector v ON v.id = e.id "
            "WHERE e.index_key = %s",
            [KEY],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _assert_vectors_match_entries() -> None:
    vectors = _vectors()
    entries = SearchEntry.objects.filter(index_key=KEY)
    assert set(vectors) == {entry.object_id for entry in entries}
    for entry in entries:
        vector, facets, object_id = vectors[entry.object_id]
        expected = _expected(entry.title, entry.keywords, entry.body, entry.anchored)
        assert _parsed(vector) == expected, entry.object_id
        assert (facets, object_id) == (entry.facet_values, entry.object_id)


def _documents() -> list[Document]:
    return [
        Document(title="Silk scarf", keywords="ikat", body="hand woven silk", language="en"),
        Document(title="Copper tray", body="a tray of copper, hammered", language="en"),
        Document(title="Wool felt", keywords="felt", body="soft", facets={"country": ["KZ"]}),
    ]


def test_every_entry_written_in_one_statement_gets_its_vector(index):
    add_documents(index, _documents())
    _assert_vectors_match_entries()


def test_updates_of_many_rows_keep_or_remake_each_vector_and_deletes_remove_it(index):
    ids = add_documents(index, _documents())
    entries = SearchEntry.objects.filter(index_key=KEY)
    before = _vectors()
    entries.update(facet_values="country\x1fUZ")  # facets only: every vector stays
    after = _vectors()
    assert [after[i][0] for i in ids] == [before[i][0] for i in ids]
    assert {after[i][1] for i in ids} == {"country\x1fUZ"}
    entries.filter(object_id__in=ids[:2]).update(title="linen towel")
    entries.filter(object_id=ids[0]).update(anchored=False)  # the body at weight D
    _assert_vectors_match_entries()
    assert _parsed(_vectors()[ids[0]][0])["woven"][0].isdigit()  # D: no letter
    entries.filter(object_id__in=ids[1:]).delete()
    assert set(_vectors()) == {ids[0]}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_vector WHERE index_key = %s", [KEY])
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db(transaction=True)
def test_going_back_to_row_triggers_and_forward_again_keeps_the_vectors(index):
    ids = add_documents(index, _documents())
    try:
        migrate_search("0019_entry_body_words")
        copies = copy_entries(ids[:2])  # written by the row trigger
        _assert_vectors_match_entries()
    finally:
        migrate_search(None)
    copy_entries(copies, offset=5_000)  # by the statement trigger again
    SearchEntry.objects.filter(object_id=copies[0]).delete()
    _assert_vectors_match_entries()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'search_searchentry'::regclass "
            "AND NOT tgisinternal ORDER BY tgname"
        )
        assert [name for (name,) in cursor.fetchall()] == [
            "search_vector_deleted",
            "search_vector_inserted",
            "search_vector_truncate",
            "search_vector_updated",
        ]

"""SQLite's narrow table (migration 0013): per entry only what matching, sampling, filters and
facet counts read, kept in step with search_searchentry by triggers, so that those statements
read ~150-byte rows instead of the entries' ~1.9 KB (issue 14)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from bridge.search.models import SearchEntry
from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.services import search_index_remove, search_index_update

from .engine_support import KEY, add_documents, copy_entries, migrate_search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL has search_vector"),
]

COLUMNS = "SELECT id, index_key, object_id, facet_values, anchored FROM "


def _rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(COLUMNS + table + " ORDER BY id")
        return cursor.fetchall()


def _narrow() -> list[tuple]:
    return _rows("search_narrow")


def _entries() -> list[tuple]:
    return _rows("search_searchentry")


def _documents() -> list[Document]:
    return [
        Document(title="Silk scarf", facets={"country": ["UZ"], "fibre": ["silk"]}),
        Document(title="Plain scarf"),
        Document(title="Vekotu", body="karakalpak bazolimo", facets={"country": ["KZ"]}),
    ]


def test_the_narrow_table_follows_every_write(index):
    ids = add_documents(index, _documents())
    assert len(_narrow()) == 3 and _narrow() == _entries()
    assert [row[4] for row in _narrow()] == [1, 1, 0]  # the third is not anchored

    index.documents[ids[0]] = Document(title="Silk scarf", facets={"country": ["KZ"]})
    search_index_update(key=KEY, objects=Group.objects.filter(pk=ids[0]))  # re-indexed
    assert _narrow() == _entries()
    assert search(key=KEY, q="scarf", filters={"country": ["KZ"]}).ids == [ids[0]]

    SearchEntry.objects.filter(object_id=ids[1]).update(facet_values="country\x1fRU")
    assert _narrow() == _entries()
    assert search(key=KEY, q="scarf", filters={"country": ["RU"]}).ids == [ids[1]]

    search_index_remove(key=KEY, ids=[ids[1]])
    assert len(_narrow()) == 2 and _narrow() == _entries()
    assert search(key=KEY, q="scarf").ids == [ids[0]]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_it_from_the_entries_and_going_back_drops_it(transactional_db, index):
    first = add_documents(index, _documents())
    migrate_search("0012_drop_facet_rows")
    try:
        assert "search_narrow" not in connection.introspection.table_names()
        later = copy_entries(first)  # written while no trigger fills it
    finally:
        migrate_search(None)
    assert len(_narrow()) == 6 and _narrow() == _entries()
    assert sorted(search(key=KEY, q="scarf", filters={"country": ["UZ"]}).ids) == [
        first[0],
        later[0],
    ]

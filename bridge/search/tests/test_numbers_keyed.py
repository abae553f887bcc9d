"""Search numbers keyed by (index key, name, object id), with no id (migration 0018): a
WITHOUT ROWID table on SQLite. Ranges and sorting by a number read them as before, and the
migration keeps every number both ways."""

import pytest
from django.db import IntegrityError, connection, transaction

from bridge.search.models import SearchNumber
from bridge.search.registry import Document
from bridge.search.selectors import search

from .engine_support import KEY, add_documents, migrate_search


def _prices(index) -> list[int]:
    return add_documents(
        index,
        [
            Document(title=f"Linen {n}", numbers={"price": price})
            for n, price in enumerate([30, 10, 20])
        ],
    )


def _numbers() -> set[tuple]:
    return set(SearchNumber.objects.values_list("index_key", "object_id", "name", "value"))


def test_ranges_and_sorting_read_the_keyed_numbers(index):
    ids = _prices(index)
    in_range = search(key=KEY, q="linen", ranges={"price": (15, None)}, sort="price")
    assert in_range.ids == [ids[2], ids[0]]
    assert search(key=KEY, q="", sort="price").ids == [ids[1], ids[2], ids[0]]
    number = SearchNumber.objects.get(index_key=KEY, name="price", object_id=ids[1])
    assert number.pk == (KEY, "price", ids[1]) and number.value == 10
    with pytest.raises(IntegrityError), transaction.atomic():
        SearchNumber.objects.create(index_key=KEY, name="price", object_id=ids[1], value=11)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL tables have no rowid")
def test_sqlite_keeps_the_numbers_in_one_b_tree(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_schema WHERE name = 'search_searchnumber'")
        assert "WITHOUT ROWID" in cursor.fetchone()[0]
        cursor.execute("PRAGMA index_list(search_searchnumber)")
        assert {row[1] for row in cursor.fetchall()} >= {"search_number_nvo"}


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_number_both_ways(transactional_db, index):
    _prices(index)
    before = _numbers()
    migrate_search("0017_sqlite_packed_text")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM search_searchnumber")
            assert cursor.fetchone() == (3, 3)  # an id again for each
    finally:
        migrate_search(None)
    assert _numbers() == before
    assert search(key=KEY, q="", sort="price").count == 3

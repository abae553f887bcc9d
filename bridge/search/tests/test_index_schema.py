"""The index holds what the engines read and nothing else (migration 0009): no sampling bucket
in the entries, the FTS5 table or PostgreSQL's narrow table, and no ``_b<n>`` lexeme."""

import pytest
from django.db import connection

from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.services import search_index_documents

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def test_the_entries_have_no_bucket_column(index):
    assert "bucket" not in _columns("search_searchentry")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_the_fts_table_indexes_the_three_text_fields_only(index):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pragma_table_info('search_fts') ORDER BY cid")
        assert [name for (name,) in cursor.fetchall()] == ["title", "keywords", "body"]
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
            "'search_searchentry' AND sql LIKE '%bucket%'"
        )
        assert cursor.fetchall() == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_the_narrow_vectors_hold_title_keywords_and_body_lexemes_only(index):
    assert "bucket" not in _columns("search_vector")
    # A description about the listing (it names its adras): weight D is left to unanchored
    # descriptions (migration 0011, test_anchoring.py).
    add_documents(
        index, [Document(title="Silk adras", keywords="ikat", body="Adras woven by hand")]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE u.lexeme LIKE '\\_b%%' "
            "OR 'D' = ANY(u.weights)) FROM search_vector e, unnest(e.vector) u"
        )
        lexemes, strays = cursor.fetchone()
    assert lexemes > 0
    assert strays == 0


def test_reindexed_entries_are_found_by_their_new_text_through_the_triggers(index):
    [silk] = add_documents(index, [Document(title="Silk adras", body="Woven by hand")])
    search_index_documents(key=KEY, documents=[(silk, Document(title="Linen towel"))])
    assert search(key=KEY, q="adras").ids == []
    assert search(key=KEY, q="linen").ids == [silk]

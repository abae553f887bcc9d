"""PostgreSQL's narrow search table (migration 0007, docs/decisions/0017-postgres-search.md):
it follows every write to the entries, and search answers the same with its RUM index or with
the GIN index used where the extension is not installed."""

import pytest
from django.db import connection

from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.services import search_index_documents, search_index_remove

from .engine_support import KEY, add_documents

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def _silk_and_cotton(index):
    return add_documents(
        index,
        [
            Document(title="Silk adras", body="Woven by hand", facets={"fibre": ["silk"]}),
            Document(title="Cotton fabric", body="Natural dyes", facets={"fibre": ["cotton"]}),
        ],
    )


def test_reindexed_and_removed_objects_are_found_by_their_new_text_only(index):
    silk, cotton = _silk_and_cotton(index)
    search_index_documents(key=KEY, documents=[(silk, Document(title="Linen towel"))])
    assert search(key=KEY, q="adras").ids == []
    assert search(key=KEY, q="linen").ids == [silk]
    search_index_remove(key=KEY, ids=[cotton])
    assert search(key=KEY, q="cotton").ids == []


def test_facet_counts_come_from_the_narrow_rows(index):
    _silk_and_cotton(index)
    result = search(key=KEY, q="", facets=["fibre"])
    assert result.facets["fibre"] == [("cotton", 1), ("silk", 1)]


def test_search_answers_the_same_on_the_gin_index_without_rum(index):
    silk, _cotton = _silk_and_cotton(index)
    before = search(key=KEY, q="silk adras", facets=["fibre"])
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute("DROP INDEX search_vector_text")
        cursor.execute("CREATE INDEX search_vector_text ON search_vector USING gin (vector)")
    after = search(key=KEY, q="silk adras", facets=["fibre"])
    assert after.ids == before.ids == [silk]
    assert after.facets == before.facets


def test_a_search_sets_the_planner_for_its_transaction_only(index):
    _silk_and_cotton(index)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)
        search(key=KEY, q="silk")  # inside the test's transaction: set until it ends
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
        assert cursor.fetchone() == ("off", "off")

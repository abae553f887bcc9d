"""PostgreSQL's narrow search table (migration 0007, docs/decisions/0017-postgres-search.md):
it follows every write to the entries, and its text index is GIN (migration 0014, decision
0025); search answers the same on the RUM index that going back to 0013 rebuilds."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bridge.search.backends import backend
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


def _index_method(cursor) -> tuple[str, list | None]:
    cursor.execute(
        "SELECT am.amname, c.reloptions FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
        "WHERE c.relname = 'search_vector_text'"
    )
    return cursor.fetchone()


def test_the_text_index_is_gin_and_gathers_new_rows_in_its_pending_list(index):
    with connection.cursor() as cursor:
        method, options = _index_method(cursor)
    # fastupdate (on unless an option turns it off) is what makes an import's inserts cheap
    assert (method, options) == ("gin", None)


def test_search_answers_the_same_on_the_rum_index_of_before(index):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            pytest.skip("the rum package is not installed")
    silk, _cotton = _silk_and_cotton(index)
    before = search(key=KEY, q="silk adras", facets=["fibre"])
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        cursor.execute("DROP INDEX search_vector_text")
        cursor.execute(
            "CREATE INDEX search_vector_text ON search_vector USING rum (vector rum_tsvector_ops)"
        )
        assert _index_method(cursor)[0] == "rum"
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


def test_a_facet_filter_is_answered_from_the_pairs_index(index):
    silk, _cotton = _silk_and_cotton(index)
    # The backend's own condition: its expression must be the index's, or the filter would
    # read every narrow row of the index key.
    condition, params = backend().holds_any_pair("e.facet_values", ["fibre\x1fsilk"])
    sql = "SELECT e.object_id FROM search_vector e WHERE " + condition  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
        cursor.execute(sql, params)
        assert [row[0] for row in cursor.fetchall()] == [silk]
    assert "search_vector_pairs" in plan
    assert search(key=KEY, q="", filters={"fibre": ["silk"]}).ids == [silk]


# 150 distinct words: a vector of ~5 kB, more than the ~2 kB above which PostgreSQL's default
# moves a row's widest value out of line, and less than the ~8 kB migration 0021 allows.
LONG_BODY = " ".join(f"motif{n} pattern{n}" for n in range(75))


def _vector_out_of_line(cursor) -> tuple[int, int]:
    """The largest vector's size, and how many chunks the TOAST table of search_vector holds."""
    cursor.execute("SELECT MAX(pg_column_size(vector)) FROM search_vector")
    (largest,) = cursor.fetchone()
    cursor.execute(
        "SELECT t.relname FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid "
        "WHERE c.relname = 'search_vector'"
    )
    (toast,) = cursor.fetchone()
    cursor.execute(f'SELECT COUNT(*) FROM pg_toast."{toast}"')  # noqa: S608 — a catalog name
    return largest, cursor.fetchone()[0]


def test_a_long_description_keeps_its_vector_in_the_row_read_by_every_match(index):
    # Out of line, every @@ and ts_rank on the row read its chunks through the TOAST index.
    (long,) = add_documents(index, [Document(title="Suzani panel", body=LONG_BODY)])
    with connection.cursor() as cursor:
        largest, chunks = _vector_out_of_line(cursor)
    assert 3_000 < largest < 8_000
    assert chunks == 0
    assert search(key=KEY, q="motif50").ids == [long]


@pytest.mark.django_db(transaction=True)
def test_the_migration_brings_the_vectors_already_out_of_line_into_their_rows(index):
    executor = MigrationExecutor(connection)
    executor.migrate([("search", "0020_postgres_statement_triggers")])
    (long,) = add_documents(index, [Document(title="Suzani panel", body=LONG_BODY)])
    with connection.cursor() as cursor:
        assert _vector_out_of_line(cursor)[1] > 0
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("search"))
    with connection.cursor() as cursor:
        assert _vector_out_of_line(cursor)[1] == 0
    assert search(key=KEY, q="motif50").ids == [long]

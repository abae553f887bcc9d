"""PostgreSQL's text index on search_vector becomes GIN, in place of RUM (issue 14, goal 4;
docs/decisions/0025-gin-for-the-text-index.md).

RUM inserts a row's ~86 lexemes one by one, and writes each page change to the WAL: 20,000
rows added to an index of 20,000 took 25.1 s with RUM against 2.0 s with GIN, whose pending
list (``fastupdate``, on by default) gathers new entries and merges them in bulk. No search
uses what RUM adds (ordering by ``<=>``); the 30 benchmark queries and the 8 filtered ones
answered in the same time on both at 100,000 materials.

The new index is built beside the old one with CONCURRENTLY, then the old one is dropped and
the new one takes its name, so searches keep an index throughout; hence ``atomic = False``.
An index that is GIN already (installed without the rum package, migration 0007) is left as
it is. Going back builds RUM again where the extension is installed. SQLite: nothing.
"""

from django.db import migrations

INDEX = "search_vector_text"
BUILDING = "search_vector_text_new"
METHODS = {
    "gin": "gin (vector)",
    "rum": "rum (vector rum_tsvector_ops)",
}


def _method(cursor) -> str | None:
    cursor.execute(
        "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
        "WHERE c.relname = %s AND c.relkind = 'i'",
        [INDEX],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def _rebuild_as(method: str):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            if method == "rum":
                cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
                if cursor.fetchone() is None:
                    return  # GIN serves the same queries (0007 builds it without the package)
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
            if _method(cursor) == method:
                return
            # An index left invalid by an interrupted run of this migration goes first.
            cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {BUILDING}")
            cursor.execute(
                f"CREATE INDEX CONCURRENTLY {BUILDING} ON search_vector USING {METHODS[method]}"
            )
            cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
            cursor.execute(f"ALTER INDEX {BUILDING} RENAME TO {INDEX}")

    return run


class Migration(migrations.Migration):
    atomic = False  # CREATE / DROP INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("search", "0013_sqlite_narrow")]

    operations = [migrations.RunPython(_rebuild_as("gin"), _rebuild_as("rum"))]

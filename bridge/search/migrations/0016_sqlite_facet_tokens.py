"""SQLite: an FTS5 index of each entry's facet pairs, search_facets, as PostgreSQL has its
GIN index on them (0015). A filter without words took every narrow row of the index key and
tested its packed string: a supplier's 500 of 100,000 materials, 40 ms. The word-less base
query now takes the ids holding the chosen pairs from this index first (0.5 ms), and the
filter's own test still runs on them (SqliteBackend.facet_prefilter).

Contentless (``content=''``), with neither positions nor column sizes (``detail=none``,
``columnsize=0``): rowids per pair, 1 MB at 100,000 entries. Each pair is one token
(sqlite.pair_token), written by the SQL function ``search_facet_tokens`` that the search app
registers on every connection (apps.py); triggers on the entries keep the index in step, as
they keep search_narrow (0013). A contentless table forgets a row by the same tokens it was
given, which the function's determinism guarantees. PostgreSQL: nothing.
"""

from django.db import migrations

from ._vendor import statements_on

TOKENS = "search_facet_tokens({}.facet_values)"
DELETE = (
    "INSERT INTO search_facets(search_facets, rowid, facets) "
    f"VALUES ('delete', old.id, {TOKENS.format('old')});"
)
INSERT = f"INSERT INTO search_facets(rowid, facets) VALUES (new.id, {TOKENS.format('new')});"

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_facets USING fts5(facets, content='', columnsize=0, detail=none)",
    "INSERT INTO search_facets(rowid, facets) "
    "SELECT id, search_facet_tokens(facet_values) FROM search_searchentry",
    "INSERT INTO search_facets(search_facets) VALUES ('optimize')",
    f"CREATE TRIGGER search_facets_ai AFTER INSERT ON search_searchentry BEGIN {INSERT} END",
    f"CREATE TRIGGER search_facets_ad AFTER DELETE ON search_searchentry BEGIN {DELETE} END",
    "CREATE TRIGGER search_facets_au AFTER UPDATE OF id, facet_values ON search_searchentry "
    f"BEGIN {DELETE} {INSERT} END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_facets_au",
    "DROP TRIGGER IF EXISTS search_facets_ad",
    "DROP TRIGGER IF EXISTS search_facets_ai",
    "DROP TABLE IF EXISTS search_facets",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0015_postgres_facet_pairs")]

    operations = [
        migrations.RunPython(
            statements_on("sqlite", SQLITE_FORWARD), statements_on("sqlite", SQLITE_BACKWARD)
        )
    ]

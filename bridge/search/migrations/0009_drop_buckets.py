"""The sampling bucket goes (issue 14, goal 3): no engine has read it since both sample by
entry-id ranges (backends.base.strata), yet SQLite indexed it as a fourth FTS5 column in every
entry (a posting per row) and both databases kept it in a column and a B-tree.

SQLite: the FTS5 table is rebuilt with title, keywords and body only (then optimised), its
triggers as 0003 and 0004 defined them less the bucket; the bucket's index and column go. The column
goes by plain ALTER TABLE ... DROP COLUMN: Django's schema editor may remake the table, which
drops the full-text triggers (see 0004).

PostgreSQL: the narrow table's bucket column and its B-tree go, and its write trigger stops
filling it; then the entry's bucket index and column. The vectors are left as they are: the
``_b<n>`` weight-D lexemes of 0003 went with the wide vector in 0007, which built every narrow
vector from title, keywords and body alone (weights A, B, C), so the RUM/GIN index needs no
rebuild.
"""

from django.db import migrations

BUCKET = "((object_id * 2654435761) % 4294967296) / 16777216"  # models.bucket_of, as it was
TOKENIZE = "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_-'\""


def _fts(columns: list[str], update_of: list[str]) -> list[str]:
    """The FTS5 table over ``columns`` and the three triggers that keep it in step (0003, 0004)."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    delete = (
        f"INSERT INTO search_fts(search_fts, rowid, {names}) VALUES ('delete', old.id, {old});"
    )
    insert = f"INSERT INTO search_fts(rowid, {names}) VALUES (new.id, {new});"
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            {names}, content='search_searchentry', content_rowid='id', {TOKENIZE})""",
        f"CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN {insert} END",
        f"CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN {delete} END",
        f"CREATE TRIGGER search_fts_au AFTER UPDATE OF {', '.join(update_of)} "
        f"ON search_searchentry BEGIN {delete} {insert} END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
        # one b-tree instead of the rebuild's segments: 51.4 → 48.6 MB at 100k, under 1 s
        "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
    ]


DROP_FTS = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
TEXT = ["title", "keywords", "body"]

SQLITE_FORWARD = [
    *DROP_FTS,  # the triggers name the column: SQLite refuses to drop it while they exist
    "DROP INDEX IF EXISTS search_entry_bucket",
    "ALTER TABLE search_searchentry DROP COLUMN bucket",
    *_fts(TEXT, TEXT),
]
SQLITE_BACKWARD = [
    *DROP_FTS,
    'ALTER TABLE search_searchentry ADD COLUMN "bucket" smallint unsigned NOT NULL '
    'DEFAULT 0 CHECK ("bucket" >= 0)',
    f"UPDATE search_searchentry SET bucket = {BUCKET}",
    "CREATE INDEX search_entry_bucket ON search_searchentry (index_key, bucket)",
    *_fts([*TEXT, "bucket"], [*TEXT, "bucket"]),
]


def _vector_write(bucket: bool) -> str:
    """0007's trigger function on search_searchentry, with or without the bucket."""
    value = "((NEW.object_id * 2654435761) % 4294967296) / 16777216"
    vector = (
        "search_tokens_vector(NEW.title, 'A') || search_tokens_vector(NEW.keywords, 'B') "
        "|| search_tokens_vector(NEW.body, 'C')"
    )
    column, new, update, excluded = ("", "", "", "")
    if bucket:
        column, new = " bucket,", f" {value},"
        update, excluded = f" bucket = {value},", " bucket = EXCLUDED.bucket,"
    return f"""CREATE OR REPLACE FUNCTION search_vector_write() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title
                    AND NEW.keywords IS NOT DISTINCT FROM OLD.keywords
                    AND NEW.body IS NOT DISTINCT FROM OLD.body THEN
                -- facet values only (services.search_set_facets): keep the vector
                UPDATE search_vector SET index_key = NEW.index_key, object_id = NEW.object_id,
                   {update} facet_values = NEW.facet_values WHERE id = NEW.id;
            ELSE
                INSERT INTO search_vector (id, index_key, object_id,{column} facet_values, vector)
                VALUES (NEW.id, NEW.index_key, NEW.object_id,{new} NEW.facet_values, {vector})
                ON CONFLICT (id) DO UPDATE SET index_key = EXCLUDED.index_key,
                    object_id = EXCLUDED.object_id,{excluded}
                    facet_values = EXCLUDED.facet_values, vector = EXCLUDED.vector;
            END IF;
            RETURN NULL;
        END $$"""


POSTGRES_FORWARD = [
    _vector_write(bucket=False),
    "DROP INDEX IF EXISTS search_vector_bucket",
    "ALTER TABLE search_vector DROP COLUMN bucket",
    "DROP INDEX IF EXISTS search_entry_bucket",
    "ALTER TABLE search_searchentry DROP COLUMN bucket",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_vector ADD COLUMN bucket smallint NOT NULL DEFAULT 0",
    f"UPDATE search_vector SET bucket = {BUCKET}",
    "ALTER TABLE search_vector ALTER COLUMN bucket DROP DEFAULT",
    "CREATE INDEX search_vector_bucket ON search_vector (index_key, bucket)",
    _vector_write(bucket=True),
    'ALTER TABLE search_searchentry ADD COLUMN "bucket" smallint NOT NULL DEFAULT 0 '
    'CHECK ("bucket" >= 0)',
    f"UPDATE search_searchentry SET bucket = {BUCKET}",  # the trigger keeps the vectors
    "CREATE INDEX search_entry_bucket ON search_searchentry (index_key, bucket)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(
                f"search: no full-text backend for {schema_editor.connection.vendor}"
            )
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0008_entry_id_span")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="searchentry", name="search_entry_bucket"),
                migrations.RemoveField(model_name="searchentry", name="bucket"),
            ],
            database_operations=[
                migrations.RunPython(
                    _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
                    _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
                )
            ],
        )
    ]

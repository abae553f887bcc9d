"""Speed (docs/decisions/0005-search-speed.md): a sampling bucket per entry, indexed by the
full-text table (SQLite: a fourth FTS5 column; PostgreSQL: a weight-D lexeme ``_b<n>``), and a
covering (index, object, facet, value) index so facets of matched objects are index-only reads.
"""

from django.db import migrations, models

BUCKET_SQL = (
    "UPDATE search_searchentry SET bucket = ((object_id * 2654435761) % 4294967296) / 16777216"
)

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
    BUCKET_SQL,
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, keywords, body, bucket, content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_-'")""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title, keywords, body, bucket)
        VALUES (new.id, new.title, new.keywords, new.body, new.bucket); END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body, bucket)
        VALUES ('delete', old.id, old.title, old.keywords, old.body, old.bucket); END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body, bucket)
        VALUES ('delete', old.id, old.title, old.keywords, old.body, old.bucket);
        INSERT INTO search_fts(rowid, title, keywords, body, bucket)
        VALUES (new.id, new.title, new.keywords, new.body, new.bucket); END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, keywords, body, content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_-'")""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body); END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body); END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body);
        INSERT INTO search_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body); END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]

POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.vector := search_tokens_vector(NEW.title, 'A')
                || search_tokens_vector(NEW.keywords, 'B')
                || search_tokens_vector(NEW.body, 'C')
                || setweight(('_b' || NEW.bucket)::tsvector, 'D');
            RETURN NEW;
        END $$""",
    BUCKET_SQL,  # fires the trigger: every vector gains its bucket lexeme
]
POSTGRES_BACKWARD = [
    """CREATE OR REPLACE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.vector := search_tokens_vector(NEW.title, 'A')
                || search_tokens_vector(NEW.keywords, 'B')
                || search_tokens_vector(NEW.body, 'C');
            RETURN NEW;
        END $$""",
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
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="bucket",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RemoveIndex(model_name="searchfacet", name="search_facet_obj"),
        migrations.AddIndex(
            model_name="searchfacet",
            index=models.Index(
                fields=["index_key", "object_id", "facet", "value"], name="search_facet_objfv"
            ),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]

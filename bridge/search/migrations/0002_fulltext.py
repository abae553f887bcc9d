"""The full-text side of SearchEntry, per database vendor.

SQLite: an external-content FTS5 table over search_searchentry(title, keywords, body), kept in
step by triggers, so any write to an entry updates the index in the same transaction.
PostgreSQL: a tsvector column built by a trigger from the same token strings (weights A/B/C,
positions kept for phrases) — the tokens are cast, never re-parsed, so both backends index
exactly the analyser's tokens — and a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
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
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    r"""CREATE FUNCTION search_tokens_vector(tokens text, weight "char") RETURNS tsvector
        IMMUTABLE LANGUAGE sql AS $$
        SELECT setweight(coalesce((
            SELECT string_agg(quote_literal(t) || ':' || least(n, 16383), ' ')
            FROM unnest(regexp_split_to_array(tokens, '\s+')) WITH ORDINALITY AS u(t, n)
            WHERE t <> ''), '')::tsvector, weight) $$""",
    """CREATE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.vector := search_tokens_vector(NEW.title, 'A')
                || search_tokens_vector(NEW.keywords, 'B')
                || search_tokens_vector(NEW.body, 'C');
            RETURN NEW;
        END $$""",
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    """CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_entry_vector()""",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING GIN (vector)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
    "DROP FUNCTION IF EXISTS search_entry_vector()",
    'DROP FUNCTION IF EXISTS search_tokens_vector(text, "char")',
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
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]

"""PostgreSQL only: search_vector follows search_searchentry through statement-level triggers
with transition tables, in place of 0007's row-level ones (issue 14, goal 4; decision 0031).

A row trigger ran a PL/pgSQL call and an INSERT … ON CONFLICT per entry. An import's chunk of
2,000 entries took 0.61–0.65 s to insert through it; with one statement per chunk
(backends.postgres.add_rows) and these triggers, 0.42 s. A statement trigger cannot tell
INSERT from UPDATE (transition tables allow one event each), so there are three.

search_tokens_vector splits its token string on single spaces, as the analyser joins it
(documents._field), instead of by a regular expression: 0.24 → 0.17 s for 2,000 entries.
The vectors it builds are the same, since a token holds no white space (analysis.words).

An UPDATE that leaves an entry's token strings and anchoring alone keeps its vector, as before
(services.search_set_facets). SQLite: nothing.
"""

from django.db import migrations

from ._vendor import statements_on

VECTOR = (
    "search_tokens_vector(n.title, 'A') || search_tokens_vector(n.keywords, 'B') "
    "|| search_tokens_vector(n.body, (CASE WHEN n.anchored THEN 'C' ELSE 'D' END)::\"char\")"
)
UPSERT = f"""INSERT INTO search_vector (id, index_key, object_id, facet_values, vector)
            SELECT n.id, n.index_key, n.object_id, n.facet_values, {VECTOR}"""
ON_CONFLICT = """ON CONFLICT (id) DO UPDATE SET index_key = EXCLUDED.index_key,
                object_id = EXCLUDED.object_id, facet_values = EXCLUDED.facet_values,
                vector = EXCLUDED.vector"""
SAME_TEXT = """o.title IS NOT DISTINCT FROM n.title AND o.keywords IS NOT DISTINCT FROM n.keywords
                AND o.body IS NOT DISTINCT FROM n.body AND o.anchored IS NOT DISTINCT FROM n.anchored"""


def _tokens_vector(split: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION search_tokens_vector(tokens text, weight "char")
        RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(coalesce((
            SELECT string_agg(quote_literal(t) || ':' || least(n, 16383), ' ')
            FROM unnest({split}) WITH ORDINALITY AS u(t, n)
            WHERE t <> ''), '')::tsvector, weight) $$"""


FORWARD = [
    _tokens_vector("string_to_array(tokens, ' ')"),
    f"""CREATE FUNCTION search_vector_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {UPSERT} FROM new_rows n
            {ON_CONFLICT};
            RETURN NULL;
        END $$""",
    f"""CREATE FUNCTION search_vector_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- facet values only (services.search_set_facets): the vector stays
            UPDATE search_vector v SET index_key = n.index_key, object_id = n.object_id,
                facet_values = n.facet_values
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE v.id = n.id AND {SAME_TEXT};
            {UPSERT} FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
            WHERE o.id IS NULL OR NOT ({SAME_TEXT})
            {ON_CONFLICT};
            RETURN NULL;
        END $$""",
    """CREATE FUNCTION search_vector_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM search_vector v USING old_rows o WHERE v.id = o.id;
            RETURN NULL;
        END $$""",
    "DROP TRIGGER IF EXISTS search_vector_write ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_vector_delete ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_vector_write()",
    "DROP FUNCTION IF EXISTS search_vector_delete()",
    """CREATE TRIGGER search_vector_inserted AFTER INSERT ON search_searchentry
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION search_vector_inserted()""",
    """CREATE TRIGGER search_vector_updated AFTER UPDATE ON search_searchentry
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION search_vector_updated()""",
    """CREATE TRIGGER search_vector_deleted AFTER DELETE ON search_searchentry
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION search_vector_deleted()""",
]

ROW_VECTOR = VECTOR.replace("n.", "NEW.")
BACKWARD = [
    "DROP TRIGGER IF EXISTS search_vector_inserted ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_vector_updated ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_vector_deleted ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_vector_inserted()",
    "DROP FUNCTION IF EXISTS search_vector_updated()",
    "DROP FUNCTION IF EXISTS search_vector_deleted()",
    _tokens_vector(r"regexp_split_to_array(tokens, '\s+')"),
    # 0011's row trigger and 0007's delete trigger, as they were.
    f"""CREATE FUNCTION search_vector_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title
                    AND NEW.keywords IS NOT DISTINCT FROM OLD.keywords
                    AND NEW.body IS NOT DISTINCT FROM OLD.body
                    AND NEW.anchored IS NOT DISTINCT FROM OLD.anchored THEN
                UPDATE search_vector SET index_key = NEW.index_key, object_id = NEW.object_id,
                   facet_values = NEW.facet_values WHERE id = NEW.id;
            ELSE
                INSERT INTO search_vector (id, index_key, object_id, facet_values, vector)
                VALUES (NEW.id, NEW.index_key, NEW.object_id, NEW.facet_values, {ROW_VECTOR})
                {ON_CONFLICT};
            END IF;
            RETURN NULL;
        END $$""",
    """CREATE FUNCTION search_vector_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM search_vector WHERE id = OLD.id;
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER search_vector_write AFTER INSERT OR UPDATE ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_vector_write()""",
    """CREATE TRIGGER search_vector_delete AFTER DELETE ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_vector_delete()""",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0019_entry_body_words")]

    operations = [
        migrations.RunPython(
            statements_on("postgresql", FORWARD), statements_on("postgresql", BACKWARD)
        )
    ]

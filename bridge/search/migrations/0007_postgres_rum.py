"""PostgreSQL only (docs/decisions/0017-postgres-search.md): the tsvector moves from the wide
search_searchentry row into a narrow table, search_vector (entry id, index, object, sampling
bucket, packed facet values, tsvector), indexed with RUM where the extension is installed
(Debian: postgresql-15-rum), else with GIN. SQLite is untouched.

Why: the wide row also holds the token strings and the display text; a recheck of ``@@`` read
the TOASTed vector of each wide row, and the planner's sequential scans of it cost 1.6 s for a
word in 5 % of 100,000 entries. The narrow rows of 100,000 entries fit in a few thousand pages.

The narrow row is written by triggers on search_searchentry, so every write path (bulk
executemany, ORM, admin) keeps both in the same transaction. The bucket is computed from the
object id here (the same Fibonacci hash as models.bucket_of), so the narrow table does not
depend on the entry's own bucket column.
"""

from django.db import migrations

BUCKET = "((NEW.object_id * 2654435761) % 4294967296) / 16777216"
VECTOR = (
    "search_tokens_vector(NEW.title, 'A') || search_tokens_vector(NEW.keywords, 'B') "
    "|| search_tokens_vector(NEW.body, 'C')"
)

CREATE = [
    """CREATE TABLE search_vector (
        id bigint PRIMARY KEY,
        index_key varchar(40) NOT NULL,
        object_id bigint NOT NULL,
        bucket smallint NOT NULL,
        facet_values text NOT NULL DEFAULT '',
        vector tsvector NOT NULL)""",
    # entry id = search_searchentry.id: the shared SQL (bridge.search.sql) reads e.id,
    # e.object_id, e.bucket and e.facet_values of either table under the alias e.
    "CREATE UNIQUE INDEX search_vector_object ON search_vector (index_key, object_id)",
    "CREATE INDEX search_vector_bucket ON search_vector (index_key, bucket)",
    f"""CREATE FUNCTION search_vector_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title
                    AND NEW.keywords IS NOT DISTINCT FROM OLD.keywords
                    AND NEW.body IS NOT DISTINCT FROM OLD.body THEN
                -- facet values only (services.search_set_facets): keep the vector
                UPDATE search_vector SET index_key = NEW.index_key, object_id = NEW.object_id,
                    bucket = {BUCKET}, facet_values = NEW.facet_values WHERE id = NEW.id;
            ELSE
                INSERT INTO search_vector (id, index_key, object_id, bucket, facet_values, vector)
                VALUES (NEW.id, NEW.index_key, NEW.object_id, {BUCKET}, NEW.facet_values, {VECTOR})
                ON CONFLICT (id) DO UPDATE SET index_key = EXCLUDED.index_key,
                    object_id = EXCLUDED.object_id, bucket = EXCLUDED.bucket,
                    facet_values = EXCLUDED.facet_values, vector = EXCLUDED.vector;
            END IF;
            RETURN NULL;
        END $$""",
    """CREATE FUNCTION search_vector_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN DELETE FROM search_vector WHERE id = OLD.id; RETURN NULL; END $$""",
    """CREATE FUNCTION search_vector_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN TRUNCATE search_vector; RETURN NULL; END $$""",
    "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry",
    """CREATE TRIGGER search_vector_write AFTER INSERT OR UPDATE ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_vector_write()""",
    """CREATE TRIGGER search_vector_delete AFTER DELETE ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_vector_delete()""",
    # Django's test flush truncates search_searchentry; the narrow rows go with it.
    """CREATE TRIGGER search_vector_truncate AFTER TRUNCATE ON search_searchentry
        FOR EACH STATEMENT EXECUTE FUNCTION search_vector_truncate()""",
    """INSERT INTO search_vector (id, index_key, object_id, bucket, facet_values, vector)
        SELECT id, index_key, object_id,
            ((object_id * 2654435761) % 4294967296) / 16777216, facet_values,
            search_tokens_vector(title, 'A') || search_tokens_vector(keywords, 'B')
            || search_tokens_vector(body, 'C')
        FROM search_searchentry""",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
    "DROP FUNCTION IF EXISTS search_entry_vector()",
]
RUM_INDEX = "CREATE INDEX search_vector_text ON search_vector USING rum (vector rum_tsvector_ops)"
GIN_INDEX = "CREATE INDEX search_vector_text ON search_vector USING gin (vector)"

BACKWARD = [
    "DROP TRIGGER IF EXISTS search_vector_truncate ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_vector_delete ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_vector_write ON search_searchentry",
    "DROP TABLE IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS search_vector_truncate()",
    "DROP FUNCTION IF EXISTS search_vector_delete()",
    "DROP FUNCTION IF EXISTS search_vector_write()",
    # 0002's wide column and its trigger, as 0004 left them
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    f"""CREATE FUNCTION search_entry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.vector := {VECTOR}; RETURN NEW; END $$""",
    "CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE OF title, keywords, body, "
    "bucket ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_entry_vector()",
    "UPDATE search_searchentry SET title = title",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING GIN (vector)",
]


def rum_available(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement, params=None)
    if rum_available(connection):
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum", params=None)
        schema_editor.execute(RUM_INDEX, params=None)
    else:  # the package is not installed: the same queries on GIN (slower phrase rechecks)
        schema_editor.execute(GIN_INDEX, params=None)
    schema_editor.execute("ANALYZE search_vector", params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_concept_heritage")]

    operations = [migrations.RunPython(forward, backward)]

"""Packed facet values on each entry, counted in Python; a B-tree on (index_key, bucket) for
PostgreSQL's sampling; numbers indexed with their object for paging huge result sets by a
number (docs/decisions/0005-search-speed.md).

Existing entries are filled from their SearchFacet rows in one statement per database. The
column is added by plain ALTER TABLE: Django's SQLite schema editor would rebuild the table,
which drops the full-text triggers of migration 0003.
"""

from django.db import migrations, models

FILL = {
    "sqlite": (
        "UPDATE search_searchentry SET facet_values = COALESCE(("
        "SELECT group_concat(f.facet || char(31) || f.value, char(30)) "
        "FROM search_searchfacet f WHERE f.index_key = search_searchentry.index_key "
        "AND f.object_id = search_searchentry.object_id), '')"
    ),
    "postgresql": (
        "UPDATE search_searchentry e SET facet_values = COALESCE(("
        "SELECT string_agg(f.facet || chr(31) || f.value, chr(30)) "
        "FROM search_searchfacet f WHERE f.index_key = e.index_key "
        "AND f.object_id = e.object_id), '')"
    ),
}


ADD = "ALTER TABLE search_searchentry ADD COLUMN facet_values text NOT NULL DEFAULT ''"

# The triggers that keep the full-text index in step now fire only when an indexed column
# changes: filling facet_values must not re-index every entry (minutes at 1M).
_SQLITE_UPDATE_BODY = """BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body, bucket)
        VALUES ('delete', old.id, old.title, old.keywords, old.body, old.bucket);
        INSERT INTO search_fts(rowid, title, keywords, body, bucket)
        VALUES (new.id, new.title, new.keywords, new.body, new.bucket); END"""
TRIGGERS = {
    "sqlite": (
        [
            "DROP TRIGGER IF EXISTS search_fts_au",
            "CREATE TRIGGER search_fts_au AFTER UPDATE OF title, keywords, body, bucket "
            "ON search_searchentry " + _SQLITE_UPDATE_BODY,
        ],
        [
            "DROP TRIGGER IF EXISTS search_fts_au",
            "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry "
            + _SQLITE_UPDATE_BODY,
        ],
    ),
    "postgresql": (
        [
            "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry",
            "CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE OF title, keywords, "
            "body, bucket ON search_searchentry FOR EACH ROW EXECUTE FUNCTION "
            "search_entry_vector()",
        ],
        [
            "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry",
            "CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE ON search_searchentry "
            "FOR EACH ROW EXECUTE FUNCTION search_entry_vector()",
        ],
    ),
}
DROP = "ALTER TABLE search_searchentry DROP COLUMN facet_values"


def forward(apps, schema_editor):
    statement = FILL.get(schema_editor.connection.vendor)
    if statement is None:
        raise RuntimeError(f"search: no full-text backend for {schema_editor.connection.vendor}")
    for trigger in TRIGGERS[schema_editor.connection.vendor][0]:
        schema_editor.execute(trigger, params=None)
    schema_editor.execute(ADD, params=None)
    schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    schema_editor.execute(DROP, params=None)
    for trigger in TRIGGERS[schema_editor.connection.vendor][1]:
        schema_editor.execute(trigger, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_speed")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="facet_values",
                    field=models.TextField(blank=True, default=""),
                )
            ],
            database_operations=[migrations.RunPython(forward, backward)],
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["index_key", "bucket"], name="search_entry_bucket"),
        ),
        migrations.RemoveIndex(model_name="searchnumber", name="search_number_nv"),
        migrations.AddIndex(
            model_name="searchnumber",
            index=models.Index(
                fields=["index_key", "name", "value", "object_id"], name="search_number_nvo"
            ),
        ),
    ]

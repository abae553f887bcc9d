"""SQLite gets a narrow table, search_narrow, as PostgreSQL has search_vector (0007): per
entry only what matching, sampling, filtering and facet counts read (id = the entry's id and
FTS5 rowid, index_key, object_id, facet_values, anchored), kept in step with
search_searchentry by triggers (issue 14, decision 0023).

An entry row holds its token strings and display texts, ~1.9 KB at 100k materials; every
statement that joined FTS5's matches to it read one such row per match for a few bytes. A
narrow row is ~150 bytes. PostgreSQL: nothing (search_vector is its narrow table).
"""

from django.db import migrations

from ._vendor import statements_on

COLUMNS = "id, index_key, object_id, facet_values, anchored"

SQLITE_FORWARD = [
    """CREATE TABLE search_narrow (
        id integer NOT NULL PRIMARY KEY,
        index_key varchar(40) NOT NULL,
        object_id bigint NOT NULL,
        facet_values text NOT NULL,
        anchored bool NOT NULL
    )""",
    f"INSERT INTO search_narrow ({COLUMNS}) SELECT {COLUMNS} FROM search_searchentry",
    f"""CREATE TRIGGER search_narrow_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_narrow ({COLUMNS}) VALUES
            (new.id, new.index_key, new.object_id, new.facet_values, new.anchored);
    END""",
    """CREATE TRIGGER search_narrow_ad AFTER DELETE ON search_searchentry BEGIN
        DELETE FROM search_narrow WHERE id = old.id;
    END""",
    """CREATE TRIGGER search_narrow_au
        AFTER UPDATE OF id, index_key, object_id, facet_values, anchored ON search_searchentry
    BEGIN
        UPDATE search_narrow SET id = new.id, index_key = new.index_key,
            object_id = new.object_id, facet_values = new.facet_values,
            anchored = new.anchored
        WHERE id = old.id;
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_narrow_au",
    "DROP TRIGGER IF EXISTS search_narrow_ad",
    "DROP TRIGGER IF EXISTS search_narrow_ai",
    "DROP TABLE IF EXISTS search_narrow",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0012_drop_facet_rows")]

    operations = [
        migrations.RunPython(
            statements_on("sqlite", SQLITE_FORWARD), statements_on("sqlite", SQLITE_BACKWARD)
        )
    ]

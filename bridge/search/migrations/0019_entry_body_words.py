"""Each entry keeps its description's plain words (rerank.plain_words), which the re-ranker
damps the description by, so that a candidate is bounded without inflating its description
(decision 0029; issue 14, goal 3).

The column is added in SQL on both databases: Django would remake SQLite's table for a NOT NULL
column, and with it drop the full-text, narrow and facet triggers (0013, 0016, 0017). The
existing entries are counted here; 0 (the default) bounds any description, so a search is
right even before they are.
"""

from django.db import migrations, models

from bridge.search.rerank import plain_words
from bridge.search.stored import unpack

ADD = "ALTER TABLE search_searchentry ADD COLUMN body_words integer NOT NULL DEFAULT 0"
DROP = "ALTER TABLE search_searchentry DROP COLUMN body_words"
CHUNK = 5_000


def count(apps, schema_editor):
    """One pass in id order; updates only for entries with a description (no trigger reads
    body_words, so SQLite's full-text and narrow tables are left alone)."""
    connection = schema_editor.connection
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT id, body FROM search_searchentry WHERE id > %s ORDER BY id LIMIT %s",
                [last, CHUNK],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            words = [(n, entry) for entry, body in rows if (n := plain_words(unpack(body) or ""))]
            cursor.executemany(
                "UPDATE search_searchentry SET body_words = %s WHERE id = %s", words
            )


class Migration(migrations.Migration):
    dependencies = [("search", "0018_numbers_keyed")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="body_words",
                    field=models.IntegerField(default=0, db_default=0),
                )
            ],
            database_operations=[
                migrations.RunSQL(ADD, DROP),
                migrations.RunPython(count, migrations.RunPython.noop),
            ],
        )
    ]

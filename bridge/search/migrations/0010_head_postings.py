"""Head postings (docs/decisions/0018-head-postings.md, issue 14): per token of an entry's
title and keywords, the score it adds there, read in descending order per token, so the best
title and keyword matches of a common word are the first rows of one index range.

The table is ordered by (index key, token, impact descending, object id): on SQLite a
WITHOUT ROWID table whose primary key is that order (one B-tree, no rowid copy); on
PostgreSQL a table with a unique index in that order, and the token in the "C" collation, so a prefix is a
byte range. Existing entries get their postings here; each list is then cut to head.KEEP.
"""

from django.db import migrations, models

SQLITE = """CREATE TABLE search_searchhead (
    index_key varchar(40) NOT NULL,
    token varchar(200) NOT NULL,
    impact integer NOT NULL,
    object_id bigint NOT NULL,
    PRIMARY KEY (index_key, token, impact DESC, object_id)) WITHOUT ROWID"""
POSTGRES = [
    """CREATE TABLE search_searchhead (
        index_key varchar(40) NOT NULL,
        token varchar(200) COLLATE "C" NOT NULL,
        impact integer NOT NULL,
        object_id bigint NOT NULL)""",
    # The key, in the order the head reads. Not declared PRIMARY KEY: PostgreSQL refuses a
    # descending column there, and a backward scan of an ascending key would break ties by
    # the higher object id.
    "CREATE UNIQUE INDEX search_head_order ON search_searchhead "
    "(index_key, token, impact DESC, object_id)",
]


def forward(apps, schema_editor):
    statements = [SQLITE] if schema_editor.connection.vendor == "sqlite" else POSTGRES
    for statement in statements:
        schema_editor.execute(statement, params=None)
    _fill(schema_editor.connection)


def _fill(connection):
    # The application's own functions: the postings must be what indexing writes today.
    from bridge.search import head

    with connection.cursor() as reader, connection.cursor() as writer:
        reader.execute("SELECT DISTINCT index_key FROM search_searchentry")
        keys = [row[0] for row in reader.fetchall()]
        for key in keys:
            tokens: set[str] = set()
            last = 0
            while True:
                reader.execute(
                    "SELECT id, object_id, title, keywords FROM search_searchentry "
                    "WHERE index_key = %s AND id > %s ORDER BY id LIMIT 2000",
                    [key, last],
                )
                rows = reader.fetchall()
                if not rows:
                    break
                last = rows[-1][0]
                postings = [
                    posting
                    for _id, object_id, title, keywords in rows
                    for posting in head.postings(
                        key, object_id, {"title": title, "keywords": keywords}
                    )
                ]
                head.write(writer, postings)
                tokens.update(token for _key, token, _impact, _object in postings)
            head.prune(writer, key, tokens)


def backward(apps, schema_editor):
    schema_editor.execute("DROP TABLE search_searchhead", params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0009_drop_buckets")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchHead",
                    fields=[
                        (
                            "pk",
                            models.CompositePrimaryKey(
                                "index_key",
                                "token",
                                "impact",
                                "object_id",
                                blank=True,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        ("index_key", models.CharField(max_length=40)),
                        ("token", models.CharField(max_length=200)),
                        ("impact", models.IntegerField()),
                        ("object_id", models.BigIntegerField()),
                    ],
                ),
            ],
            database_operations=[migrations.RunPython(forward, backward)],
        ),
    ]

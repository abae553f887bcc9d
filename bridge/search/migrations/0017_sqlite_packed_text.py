"""SQLite stores the entries' body tokens and display bodies deflated (stored.py; issue 14,
goal 3: the 1M index ≤ 1.5 GB; decision 0027).

The full-text table becomes contentless (``content=''``). As an external-content table it
read search_searchentry's columns to rebuild itself, and those now hold deflated bytes; a
contentless table has nothing to read, so a 'rebuild' fails instead of indexing bytes. It is
filled again from the inflated text here, and its triggers hand it the text through the SQL
function ``search_text`` (apps.py). FTS5 forgets a row of a contentless table by the tokens it
was given, which ``search_text`` gives back unchanged.

The rows are rewritten in place: the space they free is reused by later writes, and
``VACUUM`` returns it to the file system (docs/operations.md). PostgreSQL: the columns'
field class changes in the state only; its text is stored as before.
"""

from django.db import migrations

from bridge.search.stored import PackedTextField, pack

TEXT = ("title", "keywords", "body")
PACKED = ("body", "display_body")
TOKENIZE = "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_-'\""


def _text(column: str, row: str = "") -> str:
    name = f"{row}.{column}" if row else column
    return f"search_text({name})" if column in PACKED else name


def _values(row: str) -> str:
    return ", ".join(_text(column, row) for column in TEXT)


DELETE = (
    "INSERT INTO search_fts(search_fts, rowid, title, keywords, body) "
    f"VALUES ('delete', old.id, {_values('old')});"
)
INSERT = f"INSERT INTO search_fts(rowid, title, keywords, body) VALUES (new.id, {_values('new')});"
DROP_FTS = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
TRIGGERS = [
    f"CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN {INSERT} END",
    f"CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN {DELETE} END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE OF id, title, keywords, body "
    f"ON search_searchentry BEGIN {DELETE} {INSERT} END",
]
SET = ", ".join(f"{column} = search_pack({column})" for column in PACKED)
SQLITE_FORWARD = [
    *DROP_FTS,  # first: the update trigger would index the bytes
    f"UPDATE search_searchentry SET {SET}",
    f"CREATE VIRTUAL TABLE search_fts USING fts5(title, keywords, body, content='', {TOKENIZE})",
    "INSERT INTO search_fts(rowid, title, keywords, body) "
    f"SELECT id, {', '.join(_text(column) for column in TEXT)} FROM search_searchentry",
    "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
    *TRIGGERS,
]
# As 0009 left them: an external-content table over the text columns, rebuilt from them.
SQLITE_BACKWARD = [
    *DROP_FTS,
    "UPDATE search_searchentry SET "
    + ", ".join(f"{column} = search_text({column})" for column in PACKED),
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, keywords, body, "
    f"content='search_searchentry', content_rowid='id', {TOKENIZE})",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, title, keywords, body) "
    "VALUES (new.id, new.title, new.keywords, new.body); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, keywords, body) "
    "VALUES ('delete', old.id, old.title, old.keywords, old.body); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE OF title, keywords, body "
    "ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, keywords, body) "
    "VALUES ('delete', old.id, old.title, old.keywords, old.body); "
    "INSERT INTO search_fts(rowid, title, keywords, body) "
    "VALUES (new.id, new.title, new.keywords, new.body); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
]


def _pack(value):
    return pack(value) if isinstance(value, str) else value  # a blob is packed already


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        # Only this migration packs in SQL; the app registers search_text on every connection.
        schema_editor.connection.connection.create_function(
            "search_pack", 1, _pack, deterministic=True
        )
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0016_sqlite_facet_tokens")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchentry", name=name, field=PackedTextField(blank=True)
                )
                for name in PACKED
            ],
            database_operations=[
                migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_BACKWARD))
            ],
        )
    ]

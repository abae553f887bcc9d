"""Each entry records whether its description is about what its title and keywords name
(rerank.anchored), and both engines weigh an unanchored description down when they choose the
candidates the re-ranker orders (issue 14, goal 2): 20,000 short made-up texts naming a word
in passing had pushed listings whose own descriptions name it out of the first 100 by bm25.

SQLite: a plain ``ALTER TABLE ... ADD COLUMN`` with its default (Django's schema editor would
remake the table and drop the full-text triggers, see 0004); the backend scales the bm25 of an
unanchored entry. PostgreSQL: the column, and the write trigger of 0009 puts an unanchored body
at weight D instead of C (ts_rank weighs D at half of C); a change of ``anchored`` alone
rewrites the vector.

Existing entries are classified here from their stored token strings; only the unanchored ones
are written (on PostgreSQL that rewrites their vectors through the trigger).
"""

from django.db import migrations, models

BATCH = 2_000


def _vector_write(anchoring: bool) -> str:
    """0009's trigger function, with the body's weight following ``anchored`` or not."""
    body = "CASE WHEN NEW.anchored THEN 'C' ELSE 'D' END" if anchoring else "'C'"
    same_anchoring = " AND NEW.anchored IS NOT DISTINCT FROM OLD.anchored" if anchoring else ""
    vector = (
        "search_tokens_vector(NEW.title, 'A') || search_tokens_vector(NEW.keywords, 'B') "
        f"|| search_tokens_vector(NEW.body, ({body})::\"char\")"
    )
    return f"""CREATE OR REPLACE FUNCTION search_vector_write() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title
                    AND NEW.keywords IS NOT DISTINCT FROM OLD.keywords
                    AND NEW.body IS NOT DISTINCT FROM OLD.body{same_anchoring} THEN
                -- facet values only (services.search_set_facets): keep the vector
                UPDATE search_vector SET index_key = NEW.index_key, object_id = NEW.object_id,
                   facet_values = NEW.facet_values WHERE id = NEW.id;
            ELSE
                INSERT INTO search_vector (id, index_key, object_id, facet_values, vector)
                VALUES (NEW.id, NEW.index_key, NEW.object_id, NEW.facet_values, {vector})
                ON CONFLICT (id) DO UPDATE SET index_key = EXCLUDED.index_key,
                    object_id = EXCLUDED.object_id,
                    facet_values = EXCLUDED.facet_values, vector = EXCLUDED.vector;
            END IF;
            RETURN NULL;
        END $$"""


FORWARD = {
    "sqlite": [
        'ALTER TABLE search_searchentry ADD COLUMN "anchored" bool NOT NULL DEFAULT 1',
    ],
    "postgresql": [
        'ALTER TABLE search_searchentry ADD COLUMN "anchored" boolean NOT NULL DEFAULT true',
        _vector_write(anchoring=True),
    ],
}
BACKWARD = {
    "sqlite": ["ALTER TABLE search_searchentry DROP COLUMN anchored"],
    "postgresql": [
        # Back to weight C through the trigger that still reads the column, then without it.
        "UPDATE search_searchentry SET anchored = true WHERE NOT anchored",
        _vector_write(anchoring=False),
        "ALTER TABLE search_searchentry DROP COLUMN anchored",
    ],
}


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


def classify(apps, schema_editor):
    """Mark the unanchored entries, reading the token strings a batch at a time."""
    from bridge.search.rerank import anchored

    entry = apps.get_model("search", "SearchEntry")
    rows = entry.objects.order_by("id").values_list("id", "title", "keywords", "body")
    last = 0
    while True:
        batch = list(rows.filter(id__gt=last)[:BATCH])
        if not batch:
            return
        last = batch[-1][0]
        loose = [
            pk
            for pk, title, keywords, body in batch
            if not anchored({"title": title, "keywords": keywords, "body": body})
        ]
        if loose:
            entry.objects.filter(id__in=loose).update(anchored=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0010_head_postings")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="anchored",
                    field=models.BooleanField(default=True, db_default=True),
                ),
            ],
            database_operations=[
                migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
            ],
        ),
        migrations.RunPython(classify, migrations.RunPython.noop),
    ]

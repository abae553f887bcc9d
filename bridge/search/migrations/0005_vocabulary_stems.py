"""The vocabulary gains the stems of indexed documents ("s_" + stem), read back from the
stored token strings, so that existing indexes can list stem prefixes explicitly
(bridge.search.typos.explicit) without a search_rebuild."""

from django.db import migrations

BATCH = 2_000
STEM, MIN_LETTERS, MAX_LETTERS = "s_", 4, 64


def forward(apps, schema_editor):
    entry = apps.get_model("search", "SearchEntry")
    word = apps.get_model("search", "SearchWord")
    stems: dict[str, set[str]] = {}
    rows = entry.objects.values_list("index_key", "title", "keywords", "body").iterator(BATCH)
    for key, *fields in rows:
        found = stems.setdefault(key, set())
        for field in fields:
            found.update(
                token
                for token in field.split()
                if token.startswith(STEM) and MIN_LETTERS <= len(token) - 2 <= MAX_LETTERS
            )
    for key, found in stems.items():
        word.objects.bulk_create(
            [word(index_key=key, word=stem) for stem in sorted(found)],
            batch_size=BATCH,
            ignore_conflicts=True,
        )


def backward(apps, schema_editor):
    apps.get_model("search", "SearchWord").objects.filter(word__startswith=STEM).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_facet_values")]

    operations = [migrations.RunPython(forward, backward)]

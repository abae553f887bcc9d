"""Facet values live only in the entry's packed facet_values: filters test it as a substring
(sql.Filters) instead of probing search_searchfacet, whose rows and two indexes repeated the
same pairs (111 of ~400 MB at 100k materials) and were written for every entry (issue 14,
goals 3 and 4).

Going back refills the table from the packed values, so the earlier code finds every pair.
"""

from django.db import migrations

BATCH = 2_000


def _refill(apps, schema_editor):
    entries = apps.get_model("search", "SearchEntry")
    facets = apps.get_model("search", "SearchFacet")
    separator, unit = "\x1e", "\x1f"
    rows = []
    for key, object_id, packed in (
        entries.objects.exclude(facet_values="")
        .order_by("id")
        .values_list("index_key", "object_id", "facet_values")
        .iterator(chunk_size=BATCH)
    ):
        for pair in packed.split(separator):
            facet, _, value = pair.partition(unit)
            rows.append(facets(index_key=key, object_id=object_id, facet=facet, value=value))
        if len(rows) >= BATCH:
            facets.objects.bulk_create(rows)
            rows = []
    facets.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("search", "0011_anchored_bodies")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, _refill),
        migrations.DeleteModel(name="SearchFacet"),
    ]

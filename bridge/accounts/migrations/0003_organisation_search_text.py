from django.db import migrations, models


def fill(apps, schema_editor):
    from bridge.core.text import fold

    Organisation = apps.get_model("accounts", "Organisation")
    rows = Organisation.objects.only("name", "description_ru", "description_uz", "description_en")
    for row in rows.iterator():
        parts = (row.name, row.description_ru, row.description_uz, row.description_en)
        row.search_text = fold("\n".join(p for p in parts if p))
        row.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_sectors")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

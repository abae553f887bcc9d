from django.db import migrations

CODES = [
    "games", "film", "animation", "design", "fashion",
    "materials-supply", "crafts", "music", "digital-it", "other",
]  # fmt: skip


def create_sectors(apps, schema_editor):
    Sector = apps.get_model("accounts", "Sector")
    for position, code in enumerate(CODES):
        Sector.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create_sectors, migrations.RunPython.noop)]

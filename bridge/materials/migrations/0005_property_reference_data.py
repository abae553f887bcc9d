"""A starting set of property templates for the categories whose facts do not fit width, weight
and thickness. Staff edit them afterwards; this migration only adds definitions that are missing."""

from decimal import Decimal

from django.db import migrations

# code, categories, ru, uz, en, unit, min, max, decimal places
DEFINITIONS = [
    ("firing-temperature", ["ceramics"], "Температура обжига", "Pishirish harorati",
     "Firing temperature", "celsius", "500", "1450", 0),
    ("water-absorption", ["ceramics"], "Водопоглощение", "Suv shimuvchanligi",
     "Water absorption", "percent", "0", "100", 1),
    ("hide-area", ["leather-fur"], "Площадь шкуры", "Teri maydoni", "Area per hide", "dm2",
     "1", "1000", 0),
    # Paper's g/m² is Material.weight_gsm already; acidity is what archives and restorers ask.
    ("paper-ph", ["paper"], "Кислотность (pH)", "Kislotalilik (pH)", "Acidity (pH)", "none",
     "0", "14", 1),
    ("wood-density", ["wood"], "Плотность древесины", "Yogʻoch zichligi", "Wood density",
     "kg_m3", "100", "1500", 0),
    ("moisture", ["wood"], "Влажность", "Namlik", "Moisture content", "percent", "0", "100", 1),
    ("lightfastness", ["natural-dyes"], "Светостойкость (шкала 1–8)",
     "Yorugʻlikka chidamlilik (1–8 shkala)", "Lightfastness (blue wool scale 1–8)", "none",
     "1", "8", 0),
]  # fmt: skip


def forwards(apps, schema_editor):
    Category = apps.get_model("materials", "Category")
    PropertyDefinition = apps.get_model("materials", "PropertyDefinition")
    for position, (code, categories, ru, uz, en, unit, low, high, places) in enumerate(DEFINITIONS):
        definition, created = PropertyDefinition.objects.get_or_create(
            code=code,
            defaults={
                "label_ru": ru,
                "label_uz": uz,
                "label_en": en,
                "unit": unit,
                "min_value": Decimal(low),
                "max_value": Decimal(high),
                "decimal_places": places,
                "position": position,
            },
        )
        if created:
            definition.categories.set(Category.objects.filter(code__in=categories))


class Migration(migrations.Migration):
    dependencies = [("materials", "0004_property_definitions")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

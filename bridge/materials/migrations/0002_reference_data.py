"""The contract's top-level categories, a starting set of subcategories and certifications.
Staff edit both lists afterwards; this migration only adds rows that are missing."""

from django.db import migrations

ROOTS = [
    ("textiles", "Ткани", "Matolar", "Textiles"),
    ("yarn-fibres", "Пряжа и волокна", "Ip va tolalar", "Yarn and fibres"),
    ("leather-fur", "Кожа и мех", "Charm va moʻyna", "Leather and fur"),
    ("ceramics", "Керамика", "Sopol", "Ceramics"),
    ("wood", "Дерево", "Yogʻoch", "Wood"),
    ("metal", "Металл", "Metall", "Metal"),
    ("paper", "Бумага", "Qogʻoz", "Paper"),
    ("glass", "Стекло", "Shisha", "Glass"),
    ("stone", "Камень", "Tosh", "Stone"),
    ("natural-dyes", "Натуральные красители", "Tabiiy boʻyoqlar", "Natural dyes"),
    ("embroidery-trims", "Вышивка и фурнитура", "Kashta va furnitura", "Embroidery and trims"),
    ("plastics-composites", "Пластики и композиты", "Plastmassa va kompozitlar", "Plastics and composites"),
    ("other", "Другое", "Boshqa", "Other"),
]

CHILDREN = [
    # parent, code, ru, uz, en
    ("textiles", "silk", "Шёлк", "Ipak", "Silk"),
    ("silk", "ikat", "Икат (абровые ткани)", "Abr (ikat) matolar", "Ikat"),
    ("textiles", "cotton-fabrics", "Хлопковые ткани", "Paxta matolar", "Cotton fabrics"),
    ("textiles", "linen-fabrics", "Льняные ткани", "Zigʻir matolar", "Linen fabrics"),
    ("textiles", "knitted", "Трикотажное полотно", "Trikotaj mato", "Knitted fabrics"),
    ("textiles", "felt", "Войлок", "Kigiz", "Felt"),
    ("textiles", "carpets", "Ковры", "Gilamlar", "Carpets and rugs"),
    ("leather-fur", "leather", "Кожа", "Charm", "Leather"),
    ("leather-fur", "karakul", "Каракуль", "Qorakoʻl", "Karakul"),
    ("ceramics", "tiles", "Плитка", "Koshin", "Tiles"),
    ("ceramics", "tableware", "Посуда", "Idishlar", "Tableware"),
    ("embroidery-trims", "embroidery", "Вышивка", "Kashta", "Embroidery"),
    ("embroidery-trims", "lace", "Кружево", "Toʻr", "Lace"),
    ("embroidery-trims", "gold-embroidery", "Золотое шитьё", "Zardoʻzlik", "Gold embroidery"),
    ("wood", "carved-wood", "Резьба по дереву", "Yogʻoch oʻymakorligi", "Carved wood"),
    ("paper", "handmade-paper", "Бумага ручной работы", "Qoʻlda qilingan qogʻoz", "Handmade paper"),
]

CERTIFICATIONS = [
    ("gots", "GOTS (Global Organic Textile Standard)", "Global Standard gGmbH", "https://global-standard.org"),
    ("oeko-tex-100", "OEKO-TEX Standard 100", "OEKO-TEX", "https://www.oeko-tex.com"),
    ("ocs", "OCS (Organic Content Standard)", "Textile Exchange", "https://textileexchange.org"),
    ("grs", "GRS (Global Recycled Standard)", "Textile Exchange", "https://textileexchange.org"),
    ("bci", "Better Cotton", "Better Cotton", "https://bettercotton.org"),
    ("lwg", "Leather Working Group", "Leather Working Group", "https://www.leatherworkinggroup.com"),
    ("fsc", "FSC (Forest Stewardship Council)", "FSC", "https://fsc.org"),
    ("fair-trade", "Fairtrade", "Fairtrade International", "https://www.fairtrade.net"),
    ("unesco-craft", "UNESCO Award of Excellence for Handicrafts", "UNESCO", ""),
    ("eac", "EAC (Eurasian Conformity)", "Eurasian Economic Union", ""),
]


def forwards(apps, schema_editor):
    Category = apps.get_model("materials", "Category")
    Certification = apps.get_model("materials", "Certification")
    for position, (code, ru, uz, en) in enumerate(ROOTS):
        Category.objects.get_or_create(
            code=code, defaults={"name_ru": ru, "name_uz": uz, "name_en": en, "position": position}
        )
    for position, (parent, code, ru, uz, en) in enumerate(CHILDREN):
        Category.objects.get_or_create(
            code=code,
            defaults={
                "parent": Category.objects.get(code=parent),
                "name_ru": ru,
                "name_uz": uz,
                "name_en": en,
                "position": position,
            },
        )
    for code, name, issuer, website in CERTIFICATIONS:
        Certification.objects.get_or_create(
            code=code, defaults={"name": name, "issuer": issuer, "website": website}
        )


class Migration(migrations.Migration):
    dependencies = [("materials", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

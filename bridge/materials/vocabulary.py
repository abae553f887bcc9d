"""Fixed vocabularies of the Materials Center: top-level categories, fibres, currencies, units.

Labels go through gettext; the import accepts codes and the names people type in Russian,
Uzbek (Latin and Cyrillic) and English (see FIBRE_ALIASES, UNIT_ALIASES).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The contract's top-level category codes (docs DESIGN.md), with names in each language.
# Stored in Category rows by a data migration; staff add subcategories below them.
ROOT_CATEGORIES: list[tuple[str, str, str, str]] = [
    # code, ru, uz, en
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
    (
        "plastics-composites",
        "Пластики и композиты",
        "Plastmassa va kompozitlar",
        "Plastics and composites",
    ),
    ("other", "Другое", "Boshqa", "Other"),
]
ROOT_CODES = frozenset(code for code, *_names in ROOT_CATEGORIES)


class Language(models.TextChoices):
    RU = "ru", _("Russian")
    UZ = "uz", _("Uzbek (Latin)")
    UZ_CYRL = "uz-Cyrl", _("Uzbek (Cyrillic)")
    EN = "en", _("English")


class Currency(models.TextChoices):
    RUB = "RUB", _("Russian rouble")
    UZS = "UZS", _("Uzbek som")
    USD = "USD", _("US dollar")
    EUR = "EUR", _("Euro")


class Unit(models.TextChoices):
    METRE = "m", _("metre")
    KILOGRAM = "kg", _("kilogram")
    PIECE = "piece", _("piece")
    SQUARE_METRE = "m2", _("square metre")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


# code → label; composition rows store the code.
FIBRES: dict[str, object] = {
    "silk": _("silk"),
    "cotton": _("cotton"),
    "organic-cotton": _("organic cotton"),
    "wool": _("wool"),
    "cashmere": _("cashmere"),
    "camel": _("camel hair"),
    "linen": _("linen"),
    "hemp": _("hemp"),
    "jute": _("jute"),
    "viscose": _("viscose"),
    "lyocell": _("lyocell"),
    "polyester": _("polyester"),
    "recycled-polyester": _("recycled polyester"),
    "polyamide": _("polyamide"),
    "elastane": _("elastane"),
    "acrylic": _("acrylic"),
    "metallic": _("metallic thread"),
    "mulberry-bark": _("mulberry bark"),
    "other": _("other fibre"),
}

FIBRE_ALIASES: dict[str, str] = {
    # English
    "silk": "silk", "cotton": "cotton", "organic cotton": "organic-cotton", "wool": "wool",
    "cashmere": "cashmere", "camel": "camel", "camel hair": "camel", "linen": "linen",
    "flax": "linen", "hemp": "hemp", "jute": "jute", "viscose": "viscose", "rayon": "viscose",
    "lyocell": "lyocell", "tencel": "lyocell", "polyester": "polyester",
    "recycled polyester": "recycled-polyester", "polyamide": "polyamide", "nylon": "polyamide",
    "elastane": "elastane", "spandex": "elastane", "lycra": "elastane", "acrylic": "acrylic",
    "metallic": "metallic", "metallic thread": "metallic", "lurex": "metallic",
    "gold thread": "metallic", "mulberry bark": "mulberry-bark", "other": "other",
    # Russian
    "шёлк": "silk", "шелк": "silk", "хлопок": "cotton", "органический хлопок": "organic-cotton",
    "шерсть": "wool", "кашемир": "cashmere", "верблюжья шерсть": "camel", "лён": "linen",
    "лен": "linen", "конопля": "hemp", "джут": "jute", "вискоза": "viscose",
    "лиоцелл": "lyocell", "полиэстер": "polyester", "полиамид": "polyamide",
    "эластан": "elastane", "акрил": "acrylic", "люрекс": "metallic",
    "металлизированная нить": "metallic", "кора шелковицы": "mulberry-bark", "другое": "other",
    # Uzbek (Latin)
    "ipak": "silk", "paxta": "cotton", "organik paxta": "organic-cotton", "jun": "wool",
    "kashemir": "cashmere", "tuya juni": "camel", "zigʻir": "linen", "kanop": "hemp",
    "viskoza": "viscose", "poliester": "polyester", "elastan": "elastane",
    "tilla ip": "metallic", "tut poʻstlogʻi": "mulberry-bark", "boshqa": "other",
    # Uzbek (Cyrillic)
    "ипак": "silk", "пахта": "cotton", "органик пахта": "organic-cotton", "жун": "wool",
    "туя жуни": "camel", "зиғир": "linen", "вискоза ип": "viscose", "тилла ип": "metallic",
    "тут пўстлоғи": "mulberry-bark",
}  # fmt: skip

CURRENCY_ALIASES: dict[str, str] = {
    "RUB": "RUB", "RUR": "RUB", "РУБ": "RUB", "₽": "RUB",
    "UZS": "UZS", "SUM": "UZS", "SOM": "UZS", "SOʻM": "UZS", "СУМ": "UZS", "СЎМ": "UZS",
    "USD": "USD", "$": "USD", "EUR": "EUR", "€": "EUR",
}  # fmt: skip

UNIT_ALIASES: dict[str, str] = {
    "m": "m", "metre": "m", "meter": "m", "м": "m", "metr": "m", "пог. м": "m",
    "kg": "kg", "кг": "kg",
    "piece": "piece", "pcs": "piece", "pc": "piece", "шт": "piece", "dona": "piece", "дона": "piece",
    "m2": "m2", "m²": "m2", "sq m": "m2", "м2": "m2", "м²": "m2",
}  # fmt: skip

YES = frozenset({"yes", "y", "true", "1", "да", "ha", "ҳа", "xa"})
NO = frozenset({"no", "n", "false", "0", "нет", "yoʻq", "yo'q", "йўқ", ""})

# Price bands (USD per unit) for the search facet.
PRICE_BANDS: list[tuple[float, str]] = [
    (5, "0-5"),
    (10, "5-10"),
    (25, "10-25"),
    (50, "25-50"),
    (100, "50-100"),
]


def price_band(price_usd: float) -> str:
    for upper, label in PRICE_BANDS:
        if price_usd < upper:
            return label
    return "100+"

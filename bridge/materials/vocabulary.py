"""Fixed vocabularies of the Materials Center: top-level categories, currencies, units.

Labels go through gettext; the import accepts codes and the names people type in Russian,
Uzbek (Latin and Cyrillic) and English (see CURRENCY_ALIASES, UNIT_ALIASES). Fibres, techniques
and colours are the thesaurus's (bridge/materials/terms.py).
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
    KZT = "KZT", _("Kazakh tenge")
    CNY = "CNY", _("Chinese yuan")


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


CURRENCY_ALIASES: dict[str, str] = {
    "RUB": "RUB", "RUR": "RUB", "РУБ": "RUB", "₽": "RUB",
    "UZS": "UZS", "SUM": "UZS", "SOM": "UZS", "SOʻM": "UZS", "СУМ": "UZS", "СЎМ": "UZS",
    "USD": "USD", "$": "USD", "EUR": "EUR", "€": "EUR",
    "KZT": "KZT", "₸": "KZT", "ТЕНГЕ": "KZT", "TENGE": "KZT",
    "CNY": "CNY", "RMB": "CNY", "¥": "CNY", "ЮАНЬ": "CNY", "YUAN": "CNY",
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

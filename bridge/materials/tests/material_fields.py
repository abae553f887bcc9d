"""What the material services' tests create a material from, and what the public catalog lists."""

from decimal import Decimal

from bridge.materials.models import Category
from bridge.search.selectors import search


def fields(**overrides):
    values = {
        "sku": "ADR-1",
        "name": "Adras «Anor»",
        "description": "Ipak va paxtadan toʻqilgan adras.",
        "language": "uz",
        "category": Category.objects.get(code="ikat"),
        "origin_country": "UZ",
        "price": Decimal("135000"),
        "currency": "UZS",
        "unit": "m",
        "moq": Decimal(10),
        "lead_time_days": 14,
    }
    values.update(overrides)
    return values


def public_ids():
    return search(key="materials", q="", page_size=100).ids

import csv
import io
from decimal import Decimal

import factory

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.models import Category, Material
from bridge.materials.vocabulary import Status

HEADER = [
    "supplier", "sku", "name", "description", "category", "country", "price", "currency",
    "unit", "moq", "lead_time_days", "composition", "certifications", "sample_available",
]  # fmt: skip


def good_row(supplier: str, n: int = 1, **overrides) -> dict:
    row = {
        "supplier": supplier,
        "sku": f"SKU-{n:05d}",
        "name": f"Xon atlas {n}",
        "description": "Qoʻlda toʻqilgan ipak atlas, abr usulida boʻyalgan.",
        "category": "textiles",
        "country": "UZ",
        "price": "125000",
        "currency": "UZS",
        "unit": "m",
        "moq": "5",
        "lead_time_days": "14",
        "composition": "silk 70%; cotton 30%",
        "certifications": "GOTS",
        "sample_available": "yes",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict], *, header=None, encoding="utf-8", delimiter=",") -> bytes:
    header = header or list(rows[0]) if rows else header or HEADER
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue().encode(encoding)


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    supplier = factory.SubFactory(OrganisationFactory, country="UZ")
    sku = factory.Sequence(lambda n: f"M-{n:05d}")
    name = factory.Sequence(lambda n: f"Adras {n}")
    description = "Ipak va paxtadan toʻqilgan adras."
    language = "uz"
    category = factory.LazyFunction(lambda: Category.objects.get(code="textiles"))
    origin_country = "UZ"
    price = Decimal("100000")
    currency = "UZS"
    unit = "m"
    moq = Decimal(5)
    lead_time_days = 14
    status = Status.DRAFT

"""The Materials Center's demo data, called by `manage.py seed_demo` (build_demo hook).

The catalog (demo/materials.py) is written out as the contract's CSV and loaded through the
importer with --publish semantics, so the demo exercises the same path as a real import.
Deterministic and idempotent: rows are matched by (supplier, sku) and unchanged ones untouched.
"""

import csv
import io
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from bridge.accounts.models import Organisation
from bridge.materials.demo.materials import COLUMNS, EXCHANGE_RATES, MATERIALS, SUPPLIERS
from bridge.materials.importer import import_materials
from bridge.materials.importer.columns import REQUIRED
from bridge.materials.models import ExchangeRate

HEADER = [*REQUIRED, "language", "composition", "technique", "colors", "width_cm", "weight_gsm",
          "certifications", "sample_available", "origin_region", "name_ru", "name_en"]  # fmt: skip


def demo_csv(slugs: dict[str, str]) -> bytes:
    """The demo catalog as a UTF-8 CSV; `slugs` maps a supplier key to its organisation slug."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for key, rows in MATERIALS.items():
        country, region = SUPPLIERS[key]
        for row in rows:
            values = dict(zip(COLUMNS, row, strict=True))
            values.update(supplier=slugs[key], country=country, origin_region=region)
            writer.writerow([values.get(column, "") for column in HEADER])
    return out.getvalue().encode("utf-8")


def _exchange_rates(ctx) -> None:
    from bridge.core.demo import upsert

    for day, currency, rate in EXCHANGE_RATES:
        upsert(
            ctx,
            ExchangeRate,
            {"currency": currency, "date": date.fromisoformat(day), "source": "staff"},
            {"rate_to_usd": Decimal(rate)},
        )
    # A demo is looked at on the day it is seeded: each currency's newest rate is also entered
    # for that day, so converted prices carry no staleness note; the dated rows stay, to explain
    # older prices.
    newest: dict[str, tuple[str, str]] = {}
    for day, currency, rate in EXCHANGE_RATES:
        newest[currency] = max(newest.get(currency, (day, rate)), (day, rate))
    for currency, (_day, rate) in newest.items():
        upsert(
            ctx,
            ExchangeRate,
            {"currency": currency, "date": timezone.localdate(), "source": "staff"},
            {"rate_to_usd": Decimal(rate)},
        )


def build_demo(ctx) -> None:
    _exchange_rates(ctx)
    slugs = {}
    for key in SUPPLIERS:
        organisation = ctx.organisations.get(key)
        if organisation is None:
            raise LookupError(f"The demo supplier {key!r} was not built by bridge.site.demo.")
        slugs[key] = Organisation.objects.values_list("slug", flat=True).get(pk=organisation.pk)
    result = import_materials(
        file=io.BytesIO(demo_csv(slugs)), filename="demo-materials.csv", publish=True, report=False
    )
    if result.errors:
        details = "; ".join(f"row {e.row}, {e.column}: {e.message}" for e in result.errors[:10])
        raise ValueError(f"The demo catalog does not pass the import: {details}")
    counts = ctx.counts.setdefault("Materials", {"created": 0, "updated": 0, "unchanged": 0})
    counts["created"] += result.created
    counts["updated"] += result.updated
    counts["unchanged"] += result.unchanged
    _properties(ctx, slugs)
    if settings.DEMO_PHOTOS:
        _photos(slugs)


def _properties(ctx, slugs: dict[str, str]) -> None:
    """The category-template values (demo/properties.py); a material whose values are already
    those is left alone, so a second run writes nothing."""
    from bridge.materials.demo.properties import PROPERTY_VALUES
    from bridge.materials.models import Material
    from bridge.materials.selectors.properties import property_values
    from bridge.materials.services.properties import material_properties_set

    for (key, sku), values in PROPERTY_VALUES.items():
        if key not in slugs:
            continue
        material = (
            Material.objects.select_related("supplier", "category")
            .filter(supplier__slug=slugs[key], sku=sku)
            .first()
        )
        if material is None:
            continue
        wanted = {code: Decimal(value) for code, value in values.items()}
        outcome = "unchanged" if property_values(material) == wanted else "updated"
        if outcome == "updated":
            material_properties_set(actor=None, material=material, values=wanted)
        ctx.count("Material property values", outcome)


def _photos(slugs: dict[str, str]) -> None:
    """Photos drawn by code (demo/photos.py) for demo materials that have none yet."""
    from bridge.materials.demo.photos import add_demo_photos
    from bridge.materials.models import Material

    materials = (
        Material.objects.filter(supplier__slug__in=slugs.values())
        .select_related("supplier", "category__parent__parent")
        .order_by("supplier__slug", "sku")
    )
    add_demo_photos(materials)

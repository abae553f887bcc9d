"""The demo catalog without the rest of the demo: only the supplier organisations (the names
and addresses `seed_demo` gives them), the exchange rates and the materials, imported from the
materials app's demo CSV as `seed_demo` imports them (without the drawn photos, which search
does not read and which take a minute to make), then indexed. Used by
`manage.py search_quality` and the quality test."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from bridge.core.demo.organisations import ORGANISATIONS

# Demo key → the address (slug) `seed_demo` gives the organisation; the relevance set names
# listings as "<slug>/<SKU>".
SUPPLIER_SLUGS = {
    "margilan-atlas": "margilon-atlas",
    "rishton-sopol": "rishton-sopol",
    "buxoro-suzani": "buxoro-sozana-uyi",
    "toshkent-charm": "toshkent-charm",
    "konigil-qogoz": "konigil-qogoz",
    "xiva-naqsh": "xiva-naqsh",
    "tabiiy-boyoq": "tabiiy-boyoq",
    "fargona-paxta": "fargona-paxta-tolasi",
    "nukus-kigiz": "nukus-kigiz",
    "ivanovo-textile": "ivanovskaya-tekstilnaya-manufaktura",
    "vologda-lace": "masterskaya-vologodskoe-kruzhevo",
}


def load_demo_catalog() -> int:
    """Create the demo suppliers (if absent), rates and materials, and index them.

    Returns the number of materials indexed. Call inside a transaction you may roll back.
    """
    from bridge.accounts.models import Organisation
    from bridge.materials.demo import demo_csv
    from bridge.materials.demo.materials import EXCHANGE_RATES
    from bridge.materials.importer import import_materials
    from bridge.materials.models import ExchangeRate
    from bridge.search.services import search_rebuild

    specs = {spec.key: spec for spec in ORGANISATIONS}
    for key, slug in SUPPLIER_SLUGS.items():
        Organisation.objects.get_or_create(
            slug=slug, defaults={"name": specs[key].name, "country": specs[key].country}
        )
    for day, currency, rate in EXCHANGE_RATES:
        ExchangeRate.objects.get_or_create(
            currency=currency,
            date=date.fromisoformat(day),
            defaults={"rate_to_usd": Decimal(rate)},
        )
    result = import_materials(
        file=io.BytesIO(demo_csv(SUPPLIER_SLUGS)),
        filename="demo-materials.csv",
        publish=True,
        report=False,
    )
    if result.errors:
        raise ValueError(f"the demo catalog does not import: {result.errors[:3]}")
    return search_rebuild(key="materials")

"""The demo catalog without the rest of the demo: only the supplier organisations (the names
and addresses `seed_demo` gives them), the exchange rates and the materials, imported from the
materials app's demo CSV as `seed_demo` imports them (without the drawn photos, which search
does not read and which take a minute to make), then indexed. Used by
`manage.py search_quality` and the quality test."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

# Demo key → the address (slug) and name `seed_demo` gives the organisation (bridge.site.demo;
# a test there keeps the two in step). The relevance set names listings as "<slug>/<SKU>", and
# the supplier's name is part of what the engine indexes for a material.
SUPPLIERS = {
    "margilan-atlas": ("margilon-atlas", "Margʻilon Atlas"),
    "rishton-sopol": ("rishton-sopol", "Rishton Sopol"),
    "buxoro-suzani": ("buxoro-sozana-uyi", "Buxoro Soʻzana Uyi"),
    "toshkent-charm": ("toshkent-charm", "Toshkent Charm"),
    "konigil-qogoz": ("konigil-qogoz", "Konigil Qogʻoz"),
    "xiva-naqsh": ("xiva-naqsh", "Xiva Naqsh"),
    "tabiiy-boyoq": ("tabiiy-boyoq", "Tabiiy Boʻyoq"),
    "fargona-paxta": ("fargona-paxta-tolasi", "Fargʻona Paxta Tolasi"),
    "nukus-kigiz": ("nukus-kigiz", "Nukus Kigiz"),
    "ivanovo-textile": (
        "ivanovskaya-tekstilnaya-manufaktura",
        "Ивановская текстильная мануфактура",
    ),
    "vologda-lace": ("masterskaya-vologodskoe-kruzhevo", "Мастерская «Вологодское кружево»"),
}


def load_demo_catalog() -> int:
    """Create the demo suppliers (if absent), rates and materials, and index them.

    Returns the number of materials indexed. Call inside a transaction you may roll back.
    """
    from bridge.accounts.models import Organisation
    from bridge.materials.demo import demo_csv
    from bridge.materials.demo.materials import EXCHANGE_RATES
    from bridge.materials.demo.materials import SUPPLIERS as PLACES
    from bridge.materials.importer import import_materials
    from bridge.materials.models import ExchangeRate
    from bridge.search.services import search_rebuild

    for key, (slug, name) in SUPPLIERS.items():
        country, _region = PLACES[key]
        Organisation.objects.get_or_create(slug=slug, defaults={"name": name, "country": country})
    for day, currency, rate in EXCHANGE_RATES:
        ExchangeRate.objects.get_or_create(
            currency=currency,
            date=date.fromisoformat(day),
            source="staff",
            defaults={"rate_to_usd": Decimal(rate)},
        )
    result = import_materials(
        file=io.BytesIO(demo_csv({key: slug for key, (slug, _n) in SUPPLIERS.items()})),
        filename="demo-materials.csv",
        publish=True,
        report=False,
    )
    if result.errors:
        raise ValueError(f"the demo catalog does not import: {result.errors[:3]}")
    return search_rebuild(key="materials")

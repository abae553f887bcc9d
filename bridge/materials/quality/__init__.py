"""Relevance of the materials search on the demo catalog, beside Django's usual `icontains`.

The relevance set (relevance.yaml) says which listings a buyer expects on the first page for
each query, as "supplier-slug/SKU" labels. Each query runs through the engine as the API calls
it, and through an `icontains` baseline (what the Django admin's search_fields does: every word of
the query must occur, case-insensitively, in one of the text fields); bridge.search.quality
scores both.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_
from pathlib import Path

from bridge.search.quality import TOP, Bar, Catalog

HERE = Path(__file__).resolve().parent
RELEVANCE_FILE = HERE / "relevance.yaml"
SNAPSHOT_FILE = HERE / "top10_snapshot.json"
INDEX_KEY = "materials"
ICONTAINS_FIELDS = ("name", "name_ru", "name_uz", "name_en", "description")

# Four false friends are tolerated: the «Пахта гули» / “Cotton Flower” teapot, whose name holds
# the very word the four cotton queries type.
BAR = Bar(false_friends=4)


def load_catalog() -> Catalog:
    """The published materials, labelled "supplier-slug/SKU"."""
    from bridge.materials.models import Material
    from bridge.materials.vocabulary import Status

    rows = Material.objects.filter(status=Status.PUBLISHED).values_list(
        "pk", "supplier__slug", "sku", "language"
    )
    label_of, language_of = {}, {}
    for pk, slug, sku, language in rows:
        label = f"{slug}/{sku}"
        label_of[pk] = label
        language_of[label] = language
    return Catalog(label_of, language_of)


def icontains_ranker(catalog: Catalog) -> Callable[[str], list[str]]:
    """Django admin's search: each word in some field (icontains), newest first."""
    from django.db.models import Q

    from bridge.materials.models import Material
    from bridge.materials.vocabulary import Status

    def rank(query: str) -> list[str]:
        qs = Material.objects.filter(status=Status.PUBLISHED)
        for word in query.split():
            qs = qs.filter(reduce(or_, (Q(**{f"{f}__icontains": word}) for f in ICONTAINS_FIELDS)))
        ids = qs.order_by("-created_at", "-pk").values_list("pk", flat=True)[:TOP]
        return catalog.labels(ids)

    return rank

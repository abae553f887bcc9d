"""The catalog: published materials by supplier country and top-level category, listings
published and withdrawn per day, and suppliers with at least one published material."""

from collections import Counter

from django.db.models import Count, F, Min, Q
from django.db.models.functions import Coalesce

from bridge.insights.rollups.dates import as_day, day_start, local_day
from bridge.insights.rollups.registry import (
    FLOW,
    STOCK,
    Output,
    Source,
    Stat,
    Window,
    flow_rows,
    stock_series,
)
from bridge.materials.models import Category, Material
from bridge.materials.vocabulary import Status

COUNTRY_CATEGORY = ("country", "category")
COUNTRY = ("country",)


def root_codes() -> dict[int, str]:
    """Category id → the code of its top-level category (the tree is small: one query)."""
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    codes = dict(Category.objects.values_list("pk", "code"))
    roots = {}
    for pk in parents:
        node, seen = pk, set()
        while parents.get(node) is not None and node not in seen:
            seen.add(node)
            node = parents[node]
        roots[pk] = codes[node]
    return roots


class MaterialsSource(Source):
    key = "materials"
    stats = (
        Stat("materials.published", STOCK, COUNTRY_CATEGORY),
        Stat("materials.new", FLOW, COUNTRY_CATEGORY),
        Stat("materials.withdrawn", FLOW, COUNTRY_CATEGORY),
        Stat("suppliers.active", STOCK, COUNTRY),
    )

    def compute(self, window: Window) -> Output:
        since = day_start(window.start)
        roots = root_codes()

        def keyed(rows, with_day: bool) -> Counter:
            counts: Counter = Counter()
            for row in rows:
                key = (str(row["supplier__country"]), roots.get(row["category_id"], "other"))
                counts[(row["day"], key) if with_day else key] += row["n"]
            return counts

        published = Material.objects.filter(status=Status.PUBLISHED)
        present = keyed(
            published.values("supplier__country", "category_id").annotate(n=Count("id")), False
        )
        # A listing enters the catalog when first published (created, for rows written
        # straight into the table without a publication time).
        entered = Material.objects.annotate(entered=Coalesce("published_at", "created_at")).filter(
            Q(published_at__isnull=False) | Q(status=Status.PUBLISHED), entered__gte=since
        )
        ins = keyed(
            entered.annotate(day=local_day("entered"))
            .values("day", "supplier__country", "category_id")
            .annotate(n=Count("id")),
            True,
        )
        # Published once and gone since (archived, rejected): left on its last change.
        left = Material.objects.exclude(status=Status.PUBLISHED).filter(
            published_at__isnull=False, updated_at__gte=since
        )
        outs = keyed(
            left.annotate(day=local_day("updated_at"))
            .values("day", "supplier__country", "category_id")
            .annotate(n=Count("id")),
            True,
        )
        rows = [
            *stock_series(
                stat="materials.published",
                present=present,
                ins=ins,
                outs=outs,
                window=window,
                dims=COUNTRY_CATEGORY,
            ),
            *flow_rows("materials.new", ins, COUNTRY_CATEGORY),
            *flow_rows("materials.withdrawn", outs, COUNTRY_CATEGORY),
            *self._suppliers(window, published),
        ]
        return Output(start=window.start, rows=rows)

    def first_day(self):
        first = Material.objects.aggregate(first=Min("created_at"), published=Min("published_at"))
        days = [as_day(value) for value in first.values() if value is not None]
        return min(days, default=None)

    def _suppliers(self, window: Window, published) -> list:
        """A supplier is active while it has a published material; its history starts with the
        first publication among the materials it has now."""
        firsts = (
            published.annotate(entered=Coalesce("published_at", "created_at"))
            .values("supplier_id", country=F("supplier__country"))
            .annotate(first=Min("entered"))
        )
        present: Counter = Counter()
        ins: Counter = Counter()
        since = day_start(window.start)
        for row in firsts:
            key = (str(row["country"]),)
            present[key] += 1
            if row["first"] >= since:
                ins[(as_day(row["first"]), key)] += 1
        return stock_series(
            stat="suppliers.active", present=present, ins=ins, outs={}, window=window, dims=COUNTRY
        )


SOURCE = MaterialsSource()

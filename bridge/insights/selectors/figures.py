"""Reading the rollups: the latest run, and the public figures of a period and country in three
queries (sums of flows over the period, stocks at its end, monthly series), cached per run.

Nothing here reads another app's tables: that is the point of the rollups.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from bridge.insights.models import MonthlyCount, RollupRun, RunStatus
from bridge.insights.rollups.dates import as_day, month_of
from bridge.insights.rollups.registry import FLOW, stats
from bridge.insights.selectors.filters import Filters, parse_filters

CACHE_SECONDS = 6 * 3600
# The monthly series the growth and meetings charts and the answer-time line draw.
SERIES = (
    "materials.published",
    "materials.new",
    "organisations.registered",
    "samples.requested",
    "samples.answer_hours",
    "applications.submitted",
    "meetings.held",
)


def latest_run() -> RollupRun | None:
    return (
        RollupRun.objects.filter(status=RunStatus.DONE)
        .only("pk", "as_of", "finished_at", "labels", "since", "full")
        .order_by("-as_of", "-id")
        .first()
    )


@dataclass
class Coverage:
    """Which months and countries the figures cover (from the run's labels)."""

    first: date
    last: date
    countries: list[str]

    @classmethod
    def of(cls, run: RollupRun | None) -> "Coverage":
        labels = run.labels if run else {}
        last = month_of(as_day(run.as_of)) if run else month_of(as_day(timezone.now()))
        first = date.fromisoformat(labels["first_month"]) if labels.get("first_month") else last
        return cls(first=min(first, last), last=last, countries=list(labels.get("countries", [])))


def filters_from(params, run: RollupRun | None) -> tuple[Filters, Coverage]:
    coverage = Coverage.of(run)
    return (
        parse_filters(
            params, first=coverage.first, last=coverage.last, countries_present=coverage.countries
        ),
        coverage,
    )


@dataclass
class Figures:
    """Public figures of one period and country. `flows` and `stocks` map a figure to its rows
    {(country, category, sector, segment): value}; `series` a figure to {month: {segment: n}}."""

    run_id: int | None
    flows: dict[str, dict[tuple, int]] = field(default_factory=dict)
    stocks: dict[str, dict[tuple, int]] = field(default_factory=dict)
    series: dict[str, dict[date, dict[str, int]]] = field(default_factory=dict)
    months: list[date] = field(default_factory=list)

    def flow(self, stat: str) -> dict[tuple, int]:
        return self.flows.get(stat, {})

    def stock(self, stat: str) -> dict[tuple, int]:
        return self.stocks.get(stat, {})

    def total(self, stat: str) -> int:
        return sum((self.flows.get(stat) or self.stocks.get(stat) or {}).values())

    def by(self, stat: str, dim: str, *, where: dict | None = None) -> dict[str, int]:
        """One dimension of a figure, summed over the others (optionally only where
        other dimensions have the given values)."""
        index = ("country", "category", "sector", "segment").index(dim)
        positions = {
            ("country", "category", "sector", "segment").index(k): v
            for k, v in (where or {}).items()
        }
        result: dict[str, int] = defaultdict(int)
        for key, value in (self.flows.get(stat) or self.stocks.get(stat) or {}).items():
            if all(key[i] == v for i, v in positions.items()):
                result[key[index]] += value
        return dict(result)


def figures(filters: Filters, run: RollupRun | None) -> Figures:
    if run is None:
        return Figures(run_id=None, months=filters.period.months())
    key = (
        f"insights:figures:{run.pk}:{run.as_of.timestamp()}:{filters.period.key}:{filters.country}"
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = _read(filters, run)
    cache.set(key, result, CACHE_SECONDS)
    return result


def _read(filters: Filters, run: RollupRun) -> Figures:
    public = {key: stat for key, stat in stats().items() if stat.public}
    flows = [key for key, stat in public.items() if stat.kind == FLOW]
    stocks = [key for key, stat in public.items() if stat.kind != FLOW]
    period = filters.period
    end = min(period.last, month_of(as_day(run.as_of)))
    base = MonthlyCount.objects.all()
    if filters.country:
        base = base.filter(country=filters.country)
    result = Figures(run_id=run.pk, months=[m for m in period.months() if m <= end])
    dims = ("country", "category", "sector", "segment")
    summed = (
        base.filter(stat__in=flows, month__gte=period.first, month__lte=period.last)
        .values("stat", *dims)
        .annotate(total=Sum("value"))
    )
    for row in summed:
        result.flows.setdefault(row["stat"], {})[tuple(row[d] for d in dims)] = row["total"]
    for row in base.filter(stat__in=stocks, month=end).values("stat", *dims, "value"):
        result.stocks.setdefault(row["stat"], {})[tuple(row[d] for d in dims)] = row["value"]
    monthly = (
        base.filter(stat__in=SERIES, month__gte=period.first, month__lte=end)
        .values("stat", "month", "segment")
        .annotate(total=Sum("value"))
    )
    for row in monthly:
        by_month = result.series.setdefault(row["stat"], {})
        segments = by_month.setdefault(row["month"], {})
        segments[row["segment"]] = segments.get(row["segment"], 0) + row["total"]
    return result

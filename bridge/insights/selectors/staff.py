"""Staff figures, from the rollups: the moderation queue and its pace, suppliers' answer times,
reviewers' load and score spread, cohort milestones."""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Sum

from bridge.insights.histogram import quantile
from bridge.insights.models import DailyCount, MonthlyCount, RollupRun, StaffFigure
from bridge.insights.selectors.filters import add_months

# Report → (its rows' columns for the exports, the StaffFigure report it reads).
EXPORTS = {
    "moderation": (
        "moderation_queue",
        ["kind", "name", "slug", "country", "waiting", "waiting_hours"],
    ),
    "suppliers": (
        "supplier_answers",
        [
            "name",
            "slug",
            "country",
            "requests",
            "answered",
            "answer_rate",
            "median_hours",
            "p90_hours",
            "accepted",
            "waiting",
            "oldest_waiting_hours",
            "expired",
        ],
    ),
    "reviewers": (
        "reviewer_load",
        [
            "call",
            "reviewer",
            "email",
            "status",
            "assigned",
            "submitted",
            "mean",
            "spread",
            "lowest",
            "highest",
        ],
    ),
    "cohorts": ("cohort", ["call", "team", "title", "milestone", "due_on", "status"]),
}


def report_rows(report: str) -> list[dict]:
    return [
        figure.data for figure in StaffFigure.objects.filter(report=report).order_by("position")
    ]


def export_rows(name: str) -> tuple[list[str], list[list]]:
    report, columns = EXPORTS[name]
    rows = report_rows(report)
    if name == "cohorts":
        flat = [
            [
                team["call"],
                team["team"],
                team["title"],
                m["title"].get("en") or m["kind"],
                m["due_on"],
                m["status"],
            ]
            for team in rows
            for m in team["milestones"]
        ]
        return columns, flat
    return columns, [[row.get(column) for column in columns] for row in rows]


def by_call(rows: list[dict]) -> "OrderedDict[str, dict]":
    """Rows grouped by their call, in the rows' order: {slug: {"titles": …, "rows": [...]}}."""
    groups: OrderedDict[str, dict] = OrderedDict()
    for row in rows:
        group = groups.setdefault(row["call"], {"titles": row.get("call_title", {}), "rows": []})
        group["rows"].append(row)
    return groups


@dataclass
class ModerationMonth:
    month: date
    decided: dict[str, int]
    median_hours: dict[str, float | None]


def moderation_pace(run: RollupRun | None, months: int = 12) -> dict:
    """Waiting now, and per month: decisions taken and the median wait before a decision."""
    if run is None:
        return {"pending": {}, "months": []}
    latest = DailyCount.objects.filter(stat="moderation.pending").aggregate(day=Max("day"))["day"]
    pending = (
        dict(
            DailyCount.objects.filter(stat="moderation.pending", day=latest).values_list(
                "category", "value"
            )
        )
        if latest
        else {}
    )
    last = date(run.as_of.year, run.as_of.month, 1)
    first = add_months(last, -(months - 1))
    decided: dict[date, dict[str, int]] = {}
    hours: dict[date, dict[str, list]] = {}
    for row in (
        MonthlyCount.objects.filter(
            stat__in=("moderation.decided", "moderation.hours"), month__gte=first
        )
        .values("stat", "month", "category", "segment")
        .annotate(total=Sum("value"))
    ):
        if row["stat"] == "moderation.decided":
            per_kind = decided.setdefault(row["month"], {})
            per_kind[row["category"]] = per_kind.get(row["category"], 0) + row["total"]
        else:
            hours.setdefault(row["month"], {}).setdefault(row["category"], []).append(
                (row["segment"], row["total"])
            )
    result = []
    month = first
    while month <= last:
        result.append(
            ModerationMonth(
                month=month,
                decided=decided.get(month, {}),
                median_hours={
                    kind: quantile(buckets, 0.5) for kind, buckets in hours.get(month, {}).items()
                },
            )
        )
        month = add_months(month, 1)
    return {"pending": pending, "months": result}

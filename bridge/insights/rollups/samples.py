"""Sample requests, counted by the day they were made (a cohort): where they went (supplier
country) and came from (the requesting organisation's country), how far each got, and how long
suppliers took to answer. A request answered today changes the figures of the day it was made,
so a run also recomputes the days of every request changed since the previous run."""

from collections import Counter
from datetime import timedelta
from statistics import median

from django.db.models import Count, Min, Q

from bridge.accounts.models import Organisation
from bridge.insights.histogram import bucket_of
from bridge.insights.rollups.dates import as_day, day_start, local_day
from bridge.insights.rollups.registry import FLOW, Output, Row, Source, Stat, Window
from bridge.materials.models import SampleRequest, SampleStatus

# The funnel's steps after "requested", each counted when the request got that far.
STAGES = {
    "answered": Q(answered_at__isnull=False),
    "accepted": Q(accepted_at__isnull=False),
    "declined": Q(status=SampleStatus.DECLINED),
    "shipped": Q(shipped_at__isnull=False),
    "received": Q(received_at__isnull=False),
    "expired": Q(status=SampleStatus.EXPIRED),
    "cancelled": Q(status=SampleStatus.CANCELLED),
}


class SamplesSource(Source):
    key = "samples"
    stats = (
        # country: the supplier's; segment: the requesting organisation's country.
        Stat("samples.requested", FLOW, ("country", "segment")),
        # segment: the step (answered, accepted, declined, shipped, received, expired, cancelled).
        Stat("samples.stage", FLOW, ("country", "segment")),
        # segment: the bucket of hours to the first answer (bridge/insights/histogram.py).
        Stat("samples.answer_hours", FLOW, ("country", "segment")),
    )

    def compute(self, window: Window) -> Output:
        start = window.start
        if window.changed_since is not None:
            oldest = SampleRequest.objects.filter(updated_at__gte=window.changed_since).aggregate(
                first=Min("created_at")
            )["first"]
            if oldest is not None:
                start = min(start, as_day(oldest))
        requests = SampleRequest.objects.filter(created_at__gte=day_start(start))
        rows: list[Row] = []
        grouped = (
            requests.annotate(day=local_day("created_at"))
            .values("day", "supplier__country", "organisation__country")
            .annotate(
                n=Count("id"), **{f"s_{name}": Count("id", filter=q) for name, q in STAGES.items()}
            )
        )
        stages: Counter = Counter()
        for row in grouped:
            country = str(row["supplier__country"])
            rows.append(
                Row(
                    "samples.requested",
                    row["day"],
                    row["n"],
                    country=country,
                    segment=str(row["organisation__country"]),
                )
            )
            for name in STAGES:
                stages[(row["day"], country, name)] += row[f"s_{name}"]
        rows += [
            Row("samples.stage", day, n, country=country, segment=name)
            for (day, country, name), n in stages.items()
            if n
        ]
        hours: Counter = Counter()
        answered = requests.filter(answered_at__isnull=False).values_list(
            "created_at", "answered_at", "supplier__country"
        )
        for created_at, answered_at, country in answered.iterator(chunk_size=5000):
            waited = (answered_at - created_at).total_seconds() / 3600
            hours[(as_day(created_at), str(country), bucket_of(waited))] += 1
        rows += [
            Row("samples.answer_hours", day, n, country=country, segment=bucket)
            for (day, country, bucket), n in hours.items()
        ]
        return Output(start=start, rows=rows, staff={"supplier_answers": supplier_answers(window)})

    def first_day(self):
        first = SampleRequest.objects.aggregate(first=Min("created_at"))["first"]
        return as_day(first) if first else None


def supplier_answers(window: Window) -> list[dict]:
    """Each supplier's answers over the last 365 days, slowest median first (staff only).
    Counts are summed in the database; only the answered requests' two times come back."""
    recent = SampleRequest.objects.filter(created_at__gte=window.now - timedelta(days=365))
    totals = recent.values("supplier_id").annotate(
        requests=Count("id"),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        accepted=Count("id", filter=Q(accepted_at__isnull=False)),
        waiting=Count("id", filter=Q(status=SampleStatus.REQUESTED)),
        expired=Count("id", filter=Q(status=SampleStatus.EXPIRED)),
        oldest=Min("created_at", filter=Q(status=SampleStatus.REQUESTED)),
    )
    hours: dict[int, list[float]] = {}
    answered = recent.filter(answered_at__isnull=False).values_list(
        "supplier_id", "created_at", "answered_at"
    )
    for pk, created_at, answered_at in answered.iterator(chunk_size=10000):
        hours.setdefault(pk, []).append((answered_at - created_at).total_seconds() / 3600)
    rows = {row["supplier_id"]: row for row in totals}
    names = Organisation.objects.filter(pk__in=rows).values_list("pk", "name", "slug", "country")
    result = []
    for pk, name, slug, country in names:
        row, times = rows[pk], sorted(hours.get(pk, []))
        oldest = row["oldest"]
        result.append(
            {
                "name": name,
                "slug": slug,
                "country": str(country),
                "requests": row["requests"],
                "answered": row["answered"],
                "accepted": row["accepted"],
                "waiting": row["waiting"],
                "expired": row["expired"],
                "oldest_waiting_hours": (
                    round((window.now - oldest).total_seconds() / 3600, 1) if oldest else None
                ),
                "median_hours": round(median(times), 1) if times else None,
                "p90_hours": round(times[min(len(times) - 1, int(0.9 * len(times)))], 1)
                if times
                else None,
                "answer_rate": round(row["answered"] / row["requests"], 3),
            }
        )
    result.sort(key=lambda e: (-(e["median_hours"] or -1), -e["waiting"], e["name"]))
    return result


SOURCE = SamplesSource()

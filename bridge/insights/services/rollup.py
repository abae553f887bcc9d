"""The rollup run: each source recomputes its days, the monthly table follows, the staff reports
are replaced. Idempotent: the same data gives the same rows, however often it runs.

- incremental (the default once a run exists): from the day before the previous run's cut-off,
  plus the older days of rows changed since (a sample request answered today moves the figures
  of the day it was made);
- `since`: from that day;
- `full`: from the first day anything happened.

All writes of one run are one transaction, so a page reads either the old figures or the new
ones, never a mix; the run's row is written apart, so a failed run is visible to staff.
"""

import time
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from bridge.core import locks
from bridge.core.audit import audit_log
from bridge.core.models import Progress
from bridge.core.progress import progress_start
from bridge.insights.models import (
    DIMENSIONS,
    DailyCount,
    MonthlyCount,
    RollupRun,
    RunStatus,
    StaffFigure,
)
from bridge.insights.rollups.dates import as_day, month_of
from bridge.insights.rollups.registry import FLOW, Output, Source, Window, sources, stats

BATCH = 5000
# A row saved just before the previous run read the tables may commit just after: look back.
SAFETY_MARGIN = timedelta(minutes=10)


def rollup_request(*, actor) -> Progress:
    """Staff ask for fresh figures: the run is queued (inline in the embedded default) and
    audited under their name when it runs. Returns the record its page follows."""
    from django.core.exceptions import PermissionDenied

    from bridge.insights import rules
    from bridge.insights.tasks import insights_rollup

    if not rules.can_run_rollup(actor):
        raise PermissionDenied
    followed = progress_start(kind="insights.rollup", owner=actor)
    transaction.on_commit(
        lambda: insights_rollup.enqueue(actor_id=actor.pk, progress_id=followed.pk)
    )
    return followed


def last_run() -> RollupRun | None:
    return RollupRun.objects.filter(status=RunStatus.DONE).order_by("-as_of", "-id").first()


def rollup_run(
    *,
    since: date | None = None,
    full: bool = False,
    actor=None,
    trigger: str = "command",
    now=None,
    progress=None,
) -> RollupRun:
    now = now or timezone.now()
    today = as_day(now)
    previous = last_run()
    full = full or (previous is None and since is None)
    if full:
        firsts = [day for source in sources() if (day := source.first_day()) is not None]
        start = min([*firsts, today])
    elif since is not None:
        start = min(since, today)
    else:
        start = min(as_day(previous.as_of) - timedelta(days=1), today)
    changed_since = None if full or previous is None else previous.as_of - SAFETY_MARGIN
    run = RollupRun.objects.create(
        started_at=timezone.now(),
        as_of=now,
        since=start,
        full=full,
        trigger=trigger,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        window = Window(start=start, end=today, now=now, changed_since=changed_since)
        _write(run, window, actor, progress)
    except Exception as exc:
        RollupRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, finished_at=timezone.now(), error=repr(exc)[:2000]
        )
        raise
    run.refresh_from_db()
    return run


@transaction.atomic
def _write(run: RollupRun, window: Window, actor, progress=None) -> None:
    """`progress(done, total)` (bridge.core.progress) is told the sources computed."""
    locks.hold_for_transaction(locks.INSIGHTS_ROLLUP)
    if progress is not None:
        progress(0, len(sources()))
    labels: dict = {}
    timings: dict[str, float] = {}
    daily = monthly = 0
    for source in sources():
        began = time.perf_counter()
        output = source.compute(window)
        daily += _replace_daily(source, output, window)
        monthly += _replace_monthly(source, month_of(output.start), window.end)
        for report, rows in output.staff.items():
            StaffFigure.objects.filter(report=report).delete()
            StaffFigure.objects.bulk_create(
                [StaffFigure(report=report, position=i, data=row) for i, row in enumerate(rows)],
                batch_size=BATCH,
            )
        labels.update(output.labels)
        timings[source.key] = round(time.perf_counter() - began, 3)
        if progress is not None:
            progress(len(timings))
    labels.update(_coverage())
    RollupRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        finished_at=timezone.now(),
        daily_rows=daily,
        monthly_rows=monthly,
        timings=timings,
        labels=labels,
    )
    if actor is not None and getattr(actor, "is_authenticated", False):
        audit_log(actor=actor, action="insights.rollup", target=run, since=str(window.start))


def _replace_daily(source: Source, output: Output, window: Window) -> int:
    keys = [stat.key for stat in source.stats]
    DailyCount.objects.filter(stat__in=keys, day__gte=output.start).delete()
    rows = [
        DailyCount(
            stat=row.stat,
            day=row.day,
            value=row.value,
            country=row.country,
            category=row.category,
            sector=row.sector,
            segment=row.segment,
        )
        for row in output.rows
        if output.start <= row.day <= window.end and row.value
    ]
    DailyCount.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _month_ends(first: date, last_day: date) -> dict[date, date]:
    """Month → the day whose stock stands for it: its last day, or today for this month."""
    ends = {}
    month = first
    while month <= last_day:
        following = (month + timedelta(days=32)).replace(day=1)
        ends[month] = min(following - timedelta(days=1), last_day)
        month = following
    return ends


def _replace_monthly(source: Source, first_month: date, last_day: date) -> int:
    flows = [stat.key for stat in source.stats if stat.kind == FLOW]
    stocks = [stat.key for stat in source.stats if stat.kind != FLOW]
    MonthlyCount.objects.filter(stat__in=[*flows, *stocks], month__gte=first_month).delete()
    rows = []
    dims = DIMENSIONS
    if flows:
        summed = (
            DailyCount.objects.filter(stat__in=flows, day__gte=first_month, day__lte=last_day)
            .annotate(month=TruncMonth("day"))
            .values("stat", "month", *dims)
            .annotate(total=Sum("value"))
        )
        rows += [
            MonthlyCount(
                stat=r["stat"], month=r["month"], value=r["total"], **{d: r[d] for d in dims}
            )
            for r in summed.iterator(chunk_size=BATCH)
        ]
    if stocks:
        ends = _month_ends(first_month, last_day)
        month_of_day = {day: month for month, day in ends.items()}
        snapshot = DailyCount.objects.filter(stat__in=stocks, day__in=list(ends.values()))
        rows += [
            MonthlyCount(
                stat=r.stat,
                month=month_of_day[r.day],
                value=r.value,
                **{d: getattr(r, d) for d in dims},
            )
            for r in snapshot.iterator(chunk_size=BATCH)
        ]
    MonthlyCount.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _coverage() -> dict:
    """What the filters offer: the months with figures and the countries present in public
    figures (kept with the run, so pages need no query for them)."""
    public = [key for key, stat in stats().items() if stat.public]
    months = MonthlyCount.objects.filter(stat__in=public).values_list("month", flat=True)
    first = months.order_by("month").first()
    countries = sorted(
        set(
            MonthlyCount.objects.filter(stat__in=public)
            .exclude(country="")
            .values_list("country", flat=True)
            .distinct()
        )
    )
    return {"first_month": first.isoformat() if first else None, "countries": countries}

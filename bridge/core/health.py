"""What /healthz and /metrics report: the database, the cache and the task queue, each alone.

Each check answers a dict with a ``status`` (ok, down, late) and what an operator needs to act
on it; a check never raises.
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, DateTimeField, F, Min, Q, When
from django.utils import timezone

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
BEAT_FRESH = timedelta(seconds=30)


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def database() -> dict:
    start = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return {"status": "down", "error": type(error).__name__}
    return {"status": "ok", "ms": _ms(start)}


def cache_state() -> dict:
    """Writes and reads back a key: a cache that accepts writes but loses them is down too."""
    start = time.perf_counter()
    key, value = "healthz:probe", secrets.token_hex(4)
    try:
        cache.set(key, value, timeout=10)
        if cache.get(key) != value:
            return {"status": "down", "error": "the value read back differs"}
    except Exception as error:
        return {"status": "down", "error": type(error).__name__}
    return {"status": "ok", "ms": _ms(start)}


def task_queue() -> dict:
    """The database queue's lag: how long the oldest due task has waited for a worker."""
    if settings.TASKS["default"]["BACKEND"] != DATABASE_BACKEND:
        return {"status": "ok", "backend": "immediate"}
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    from bridge.core.models import WorkerBeat

    now = timezone.now()
    due_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=F("run_after"),
        output_field=DateTimeField(),
    )
    due = Q(status=TaskResultStatus.READY) & (Q(run_after=get_date_max()) | Q(run_after__lte=now))
    try:
        state = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).aggregate(
            ready=Count("pk", filter=due),
            running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
            oldest=Min(due_since, filter=due),
        )
        workers = WorkerBeat.objects.filter(beat_at__gte=now - BEAT_FRESH).count()
    except Exception as error:
        return {"status": "down", "backend": "database", "error": type(error).__name__}
    lag = max((now - state["oldest"]).total_seconds(), 0.0) if state["oldest"] else 0.0
    return {
        "status": "late" if lag > settings.HEALTH_TASK_LAG_LIMIT else "ok",
        "backend": "database",
        "lag_seconds": round(lag, 1),
        "ready": state["ready"],
        "running": state["running"],
        "workers": workers,
    }


def report(*, web_only: bool = False) -> tuple[bool, dict]:
    """(healthy, body). ``web_only``: the task queue is reported but does not count (what a
    load balancer asks: a late queue is no reason to stop serving pages)."""
    body = {"database": database(), "cache": cache_state(), "tasks": task_queue()}
    counted = ("database", "cache") if web_only else ("database", "cache", "tasks")
    healthy = all(body[name]["status"] == "ok" for name in counted)
    return healthy, {"status": "ok" if healthy else "error", **body}

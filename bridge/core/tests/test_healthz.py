"""/healthz: the database, the cache and the task queue, each reported on its own."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from bridge.core.models import WorkerBeat

pytestmark = pytest.mark.integration

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _task(*, status=TaskResultStatus.READY, waited=timedelta(0), run_after=None):
    result = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="bridge.core.tasks.send_templated_email",
        backend_name="default",
        queue_name="default",
        run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=timezone.now() - waited)
    return result


def test_healthz_reports_each_part_and_is_never_cached(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["cache"]["status"] == "ok"
    assert body["tasks"] == {"status": "ok", "backend": "immediate"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(client, db, monkeypatch):
    from bridge.core import health

    class BrokenConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == {"status": "down", "error": "OperationalError"}
    assert body["cache"]["status"] == "ok"


def test_healthz_is_503_when_the_cache_does_not_answer(client, db, monkeypatch):
    from bridge.core import health

    class BrokenCache:
        def set(self, *args, **kwargs):
            raise ConnectionError("redis refused")

    monkeypatch.setattr(health, "cache", BrokenCache())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"] == {"status": "down", "error": "ConnectionError"}
    assert response.json()["database"]["status"] == "ok"


def test_healthz_reports_the_lag_of_the_database_queue(client, db, settings):
    settings.TASKS = DATABASE_TASKS
    _task(waited=timedelta(seconds=40))
    _task(waited=timedelta(seconds=5))
    _task(status=TaskResultStatus.RUNNING, waited=timedelta(hours=2))  # not waiting
    _task(run_after=timezone.now() + timedelta(hours=1), waited=timedelta(hours=3))  # not due
    WorkerBeat.objects.create(
        worker_id="w1", host="h", pid=1, started_at=timezone.now(), beat_at=timezone.now()
    )
    WorkerBeat.objects.create(
        worker_id="gone",
        host="h",
        pid=2,
        started_at=timezone.now(),
        beat_at=timezone.now() - timedelta(minutes=5),
    )

    response = client.get("/healthz")

    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert tasks["status"] == "ok"
    assert tasks["backend"] == "database"
    assert 39 <= tasks["lag_seconds"] <= 100
    assert (tasks["ready"], tasks["running"], tasks["workers"]) == (2, 1, 1)


def test_a_late_queue_is_503_except_for_the_load_balancer(client, db, settings):
    settings.TASKS = DATABASE_TASKS
    settings.HEALTH_TASK_LAG_LIMIT = 60
    _task(waited=timedelta(minutes=10))

    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["tasks"]["status"] == "late"

    web = client.get("/healthz?scope=web")
    assert web.status_code == 200
    assert web.json()["tasks"]["status"] == "late"  # still reported


def test_an_empty_queue_has_no_lag(client, db, settings):
    settings.TASKS = DATABASE_TASKS
    tasks = client.get("/healthz").json()["tasks"]
    assert (tasks["lag_seconds"], tasks["ready"], tasks["workers"]) == (0.0, 0, 0)


def test_healthz_needs_no_login_and_no_language(client, db):
    response = client.get("/healthz", headers={"accept-language": "ru"})

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405

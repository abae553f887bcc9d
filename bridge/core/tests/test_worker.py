"""Task workers that die: their tasks go back to the queue and run to the end elsewhere."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from bridge.core.management.commands import db_worker
from bridge.core.models import WorkerBeat
from bridge.core.tasks import send_templated_email
from bridge.core.worker import tasks_requeue_abandoned, worker_beat

pytestmark = pytest.mark.integration

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _running(worker: str, *, started_ago: timedelta) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="bridge.core.tasks.send_templated_email",
        backend_name="default",
        run_after=get_date_max(),
        started_at=timezone.now() - started_ago,
        worker_ids=[worker],
    )


def _beat(worker: str, *, ago: timedelta, task: DBTaskResult | None = None) -> None:
    now = timezone.now()
    WorkerBeat.objects.create(
        worker_id=worker,
        host="web-1",
        pid=1,
        started_at=now - timedelta(hours=1),
        beat_at=now - ago,
        task_id=str(task.pk) if task else "",
    )


def test_the_task_of_a_silent_worker_goes_back_to_the_queue(db):
    task = _running("killed", started_ago=timedelta(minutes=2))
    _beat("killed", ago=timedelta(minutes=1), task=task)

    assert tasks_requeue_abandoned() == [str(task.pk)]

    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert task.started_at is None
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()


def test_the_task_a_live_worker_runs_stays_with_it(db):
    task = _running("busy", started_ago=timedelta(minutes=10))
    _beat("busy", ago=timedelta(seconds=2), task=task)

    assert tasks_requeue_abandoned() == []
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_task_its_live_worker_left_behind_goes_back(db):
    """The worker lost the database while finishing it, and went on with other work."""
    task = _running("restarted", started_ago=timedelta(minutes=2))
    _beat("restarted", ago=timedelta(seconds=2))

    assert tasks_requeue_abandoned() == [str(task.pk)]


def test_a_task_just_claimed_and_unknown_workers_are_left_alone(db):
    fresh = _running("slow-to-beat", started_ago=timedelta(seconds=3))
    _beat("slow-to-beat", ago=timedelta(minutes=5))
    foreign = _running("an-upstream-worker", started_ago=timedelta(hours=1))

    assert tasks_requeue_abandoned() == []
    assert {fresh.pk, foreign.pk} == set(
        DBTaskResult.objects.running().values_list("pk", flat=True)
    )


def test_a_beat_records_the_worker_and_its_task(db):
    worker_beat(worker_id="w-1", task_id="abc")
    worker_beat(worker_id="w-1", task_id="")

    beat = WorkerBeat.objects.get()
    assert (beat.worker_id, beat.task_id) == ("w-1", "")
    assert beat.beat_at >= beat.started_at


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_the_queue_and_signs_off(settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    result = send_templated_email.using(backend="default").enqueue(
        to=["ada@example.org"],
        template="accounts/email/confirm",
        context={"name": "Ada", "url": "https://example.org/c"},
        language="en",
    )

    settled = []
    monkeypatch.setattr(db_worker, "settle_worker", lambda: settled.append(True))
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    assert settled == [True]  # warmed up before its first task
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
    assert len(mail.outbox) == 1
    assert not WorkerBeat.objects.exists()  # signed off


def test_the_worker_waits_for_the_database_instead_of_dying(monkeypatch, db):
    calls = []

    def upstream_run(self):
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("connection refused")

    monkeypatch.setattr(db_worker.upstream.Worker, "run", upstream_run)
    monkeypatch.setattr(db_worker, "RETRY_DELAYS", (0,))
    monkeypatch.setattr(db_worker.Heart, "start", lambda self: None)
    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="w-retry",
        excluded_queue_names=[],
    )

    worker.run()

    assert len(calls) == 3


def test_stopping_the_heart_waits_for_a_beat_in_progress(monkeypatch):
    """Otherwise a slow last beat lands after the sign-off and writes the worker back."""
    import threading
    import time

    from bridge.core import worker

    started = threading.Event()

    def slow_beat(self):
        started.set()
        time.sleep(0.3)

    monkeypatch.setattr(worker.Heart, "beat", slow_beat)
    heart = worker.Heart("w-slow")
    heart.start()
    assert started.wait(5)
    heart.stop()
    assert not heart.is_alive()

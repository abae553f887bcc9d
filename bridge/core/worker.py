"""What makes the database task workers safe to kill: signs of life and the return of
abandoned tasks.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so a
worker killed mid-task (OOM, `kill -9`, a lost machine, a database that went away under it)
leaves the task RUNNING for ever. Every worker here writes a `WorkerBeat` every few seconds,
naming the task it runs, and on the same beat puts back in the queue any task that has been
RUNNING for longer than the grace period while its worker is silent or busy with something
else. Our tasks are written to be run again: each is one transaction or idempotent (the
import's catch-up indexing rewrites the same entries), so a second run finishes the work and
loses nothing.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bridge.core.models import WorkerBeat

logger = logging.getLogger("bridge.worker")

BEAT_SECONDS = 5


def stale_after() -> timedelta:
    return timedelta(seconds=settings.TASK_WORKER_STALE_SECONDS)


def worker_beat(*, worker_id: str, task_id: str = "", started_at=None) -> None:
    now = timezone.now()
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(beat_at=now, task_id=task_id)
    if not updated:
        WorkerBeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": started_at or now,
                "beat_at": now,
                "task_id": task_id,
            },
        )


def worker_gone(*, worker_id: str) -> None:
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


@transaction.atomic
def tasks_requeue_abandoned(*, now=None) -> list[str]:
    """RUNNING tasks whose worker is silent, or alive but no longer running them, go back to
    READY. Only tasks claimed longer ago than the grace period, and only of workers that ever
    beat (a worker of another kind is left alone). Returns the ids put back."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    beats = {beat.worker_id: beat for beat in WorkerBeat.objects.all()}
    requeued = []
    candidates = (
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .select_for_update(skip_locked=True)
    )
    for result in candidates:
        worker = result.worker_ids[-1] if result.worker_ids else None
        beat = beats.get(worker)
        if beat is None:
            continue
        silent = beat.beat_at < cutoff
        moved_on = beat.beat_at > result.started_at and beat.task_id != str(result.id)
        if not (silent or moved_on):
            continue
        result.status = TaskResultStatus.READY
        result.started_at = None
        result.save(update_fields=["status", "started_at"])
        requeued.append(str(result.id))
        logger.warning(
            "Task %s (%s) of worker %s went back to the queue: %s",
            result.id,
            result.task_path,
            worker,
            "the worker stopped" if silent else "the worker no longer runs it",
        )
    # Workers silent for a day are not coming back.
    WorkerBeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    return requeued


class Heart(threading.Thread):
    """Beats for one worker process until stopped; returns abandoned tasks on every beat."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.task_id = ""
        self.started_at = timezone.now()
        self._stop_event = threading.Event()

    def beat(self) -> None:
        close_old_connections()
        try:
            worker_beat(worker_id=self.worker_id, task_id=self.task_id, started_at=self.started_at)
            tasks_requeue_abandoned()
        except Exception:
            # The database may be restarting; the next beat tries again.
            logger.warning("Worker %s could not beat", self.worker_id, exc_info=True)

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.beat()
            self._stop_event.wait(BEAT_SECONDS)
        close_old_connections()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop beating and wait for a beat in progress: a beat landing after the worker signed
        off would write its row back, and the worker would look alive (then dead) for a day."""
        self._stop_event.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)

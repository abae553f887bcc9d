"""`manage.py db_worker`: django-tasks-db's worker, made safe to kill and to outlive the database.

Same options as the original (bridge.core comes before django_tasks_db in INSTALLED_APPS, so
this command takes its name). Added: a heartbeat thread (`bridge.core.worker`) that returns the
tasks of dead workers to the queue, a wait-and-retry instead of an exit when the database goes
away, the duration of every task in the metrics, and a warm-up with a calmer collector before
the first task (runtime.settle_worker).
"""

import logging
import time

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands import db_worker as upstream

from bridge.core import metrics
from bridge.core.runtime import settle_worker
from bridge.core.worker import Heart, worker_gone

logger = logging.getLogger("bridge.worker")

# Seconds between attempts while the database is away: soon at first, then every 5 s.
RETRY_DELAYS = (0.5, 1, 2, 5)


class Worker(upstream.Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heart = Heart(self.worker_id)

    def run(self) -> None:
        self.heart.start()
        failures = 0
        try:
            while self.running:
                try:
                    super().run()
                    return
                except (OperationalError, InterfaceError) as error:
                    # The upstream loop ends on any database error but a lock; a restart of
                    # PostgreSQL is not a reason for the worker to die.
                    delay = RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)]
                    failures += 1
                    logger.warning("Database unavailable (%s); retrying in %s s", error, delay)
                    for connection in connections.all():
                        connection.close_if_unusable_or_obsolete()
                    time.sleep(delay)
                    close_old_connections()
        finally:
            self.heart.stop()
            try:
                worker_gone(worker_id=self.worker_id)
            except Exception:  # the database may be the reason we stop
                logger.warning("Worker %s could not sign off", self.worker_id)

    def run_task(self, db_task_result) -> None:
        self.heart.task_id = str(db_task_result.id)
        start = time.perf_counter()
        try:
            super().run_task(db_task_result)
        finally:
            self.heart.task_id = ""
            metrics.TASKS.labels(
                task=db_task_result.task_path.rsplit(".", 1)[-1], status=db_task_result.status
            ).observe(time.perf_counter() - start)


class Command(upstream.Command):
    help = upstream.Command.help + " (with heartbeats, recovery of abandoned tasks and retries)"

    def handle(self, *args, **options):
        settle_worker()
        upstream.Worker, original = Worker, upstream.Worker
        try:
            return super().handle(*args, **options)
        finally:
            upstream.Worker = original

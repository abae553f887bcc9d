"""Run the periodic jobs of one cadence (bridge.core.periodic); the deploy recipe's timers call
`manage.py run_periodic minutely|hourly|daily`."""

import logging
import time

from django.core.management.base import BaseCommand, CommandError

from bridge.core.periodic import CADENCES, jobs

logger = logging.getLogger("bridge.periodic")


class Command(BaseCommand):
    help = "Run the periodic jobs of a cadence (minutely, hourly, daily); --list shows them."

    def add_arguments(self, parser):
        parser.add_argument("cadence", nargs="?", choices=CADENCES)
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")
        parser.add_argument("--only", action="append", default=[], help="Run only this job.")

    def handle(self, *args, cadence=None, list=False, only=(), **options):
        if list:
            for job in jobs(cadence):
                self.stdout.write(f"{job.cadence:9} {job.name}")
            return
        if cadence is None:
            raise CommandError("Name a cadence: " + ", ".join(CADENCES))
        selected = [job for job in jobs(cadence) if not only or job.name in only]
        unknown = set(only) - {job.name for job in jobs(cadence)}
        if unknown:
            raise CommandError("No such job of this cadence: " + ", ".join(sorted(unknown)))
        failed = []
        for job in selected:
            start = time.monotonic()
            try:
                result = job.run()
            except Exception:
                # One broken job must not keep the others from running.
                logger.exception("Periodic job %s failed", job.name)
                failed.append(job.name)
                continue
            self.stdout.write(f"{job.name}: {result} ({time.monotonic() - start:.1f} s)")
        if failed:
            raise CommandError("Failed: " + ", ".join(failed))

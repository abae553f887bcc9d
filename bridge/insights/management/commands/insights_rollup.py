"""python manage.py insights_rollup [--since DATE] [--full]: recompute the insights figures."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bridge.core.progress import progress_tracker
from bridge.insights.services.rollup import rollup_run


class Command(BaseCommand):
    help = (
        "Recompute the figures of the insights pages. Without options: the days since the "
        "previous run (a full run the first time). Safe to run again: the same data gives the "
        "same figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="Recompute from this day on.")
        parser.add_argument(
            "--full", action="store_true", help="Recompute everything from the first day."
        )

    def handle(self, *args, since=None, full=False, **options):
        day = None
        if since:
            try:
                day = date.fromisoformat(since)
            except ValueError as exc:
                raise CommandError(f"--since must be a date as YYYY-MM-DD, not {since!r}.") from exc
        if day and full:
            raise CommandError("Give --since or --full, not both.")
        tracker = progress_tracker(kind="insights.rollup", stream=self.stdout)
        with tracker:
            run = rollup_run(since=day, full=full, trigger="command", progress=tracker)
            tracker.finish()
        if options["verbosity"] >= 1:
            timings = ", ".join(f"{key} {seconds:.2f} s" for key, seconds in run.timings.items())
            self.stdout.write(
                f"Figures as of {run.as_of:%Y-%m-%d %H:%M} recomputed from {run.since}: "
                f"{run.daily_rows} daily rows, {run.monthly_rows} monthly rows ({timings})."
            )

"""Periodic jobs: what the deploy recipe's timers run (`manage.py run_periodic hourly`).

Each app registers its jobs from its AppConfig.ready(), so a new app's reminders or rollups run
without any change to the deploy recipe; `run_periodic --list` shows them all. A job is a plain
function that does its work through services and returns something printable; it must be safe
to run again (a timer may fire twice, or late).
"""

from collections.abc import Callable
from dataclasses import dataclass

CADENCES = ("minutely", "hourly", "daily")


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]
    cadence: str

    def __post_init__(self):
        if self.cadence not in CADENCES:
            raise ValueError(f"cadence must be one of {CADENCES}, not {self.cadence!r}")


_JOBS: dict[str, Job] = {}


def register(job: Job) -> None:
    """Add or replace the job of that name (ready() may run twice in tests)."""
    _JOBS[job.name] = job


def jobs(cadence: str | None = None) -> list[Job]:
    return sorted(
        (job for job in _JOBS.values() if cadence in (None, job.cadence)),
        key=lambda job: (CADENCES.index(job.cadence), job.name),
    )

"""Progress of long work: imports, index rebuilds, the insights rollup.

A run is a `Progress` row. The code that does the work knows nothing of it: it takes a plain
callable `progress(done, total=None)` and calls it once per chunk (never per row, so the cost
stays out of the figures). A `Tracker` is such a callable: it records the counts and, on a
terminal, draws a bar with rich.

Most long work runs inside one transaction (an import is all-or-nothing), where a row written
by the run is invisible to the page that polls it until the end. So the counts of a running run
travel through the cache (Redis in production, shared by the web and the task workers) and the
row is written at the start and the end, and in between only when no transaction is open.
See docs/decisions/0016-progress-for-long-work.md.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bridge.core.models import Progress

ProgressCallback = Callable[..., None]  # progress(done, total=None)

MAX_ISSUES = 1_000  # errors or warnings kept on the run; the domain report keeps its own
_CACHE_SECONDS = 24 * 3600


def _key(pk: int) -> str:
    return f"progress:{pk}"


# --- services (writes) -----------------------------------------------------------------------
def progress_start(*, kind: str, label: str = "", owner=None, total: int | None = None) -> Progress:
    """A new run, shown as running from now on."""
    return Progress.objects.create(
        kind=kind[:32],
        label=label[:255],
        owner=owner if getattr(owner, "is_authenticated", False) else None,
        total=total,
    )


def progress_advance(*, run: Progress, done: int, total: int | None = None) -> None:
    """Where the run stands now. Call it per chunk of work, not per row."""
    run.done = done
    if total is not None:
        run.total = total
    cache.set(_key(run.pk), (run.done, run.total), _CACHE_SECONDS)
    if not connection.in_atomic_block:
        Progress.objects.filter(pk=run.pk).update(
            done=run.done, total=run.total, updated_at=timezone.now()
        )


def progress_add(*, run_id: int, count: int) -> None:
    """``count`` more done, for a run whose chunks several workers do at once (each in its own
    transaction, so the count commits with the chunk). The row is the only record of such a
    run: none of its workers knows the others' counts. It is done once the total is reached."""
    now = timezone.now()
    running = Progress.objects.filter(pk=run_id, state=Progress.State.RUNNING)
    # Capped at the total: a chunk re-run after its commit (its worker died before the queue
    # heard of the result) must not count past it.
    running.update(done=Least(F("done") + count, F("total")), updated_at=now)
    running.filter(done__gte=F("total")).update(state=Progress.State.DONE, finished_at=now)


def progress_finish(
    *,
    run: Progress,
    done: int | None = None,
    errors: Iterable[dict] = (),
    warnings: Iterable[dict] = (),
    summary: str = "",
    result_url: str = "",
    failed: bool = False,
) -> Progress:
    """The run is over: its final counts, errors and warnings (dicts with row, column,
    message), a one-line summary and where its own result lives. A run that finished counts
    everything it did as its total (the total was an estimate)."""
    if done is not None:
        run.done = done
    if not failed:
        run.total = run.done
    run.state = Progress.State.FAILED if failed else Progress.State.DONE
    run.finished_at = timezone.now()
    run.errors = [_issue(e) for e in list(errors)[:MAX_ISSUES]]
    run.warnings = [_issue(w) for w in list(warnings)[:MAX_ISSUES]]
    run.summary = summary[:255]
    run.result_url = result_url[:255]
    run.save()
    cache.delete(_key(run.pk))
    return run


def _issue(issue) -> dict:
    if not isinstance(issue, dict):
        issue = issue.as_dict() if hasattr(issue, "as_dict") else {"message": str(issue)}
    return {
        "row": issue.get("row") or 0,
        "column": str(issue.get("column") or ""),
        "message": str(issue.get("message") or ""),
    }


# --- selectors (reads) -----------------------------------------------------------------------
def progress_visible_to(user) -> QuerySet[Progress]:
    """The runs a person may follow: their own; every run for staff who may view runs."""
    if not getattr(user, "is_authenticated", False):
        return Progress.objects.none()
    if user.has_perm("core.view_progress"):
        return Progress.objects.all()
    return Progress.objects.filter(owner=user)


def progress_running(*, user, kind: str, limit: int = 5) -> list[ProgressState]:
    """A person's own runs of one kind that are still going, newest first, as they stand."""
    if not getattr(user, "is_authenticated", False):
        return []
    runs = Progress.objects.filter(owner=user, kind=kind, state=Progress.State.RUNNING)
    return [progress_state(run) for run in runs[:limit]]


@dataclass(frozen=True)
class ProgressState:
    run: Progress
    done: int
    total: int | None
    eta_seconds: float | None

    @property
    def finished(self) -> bool:
        return self.run.state != Progress.State.RUNNING

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)


def progress_state(run: Progress, *, now: datetime | None = None) -> ProgressState:
    """The run as it stands, with the counts of the cache while it runs, and the time left
    estimated from the pace so far."""
    done, total = run.done, run.total
    if run.state == Progress.State.RUNNING:
        done, total = cache.get(_key(run.pk), (done, total))
    return ProgressState(
        run=run, done=done, total=total, eta_seconds=_eta(run, done, total, now=now)
    )


def _eta(run: Progress, done: int, total: int | None, *, now) -> float | None:
    if run.state != Progress.State.RUNNING or not total or done <= 0 or done >= total:
        return None
    elapsed = ((now or timezone.now()) - run.started_at).total_seconds()
    return max(0.0, elapsed * (total - done) / done)


def eta_text(seconds: float | None) -> str:
    """'about 2 min left' in the reader's language."""
    if seconds is None:
        return _("estimating the time left…")
    if seconds < 60:
        return _("less than a minute left")
    minutes = round(seconds / 60)
    if minutes < 90:
        return ngettext("about %(count)d minute left", "about %(count)d minutes left", minutes) % {
            "count": minutes
        }
    hours = round(minutes / 60)
    return ngettext("about %(count)d hour left", "about %(count)d hours left", hours) % {
        "count": hours
    }


def report_csv(run: Progress) -> str:
    """The run's errors and warnings as CSV: kind, row, column, message."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kind", "row", "column", "message"])
    for kind, issues in (("error", run.errors), ("warning", run.warnings)):
        for issue in issues:
            writer.writerow(
                [kind, issue.get("row") or "", issue.get("column", ""), issue["message"]]
            )
    return out.getvalue()


# --- a tracker: the callable that long work reports into -------------------------------------
class Tracker:
    """`tracker(done, total=None)` records where a run stands, and moves a bar on a terminal.

    Use it as a context manager: a run that raises is recorded as failed, and the bar is taken
    off the terminal either way."""

    def __init__(self, *, run: Progress, stream=None) -> None:
        self.run = run
        self._bar = _TerminalBar(stream, run.label or run.kind) if _is_tty(stream) else None

    def __call__(self, done: int, total: int | None = None) -> None:
        progress_advance(run=self.run, done=done, total=total)
        if self._bar is not None:
            self._bar.update(self.run.done, self.run.total)

    def finish(self, **outcome) -> Progress:
        self._close()
        return progress_finish(run=self.run, **outcome)

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self._close()
        if value is not None and self.run.state == Progress.State.RUNNING:
            progress_finish(run=self.run, failed=True, errors=[{"message": repr(value)[:500]}])

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def progress_tracker(
    *, kind: str, label: str = "", owner=None, total: int | None = None, stream=None
) -> Tracker:
    """A new run and its tracker; `stream` (a command's stdout) gets a bar when a terminal."""
    return Tracker(
        run=progress_start(kind=kind, label=label, owner=owner, total=total), stream=stream
    )


def _is_tty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


class _TerminalBar:
    """rich's bar with counts and the time left; only ever made for a terminal."""

    def __init__(self, stream, description: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import (
            Progress as RichProgress,
        )

        out = getattr(stream, "_out", stream)  # a command's OutputWrapper holds the real stream
        self._progress = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=out or sys.stdout),
            transient=False,
        )
        self._task = self._progress.add_task(description, total=None)
        self._progress.start()

    def update(self, done: int, total: int | None) -> None:
        self._progress.update(self._task, completed=done, total=total)

    def stop(self) -> None:
        self._progress.stop()

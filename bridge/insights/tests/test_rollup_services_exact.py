"""The rollup run, to the exact row it writes: where a run starts (first, full, `since`,
incremental, in the platform's time zone), what it hands its sources (the window and the moment
rows changed since), the daily rows it keeps (both edges of the window, nothing for a zero), the
monthly rows (flows summed per month, stocks taken on the month's last day or today), the staff
reports replaced whole, the labels and coverage kept with the run, the run's own row (counts,
stamps, who and why), the audit row, a failed run (recorded, nothing else changed) and who may
ask for one. Written for the mutation score of issue 18.

The engine is run on small sources written here (the real ones have tests of their own), so
each figure is chosen by the test; `rollup.sources` and `rollup.stats` are swapped for them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from bridge.core import locks
from bridge.core.models import AuditEntry, Progress
from bridge.core.tests.exact_support import NOW, trail
from bridge.insights import tasks
from bridge.insights.models import DailyCount, MonthlyCount, RollupRun, RunStatus, StaffFigure
from bridge.insights.rollups.registry import FLOW, STOCK, Output, Row, Source, Stat
from bridge.insights.services import rollup as services

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

# NOW is 9:30 UTC on 1 June 2026, 12:30 in Moscow (the platform's time zone): today is 1 June.
TODAY = date(2026, 6, 1)
NEW = Stat("fake.new", FLOW, ("country",))
LIVE = Stat("fake.live", STOCK, ("country", "category"))
HIDDEN = Stat("fake.hidden", FLOW, ("country",), public=False)
VISITS = Stat("other.visits", FLOW, ("country",))


class Fake(Source):
    """A source whose output the test chooses; it keeps each window it was asked for."""

    def __init__(self, key, stats, *, rows=(), start=None, labels=None, staff=None, first=None):
        self.key = key
        self.stats = tuple(stats)
        self.rows = list(rows)
        self.start = start
        self.labels = labels or {}
        self.staff = staff or {}
        self.first = first
        self.windows = []
        self.fail = None
        self.clock_to = None

    def compute(self, window):
        self.windows.append(window)
        if self.clock_to is not None:
            self.clock_to()
        if self.fail is not None:
            raise self.fail
        return Output(
            start=self.start or window.start,
            rows=list(self.rows),
            labels=dict(self.labels),
            staff={k: list(v) for k, v in self.staff.items()},
        )

    def first_day(self):
        return self.first


@pytest.fixture
def engine(monkeypatch, clock):
    """`engine(*sources)` makes the rollup read these sources (and their figures) only."""

    def use(*chosen):
        monkeypatch.setattr(services, "sources", lambda: tuple(chosen))
        every = {stat.key: stat for source in chosen for stat in source.stats}
        monkeypatch.setattr(services, "stats", lambda: every)
        return chosen

    return use


def previous_run(as_of, status=RunStatus.DONE) -> RollupRun:
    return RollupRun.objects.create(
        started_at=as_of, as_of=as_of, since=date(2026, 1, 1), trigger="command", status=status
    )


def daily(stat=None) -> list[tuple]:
    rows = DailyCount.objects.all() if stat is None else DailyCount.objects.filter(stat=stat)
    return sorted(
        rows.values_list("stat", "day", "country", "category", "sector", "segment", "value")
    )


def monthly(stat=None) -> list[tuple]:
    rows = MonthlyCount.objects.all() if stat is None else MonthlyCount.objects.filter(stat=stat)
    return sorted(
        rows.values_list("stat", "month", "country", "category", "sector", "segment", "value")
    )


def seed_daily(stat, day, value, **dims):
    return DailyCount.objects.create(stat=stat, day=day, value=value, **dims)


def seed_monthly(stat, month, value, **dims):
    return MonthlyCount.objects.create(stat=stat, month=month, value=value, **dims)


def window_of(source) -> tuple:
    (window,) = source.windows
    return (window.start, window.end, window.now, window.changed_since)


# --- who may ask for a run -----------------------------------------------------------------------


@pytest.fixture
def queued(monkeypatch):
    """What `rollup_request` enqueues, instead of running it."""
    sent = []

    class Recorder:
        def enqueue(self, **kwargs):
            sent.append(kwargs)

    monkeypatch.setattr(tasks, "insights_rollup", Recorder())
    return sent


@pytest.mark.parametrize("who", ["moderator", "programme_manager", "owner", "outsider"])
def test_only_staff_with_the_right_may_ask_for_fresh_figures(who, request, queued, run_on_commit):
    person = request.getfixturevalue(who)
    with run_on_commit(), pytest.raises(PermissionDenied):
        services.rollup_request(actor=person)
    assert not Progress.objects.exists()
    assert queued == []


def test_nobody_signed_in_may_ask_for_fresh_figures(queued, run_on_commit):
    with run_on_commit(), pytest.raises(PermissionDenied):
        services.rollup_request(actor=AnonymousUser())
    assert not Progress.objects.exists()
    assert queued == []


def test_an_analyst_s_request_is_followed_and_queued_once_it_commits(
    analyst, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        followed = services.rollup_request(actor=analyst)
    assert queued == []
    assert Progress.objects.get() == followed
    assert (followed.kind, followed.owner, followed.state) == (
        "insights.rollup",
        analyst,
        Progress.State.RUNNING,
    )
    assert len(callbacks) == 1
    callbacks[0]()
    assert queued == [{"actor_id": analyst.pk, "progress_id": followed.pk}]


def test_the_queued_run_is_recorded_under_the_analyst_s_name(analyst, engine, run_on_commit):
    engine(Fake("fake", [NEW], first=date(2026, 5, 20)))
    with run_on_commit():
        followed = services.rollup_request(actor=analyst)
    run = RollupRun.objects.get()
    assert (run.trigger, run.actor, run.status) == ("staff", analyst, RunStatus.DONE)
    assert trail(run) == [("insights.rollup", analyst, {"since": "2026-05-20"})]
    followed.refresh_from_db()
    assert (followed.state, followed.done, followed.total) == (Progress.State.DONE, 1, 1)


# --- the last run ----------------------------------------------------------------------------------


def test_there_is_no_last_run_before_one_is_done(db):
    assert services.last_run() is None
    previous_run(NOW, status=RunStatus.FAILED)
    previous_run(NOW, status=RunStatus.RUNNING)
    assert services.last_run() is None


def test_the_last_run_is_the_done_one_with_the_latest_figures(db):
    later = previous_run(NOW - timedelta(days=1))
    previous_run(NOW - timedelta(days=2))
    previous_run(NOW, status=RunStatus.FAILED)
    previous_run(NOW, status=RunStatus.RUNNING)
    assert services.last_run() == later


def test_of_two_runs_as_of_the_same_moment_the_later_written_is_the_last(db):
    previous_run(NOW)
    second = previous_run(NOW)
    assert services.last_run() == second


# --- where a run starts ------------------------------------------------------------------------


def test_the_first_run_is_full_from_the_first_day_anything_happened(engine):
    a, b, c = engine(
        Fake("a", [NEW], first=date(2026, 5, 10)),
        Fake("b", [LIVE], first=None),
        Fake("c", [VISITS], first=date(2026, 5, 3)),
    )
    run = services.rollup_run()
    assert (run.full, run.since, run.as_of, run.trigger) == (True, date(2026, 5, 3), NOW, "command")
    for source in (a, b, c):
        assert window_of(source) == (date(2026, 5, 3), TODAY, NOW, None)


def test_a_full_run_with_nothing_before_today_starts_today(engine):
    a, b = engine(
        Fake("a", [NEW], first=date(2026, 6, 5)),
        Fake("b", [LIVE], first=None),
    )
    run = services.rollup_run()
    assert (run.full, run.since) == (True, TODAY)
    assert window_of(a) == window_of(b) == (TODAY, TODAY, NOW, None)


def test_a_full_run_asked_for_after_earlier_runs_starts_from_the_first_day(engine):
    (a,) = engine(Fake("a", [NEW], first=date(2026, 4, 30)))
    previous_run(NOW - timedelta(days=3))
    run = services.rollup_run(full=True)
    assert (run.full, run.since) == (True, date(2026, 4, 30))
    assert window_of(a) == (date(2026, 4, 30), TODAY, NOW, None)


def test_a_first_run_from_a_day_given_is_not_full(engine):
    (a,) = engine(Fake("a", [NEW], first=date(2026, 1, 1)))
    run = services.rollup_run(since=date(2026, 5, 25))
    assert (run.full, run.since) == (False, date(2026, 5, 25))
    assert window_of(a) == (date(2026, 5, 25), TODAY, NOW, None)


def test_a_day_given_after_today_starts_today(engine):
    (a,) = engine(Fake("a", [NEW]))
    run = services.rollup_run(since=date(2026, 6, 2))
    assert (run.full, run.since) == (False, TODAY)
    assert window_of(a) == (TODAY, TODAY, NOW, None)


def test_a_day_given_after_a_run_looks_for_rows_changed_since_that_run(engine):
    (a,) = engine(Fake("a", [NEW], first=date(2026, 1, 1)))
    before = datetime(2026, 5, 28, 6, 0, tzinfo=UTC)
    previous_run(before)
    run = services.rollup_run(since=date(2026, 5, 10))
    assert (run.full, run.since) == (False, date(2026, 5, 10))
    assert window_of(a) == (date(2026, 5, 10), TODAY, NOW, datetime(2026, 5, 28, 5, 50, tzinfo=UTC))


def test_an_incremental_run_starts_the_day_before_the_last_run_in_moscow(engine):
    (a,) = engine(Fake("a", [NEW], first=date(2026, 1, 1)))
    # 21:30 UTC on 20 May is 00:30 on 21 May in Moscow: the run starts on 20 May.
    previous_run(datetime(2026, 5, 20, 21, 30, tzinfo=UTC))
    previous_run(datetime(2026, 5, 30, 9, 0, tzinfo=UTC), status=RunStatus.FAILED)
    run = services.rollup_run()
    assert (run.full, run.since) == (False, date(2026, 5, 20))
    assert window_of(a) == (
        date(2026, 5, 20),
        TODAY,
        NOW,
        datetime(2026, 5, 20, 21, 20, tzinfo=UTC),
    )


def test_an_incremental_run_before_midnight_in_moscow_starts_a_day_earlier(engine):
    engine(Fake("a", [NEW]))
    previous_run(datetime(2026, 5, 20, 20, 59, 59, tzinfo=UTC))
    run = services.rollup_run()
    assert run.since == date(2026, 5, 19)


def test_an_incremental_run_after_a_run_as_of_today_starts_yesterday(engine):
    engine(Fake("a", [NEW]))
    previous_run(NOW - timedelta(hours=1))
    run = services.rollup_run()
    assert run.since == date(2026, 5, 31)


def test_an_incremental_run_never_starts_after_today(engine):
    (a,) = engine(Fake("a", [NEW]))
    previous_run(NOW + timedelta(days=3))
    run = services.rollup_run()
    assert (run.full, run.since) == (False, TODAY)
    assert window_of(a)[:2] == (TODAY, TODAY)


def test_a_run_as_of_another_moment_counts_to_that_moment_s_day(engine, clock):
    (a,) = engine(Fake("a", [NEW], first=date(2026, 5, 1)))
    # 21:00 UTC on 31 May is midnight on 1 June in Moscow.
    as_of = datetime(2026, 5, 31, 21, 0, tzinfo=UTC)
    run = services.rollup_run(now=as_of)
    assert (run.as_of, run.started_at, run.finished_at) == (as_of, NOW, NOW)
    assert window_of(a) == (date(2026, 5, 1), TODAY, as_of, None)


def test_a_moment_before_midnight_in_moscow_counts_to_the_day_before(engine):
    (a,) = engine(Fake("a", [NEW], first=date(2026, 5, 1)))
    as_of = datetime(2026, 5, 31, 20, 59, 59, tzinfo=UTC)
    services.rollup_run(now=as_of)
    assert window_of(a)[:2] == (date(2026, 5, 1), date(2026, 5, 31))


# --- the run's own row, the audit --------------------------------------------------------------


def test_the_run_s_row_tells_what_it_did_and_when(engine, clock):
    _, b = engine(
        Fake(
            "a",
            [NEW],
            rows=[Row("fake.new", date(2026, 5, 30), 2, country="UZ")],
            first=date(2026, 5, 30),
        ),
        Fake(
            "b",
            [LIVE],
            rows=[
                Row("fake.live", date(2026, 5, 31), 4, country="RU"),
                Row("fake.live", TODAY, 5, country="RU"),
            ],
        ),
    )

    def later():
        clock["now"] = NOW + timedelta(minutes=3)

    b.clock_to = later
    run = services.rollup_run(trigger="schedule")
    assert isinstance(run, RollupRun)
    assert RollupRun.objects.get() == run
    assert (run.started_at, run.finished_at, run.as_of) == (
        NOW,
        NOW + timedelta(minutes=3),
        NOW,
    )
    assert (run.since, run.full, run.trigger, run.actor, run.status, run.error) == (
        date(2026, 5, 30),
        True,
        "schedule",
        None,
        RunStatus.DONE,
        "",
    )
    # 3 daily rows; monthly: fake.new May 2, fake.live May (31st) 4 and June (today) 5.
    assert (run.daily_rows, run.monthly_rows) == (3, 3)
    assert list(run.timings) == ["a", "b"]
    assert all(isinstance(v, float) and 0 <= v < 5 for v in run.timings.values())
    assert not AuditEntry.objects.exists()


def test_a_run_by_a_person_is_theirs_and_audited(engine, analyst):
    engine(Fake("a", [NEW], first=date(2026, 5, 12)))
    run = services.rollup_run(actor=analyst, trigger="staff")
    assert (run.actor, run.trigger) == (analyst, "staff")
    assert trail(run) == [("insights.rollup", analyst, {"since": "2026-05-12"})]
    assert AuditEntry.objects.count() == 1


def test_a_run_for_nobody_signed_in_has_no_actor_and_no_audit(engine):
    engine(Fake("a", [NEW]))
    run = services.rollup_run(actor=AnonymousUser())
    assert run.actor is None
    assert run.status == RunStatus.DONE
    assert not AuditEntry.objects.exists()


def test_the_run_holds_the_rollup_lock(engine, monkeypatch):
    held = []
    monkeypatch.setattr(locks, "hold_for_transaction", held.append)
    engine(Fake("a", [NEW]))
    services.rollup_run()
    assert held == [locks.INSIGHTS_ROLLUP]


def test_the_run_tells_its_progress_source_by_source(engine):
    engine(Fake("a", [NEW]), Fake("b", [LIVE]), Fake("c", [VISITS]))
    told = []
    services.rollup_run(progress=lambda *args: told.append(args))
    assert told == [(0, 3), (1,), (2,), (3,)]


# --- a failed run -----------------------------------------------------------------------------


def test_a_failed_run_is_recorded_and_changes_nothing(engine, clock, analyst):
    _, b = engine(
        Fake(
            "a",
            [NEW],
            rows=[Row("fake.new", TODAY, 9, country="UZ")],
            staff={"queue": [{"name": "new"}]},
        ),
        Fake("b", [LIVE]),
    )
    done = previous_run(NOW - timedelta(days=2))
    seed_daily("fake.new", TODAY, 1, country="UZ")
    seed_monthly("fake.new", date(2026, 6, 1), 1, country="UZ")
    StaffFigure.objects.create(report="queue", position=0, data={"name": "old"})
    problem = RuntimeError("x" * 3000)

    def later():
        clock["now"] = NOW + timedelta(minutes=7)

    b.clock_to = later
    b.fail = problem
    with pytest.raises(RuntimeError) as raised:
        services.rollup_run(actor=analyst)
    assert raised.value is problem
    failed = RollupRun.objects.get(status=RunStatus.FAILED)
    assert (failed.started_at, failed.finished_at, failed.as_of) == (
        NOW,
        NOW + timedelta(minutes=7),
        NOW,
    )
    assert failed.error == repr(problem)[:2000]
    assert len(failed.error) == 2000
    assert (failed.daily_rows, failed.monthly_rows, failed.timings, failed.labels) == (
        0,
        0,
        {},
        {},
    )
    assert daily() == [("fake.new", TODAY, "UZ", "", "", "", 1)]
    assert monthly() == [("fake.new", date(2026, 6, 1), "UZ", "", "", "", 1)]
    assert list(StaffFigure.objects.values_list("data", flat=True)) == [{"name": "old"}]
    assert not AuditEntry.objects.exists()
    assert services.last_run() == done


def test_a_short_error_is_kept_whole(engine):
    (a,) = engine(Fake("a", [NEW]))
    a.fail = ValueError("no table")
    with pytest.raises(ValueError):
        services.rollup_run()
    assert RollupRun.objects.get().error == "ValueError('no table')"


# --- the daily rows ----------------------------------------------------------------------------


def test_the_daily_rows_of_the_window_are_written_as_the_source_gives_them(engine):
    engine(
        Fake(
            "a",
            [NEW, LIVE],
            start=date(2026, 5, 20),
            rows=[
                Row("fake.new", date(2026, 5, 19), 7, country="UZ"),  # before the start
                Row("fake.new", date(2026, 5, 20), 3, country="UZ"),  # the first day
                Row("fake.new", date(2026, 5, 25), 0, country="KZ"),  # nothing to count
                Row("fake.live", TODAY, 6, "RU", "textiles", "film", "big"),  # the last day
                Row("fake.live", date(2026, 6, 2), 8, country="RU"),  # after today
            ],
        )
    )
    run = services.rollup_run(since=date(2026, 5, 25))
    assert daily() == [
        ("fake.live", TODAY, "RU", "textiles", "film", "big", 6),
        ("fake.new", date(2026, 5, 20), "UZ", "", "", "", 3),
    ]
    assert run.daily_rows == 2


def test_the_daily_rows_from_the_source_s_start_are_replaced_and_no_others(engine):
    engine(
        Fake(
            "a",
            [NEW],
            start=date(2026, 5, 20),
            rows=[Row("fake.new", date(2026, 5, 22), 4, country="UZ")],
        )
    )
    seed_daily("fake.new", date(2026, 5, 19), 11, country="UZ")  # before: kept
    seed_daily("fake.new", date(2026, 5, 20), 12, country="UZ")  # from the start: gone
    seed_daily("fake.new", date(2026, 5, 22), 13, country="UZ")  # replaced
    seed_daily("fake.new", TODAY, 14, country="KZ")  # gone
    seed_daily("other.visits", date(2026, 5, 22), 15, country="UZ")  # not this source's
    services.rollup_run(since=date(2026, 5, 25))
    assert daily() == [
        ("fake.new", date(2026, 5, 19), "UZ", "", "", "", 11),
        ("fake.new", date(2026, 5, 22), "UZ", "", "", "", 4),
        ("other.visits", date(2026, 5, 22), "UZ", "", "", "", 15),
    ]


def test_running_twice_writes_the_same_rows(engine):
    engine(
        Fake(
            "a",
            [NEW, LIVE],
            first=date(2026, 4, 20),
            rows=[
                Row("fake.new", date(2026, 4, 20), 2, country="UZ"),
                Row("fake.live", date(2026, 4, 30), 2, country="UZ"),
                Row("fake.live", TODAY, 3, country="UZ"),
            ],
        )
    )
    services.rollup_run()
    first = (daily(), monthly())
    again = services.rollup_run()
    assert (daily(), monthly()) == first
    # The second run is incremental, from yesterday: today's stock and June are rewritten.
    assert (again.full, again.since, again.daily_rows, again.monthly_rows) == (
        False,
        date(2026, 5, 31),
        1,
        1,
    )


# --- the monthly rows --------------------------------------------------------------------------


def test_a_flow_s_month_is_the_sum_of_its_days_by_dimension(engine):
    engine(
        Fake(
            "a",
            [NEW],
            start=date(2026, 4, 15),
            rows=[
                Row("fake.new", date(2026, 4, 15), 2, country="UZ"),
                Row("fake.new", date(2026, 4, 30), 3, country="UZ"),
                Row("fake.new", date(2026, 4, 16), 5, country="KZ"),
                Row("fake.new", date(2026, 5, 1), 7, country="UZ"),
                Row("fake.new", date(2026, 5, 31), 1, country="UZ"),
                Row("fake.new", TODAY, 4, country="UZ"),
            ],
        )
    )
    run = services.rollup_run(since=date(2026, 5, 1))
    assert monthly() == [
        ("fake.new", date(2026, 4, 1), "KZ", "", "", "", 5),
        ("fake.new", date(2026, 4, 1), "UZ", "", "", "", 5),
        ("fake.new", date(2026, 5, 1), "UZ", "", "", "", 8),
        ("fake.new", date(2026, 6, 1), "UZ", "", "", "", 4),
    ]
    assert run.monthly_rows == 4


def test_months_before_the_source_s_start_are_left_as_they_were(engine):
    engine(
        Fake(
            "a",
            [NEW, LIVE],
            start=date(2026, 5, 15),
            rows=[
                Row("fake.new", date(2026, 5, 15), 2, country="UZ"),
                Row("fake.live", date(2026, 5, 31), 6, country="UZ"),
            ],
        )
    )
    # Days of April and of early May kept in the daily table, with a stale April month.
    seed_daily("fake.new", date(2026, 4, 30), 3, country="UZ")
    seed_daily("fake.new", date(2026, 5, 2), 4, country="UZ")
    seed_daily("fake.live", date(2026, 4, 30), 9, country="UZ")
    seed_monthly("fake.new", date(2026, 4, 1), 99, country="UZ")
    seed_monthly("fake.live", date(2026, 4, 1), 98, country="UZ")
    seed_monthly("fake.new", date(2026, 5, 1), 97, country="UZ")  # stale: replaced
    seed_monthly("fake.live", date(2026, 6, 1), 96, country="UZ")  # stale: no stock today
    seed_monthly("other.visits", date(2026, 5, 1), 95, country="UZ")  # another source's
    run = services.rollup_run(since=date(2026, 5, 20))
    assert monthly() == [
        ("fake.live", date(2026, 4, 1), "UZ", "", "", "", 98),
        ("fake.live", date(2026, 5, 1), "UZ", "", "", "", 6),
        ("fake.new", date(2026, 4, 1), "UZ", "", "", "", 99),
        ("fake.new", date(2026, 5, 1), "UZ", "", "", "", 6),
        ("other.visits", date(2026, 5, 1), "UZ", "", "", "", 95),
    ]
    assert run.monthly_rows == 2


def test_a_stock_s_month_is_its_last_day_and_this_month_is_today(engine):
    engine(
        Fake(
            "a",
            [LIVE],
            start=date(2026, 4, 10),
            rows=[
                Row("fake.live", date(2026, 4, 10), 1, "UZ", "textiles"),
                Row("fake.live", date(2026, 4, 29), 2, "UZ", "textiles"),
                Row("fake.live", date(2026, 4, 30), 3, "UZ", "textiles"),
                Row("fake.live", date(2026, 4, 30), 4, "KZ", "ceramics"),
                Row("fake.live", date(2026, 5, 1), 5, "UZ", "textiles"),
                Row("fake.live", date(2026, 5, 31), 6, "UZ", "textiles"),
                Row("fake.live", TODAY, 7, "UZ", "textiles"),
            ],
        )
    )
    run = services.rollup_run(since=date(2026, 5, 31))
    assert monthly() == [
        ("fake.live", date(2026, 4, 1), "KZ", "ceramics", "", "", 4),
        ("fake.live", date(2026, 4, 1), "UZ", "textiles", "", "", 3),
        ("fake.live", date(2026, 5, 1), "UZ", "textiles", "", "", 6),
        ("fake.live", date(2026, 6, 1), "UZ", "textiles", "", "", 7),
    ]
    assert run.monthly_rows == 4


def test_a_stock_s_months_run_across_the_year_and_february(engine):
    engine(
        Fake(
            "a",
            [LIVE],
            start=date(2025, 12, 5),
            rows=[
                Row("fake.live", date(2025, 12, 30), 1, "UZ"),
                Row("fake.live", date(2025, 12, 31), 2, "UZ"),
                Row("fake.live", date(2026, 1, 31), 3, "UZ"),
                Row("fake.live", date(2026, 2, 27), 4, "UZ"),
                Row("fake.live", date(2026, 2, 28), 5, "UZ"),
                Row("fake.live", date(2026, 3, 1), 6, "UZ"),
            ],
        )
    )
    services.rollup_run(since=date(2025, 12, 5), now=datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    assert monthly() == [
        ("fake.live", date(2025, 12, 1), "UZ", "", "", "", 2),
        ("fake.live", date(2026, 1, 1), "UZ", "", "", "", 3),
        ("fake.live", date(2026, 2, 1), "UZ", "", "", "", 5),
        ("fake.live", date(2026, 3, 1), "UZ", "", "", "", 6),
    ]


def test_a_stock_on_the_last_day_of_the_month_of_today_stands_for_it(engine):
    engine(
        Fake(
            "a",
            [LIVE],
            start=date(2026, 5, 1),
            rows=[Row("fake.live", date(2026, 5, 31), 6, "UZ")],
        )
    )
    services.rollup_run(since=date(2026, 5, 1), now=datetime(2026, 5, 31, 9, 0, tzinfo=UTC))
    assert monthly() == [("fake.live", date(2026, 5, 1), "UZ", "", "", "", 6)]


# --- the staff reports ------------------------------------------------------------------------


def test_a_staff_report_is_replaced_whole_and_others_are_kept(engine):
    engine(
        Fake(
            "a",
            [NEW],
            staff={
                "queue": [{"name": "b", "waiting": 2}, {"name": "a", "waiting": 1}],
                "emptied": [],
            },
        )
    )
    for position in range(3):
        StaffFigure.objects.create(report="queue", position=position, data={"old": position})
    StaffFigure.objects.create(report="emptied", position=0, data={"old": 0})
    StaffFigure.objects.create(report="answers", position=0, data={"kept": True})
    services.rollup_run()
    assert list(StaffFigure.objects.values_list("report", "position", "data")) == [
        ("answers", 0, {"kept": True}),
        ("queue", 0, {"name": "b", "waiting": 2}),
        ("queue", 1, {"name": "a", "waiting": 1}),
    ]


# --- labels and coverage ------------------------------------------------------------------------


def test_the_labels_of_every_source_and_the_coverage_are_kept_with_the_run(engine):
    engine(
        Fake(
            "a",
            [NEW, HIDDEN],
            start=date(2026, 5, 10),
            labels={"calls": {"x": 1}, "shared": "a", "countries": ["XX"]},
            rows=[
                Row("fake.new", date(2026, 5, 10), 1, country="UZ"),
                Row("fake.new", date(2026, 5, 11), 1, country="RU"),
                Row("fake.new", date(2026, 5, 12), 1, country=""),
                Row("fake.new", date(2026, 5, 13), 1, country="UZ"),
                Row("fake.hidden", date(2026, 5, 12), 1, country="AM"),
            ],
        ),
        Fake("b", [LIVE], labels={"shared": "b", "events": [2]}),
    )
    seed_monthly("fake.new", date(2026, 3, 1), 4, country="KZ")  # an older public month
    seed_monthly("fake.hidden", date(2026, 1, 1), 4, country="BY")  # staff only
    seed_monthly("third.party", date(2025, 12, 1), 4, country="GE")  # no source of this run
    run = services.rollup_run(since=date(2026, 5, 10))
    assert run.labels == {
        "calls": {"x": 1},
        "shared": "b",
        "events": [2],
        "first_month": "2026-03-01",
        "countries": ["KZ", "RU", "UZ"],
    }


def test_with_no_public_figures_the_coverage_is_empty(engine):
    engine(
        Fake(
            "a",
            [NEW, HIDDEN],
            rows=[Row("fake.hidden", TODAY, 1, country="AM")],
        )
    )
    run = services.rollup_run()
    assert run.labels == {"first_month": None, "countries": []}

"""Long runs: counts, time left, the finish with errors, and who may follow a run."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bridge.core.models import Progress
from bridge.core.progress import (
    Tracker,
    eta_text,
    progress_advance,
    progress_finish,
    progress_start,
    progress_state,
    progress_tracker,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_counts_and_time_left_follow_the_pace_so_far(outsider):
    run = progress_start(kind="materials.import", label="big.csv", owner=outsider, total=100_000)
    progress_advance(run=run, done=25_000)
    later = run.started_at + timedelta(seconds=60)
    state = progress_state(Progress.objects.get(pk=run.pk), now=later)
    assert (state.done, state.total, state.percent) == (25_000, 100_000, 25)
    # a quarter in a minute: three more minutes
    assert state.eta_seconds == pytest.approx(180)
    with translation.override("en"):
        assert eta_text(state.eta_seconds) == "about 3 minutes left"
        assert eta_text(20) == "less than a minute left"
        assert eta_text(None) == "estimating the time left…"


def test_finish_keeps_errors_and_warnings_and_counts_what_was_done(outsider):
    run = progress_start(kind="materials.import", owner=outsider, total=120)
    progress_advance(run=run, done=50)
    progress_finish(
        run=run,
        done=100,
        errors=[{"row": 3, "column": "price", "message": "Give a price above zero."}],
        warnings=[{"row": 4, "column": "colors", "message": "Kept as written."}],
    )
    run.refresh_from_db()
    state = progress_state(run)
    assert state.finished and run.state == Progress.State.DONE
    assert (state.done, state.total, state.eta_seconds) == (100, 100, None)
    assert run.errors == [{"row": 3, "column": "price", "message": "Give a price above zero."}]
    assert run.warnings[0]["column"] == "colors"


def test_a_run_that_raises_is_recorded_as_failed(outsider):
    with pytest.raises(RuntimeError), progress_tracker(kind="search.rebuild") as tracker:
        tracker(10, 100)
        raise RuntimeError("disk full")
    run = Progress.objects.get()
    assert run.state == Progress.State.FAILED
    assert "disk full" in run.errors[0]["message"]


def test_tracker_draws_no_bar_off_a_terminal():
    out = io.StringIO()
    with progress_tracker(kind="search.rebuild", stream=out) as tracker:
        tracker(0, 10)
        tracker(10)
        tracker.finish()
    assert out.getvalue() == ""
    assert Progress.objects.get().done == 10


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_tracker_draws_a_bar_with_counts_on_a_terminal():
    out = _Terminal()
    tracker = Tracker(run=progress_start(kind="search.rebuild", label="materials"), stream=out)
    tracker(0, 2_000)
    tracker(2_000)
    tracker.finish()
    assert "2000/2000" in out.getvalue() and "materials" in out.getvalue()


# --- pages -------------------------------------------------------------------------------------
def _urls(run):
    return [
        reverse("core:progress", args=[run.pk]),
        reverse("core:progress_poll", args=[run.pk]),
        reverse("core:progress_report", args=[run.pk]),
    ]


def test_running_page_polls_and_shows_counts_in_the_readers_language(client, outsider):
    run = progress_start(kind="materials.import", label="big.csv", owner=outsider, total=100_000)
    Progress.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(minutes=1))
    progress_advance(run=run, done=64_000)
    client.force_login(outsider)
    page = client.get(reverse("core:progress", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'hx-trigger="every 1s"' in html
    assert "64,000 of 100,000" in html
    assert 'max="100000" value="64000"' in html
    assert 'for="run-bar-' in html  # the bar has its label
    assert "less than a minute left" in html  # 64% in a minute
    assert "style=" not in html.split("<main", 1)[1]
    poll = client.get(reverse("core:progress_poll", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    text = poll.content.decode()
    assert "<html" not in text and 'hx-trigger="every 1s"' in text
    assert "64\xa0000 из 100\xa0000" in text


def test_finished_run_stops_polling_and_offers_its_report(client, outsider):
    run = progress_start(kind="materials.import", owner=outsider, total=3)
    progress_finish(
        run=run,
        done=3,
        errors=[{"row": 2, "column": "price", "message": "Give a price above zero."}],
        warnings=[{"row": 3, "column": "colors", "message": "Kept as written."}],
        result_url="/materials/import/1/",
    )
    client.force_login(outsider)
    poll = client.get(reverse("core:progress_poll", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = poll.content.decode()
    assert "hx-trigger" not in html
    assert "Finished with 1 error." in html and "Give a price above zero." in html
    assert "Kept as written." in html and 'href="/materials/import/1/"' in html
    report = client.get(reverse("core:progress_report", args=[run.pk]))
    assert report["Content-Type"].startswith("text/csv")
    lines = report.content.decode().splitlines()
    assert lines == [
        "kind,row,column,message",
        "error,2,price,Give a price above zero.",
        "warning,3,colors,Kept as written.",
    ]


def test_only_the_owner_and_staff_who_may_see_runs_follow_a_run(
    client, owner, outsider, moderator, analyst, programme_manager
):
    run = progress_start(kind="materials.import", owner=owner, total=10)
    for person, status in (
        (owner, 200),
        (moderator, 200),
        (analyst, 200),
        (outsider, 404),  # another person's (or organisation's) run does not exist for them
        (programme_manager, 404),
    ):
        client.force_login(person)
        for url in _urls(run):
            assert client.get(url).status_code == status, (person, url)
    client.logout()
    for url in _urls(run):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/" in response["Location"]

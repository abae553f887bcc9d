"""`run_periodic`: each app's jobs by cadence, one failure does not stop the others."""

import pytest
from django.core.management import CommandError, call_command

from bridge.core import periodic

pytestmark = pytest.mark.integration


@pytest.fixture
def jobs(monkeypatch):
    monkeypatch.setattr(periodic, "_JOBS", {})
    ran = []

    def broken():
        ran.append("broken")
        raise RuntimeError("SMTP refused")

    periodic.register(periodic.Job("a-broken-one", broken, "hourly"))
    periodic.register(periodic.Job("reminders", lambda: ran.append("reminders") or 3, "hourly"))
    periodic.register(periodic.Job("rollups", lambda: ran.append("rollups"), "daily"))
    return ran


def test_the_apps_register_their_jobs():
    names = {job.name: job.cadence for job in periodic.jobs()}
    assert names["sample-requests"] == "hourly"
    assert names["review-reminders"] == "daily"
    assert names["requeue-abandoned-tasks"] == "minutely"


def test_a_cadence_runs_its_jobs_and_reports_a_failure_after_the_others(jobs, capsys):
    with pytest.raises(CommandError, match="a-broken-one"):
        call_command("run_periodic", "hourly")

    assert jobs == ["broken", "reminders"]
    assert "reminders: 3" in capsys.readouterr().out


def test_only_and_list(jobs, capsys):
    call_command("run_periodic", "daily", "--only", "rollups")
    assert jobs == ["rollups"]
    call_command("run_periodic", "--list")
    out = capsys.readouterr().out
    assert out.index("hourly") < out.index("daily")
    with pytest.raises(CommandError):
        call_command("run_periodic", "daily", "--only", "reminders")


def test_a_cadence_is_checked():
    with pytest.raises(ValueError):
        periodic.Job("x", lambda: None, "weekly")


@pytest.mark.django_db
def test_the_real_jobs_run(capsys):
    call_command("run_periodic", "hourly")
    call_command("run_periodic", "minutely")
    out = capsys.readouterr().out
    assert "sample-requests: {" in out
    assert "requeue-abandoned-tasks: 0" in out

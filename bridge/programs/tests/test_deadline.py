"""The deadline rule lives on the application: the services refuse and the pages hide the
editing by the same test, and the moment of the deadline is already too late."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bridge.programs.models import Application, ApplicationStatus, Call, Stage

CLOSES = datetime(2026, 3, 1, 18, 0, tzinfo=ZoneInfo("Asia/Tashkent"))
SECOND = timedelta(seconds=1)


def _application(status=ApplicationStatus.DRAFT, stage_closes=None):
    call = Call(closes_at=CLOSES, timezone="Asia/Tashkent")
    stage = None if stage_closes is None else Stage(call=call, closes_at=stage_closes)
    return Application(call=call, current_stage=stage, status=status)


@pytest.mark.parametrize(
    ("now", "passed"), [(CLOSES - SECOND, False), (CLOSES, True), (CLOSES + SECOND, True)]
)
def test_the_deadline_moment_itself_is_too_late(now, passed):
    assert _application().deadline_passed(now) is passed
    assert _application().is_editable(now) is not passed


def test_a_later_stage_has_its_own_deadline():
    later = CLOSES + timedelta(days=30)
    application = _application(stage_closes=later)
    assert application.deadline == later
    assert (application.deadline_passed(CLOSES), application.deadline_passed(later)) == (
        False,
        True,
    )


@pytest.mark.parametrize(
    ("status", "editable"),
    [
        (ApplicationStatus.DRAFT, True),
        (ApplicationStatus.SUBMITTED, True),
        (ApplicationStatus.WITHDRAWN, False),
    ],
)
def test_only_drafts_and_submitted_applications_are_editable_before_the_deadline(status, editable):
    assert _application(status=status).is_editable(CLOSES - SECOND) is editable

"""The cohort after selection: milestones, progress reports, mentor notes, deals."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.programs.models import ApplicationStatus, DecisionStatus, MentorNote, MilestoneProgress
from bridge.programs.services.cohort import (
    deal_record,
    mentor_note_add,
    milestone_create,
    progress_report,
)
from bridge.programs.tests.factories import (
    CallFactory,
    DecisionFactory,
    MentorNoteFactory,
    MilestoneFactory,
    MilestoneProgressFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def accepted(organisation):
    application = SubmittedApplicationFactory(
        organisation=organisation, status=ApplicationStatus.ACCEPTED
    )
    DecisionFactory(application=application, outcome="accept", status=DecisionStatus.SENT)
    return application


def test_programme_manager_plans_milestones(programme_manager):
    call = CallFactory()
    milestone = milestone_create(
        actor=programme_manager, call=call, kind="playtest", due_on=date(2026, 3, 1)
    )
    assert milestone.title("en") == "Public playtest"


@pytest.mark.parametrize("who", ["analyst", "member", "moderator"])
def test_only_programme_managers_plan_milestones(request, who):
    with pytest.raises(PermissionDenied):
        milestone_create(
            actor=request.getfixturevalue(who),
            call=CallFactory(),
            kind="demo",
            due_on=date(2026, 3, 1),
        )


def test_milestone_kind_must_be_known(programme_manager):
    with pytest.raises(ValidationError):
        milestone_create(
            actor=programme_manager, call=CallFactory(), kind="party", due_on=date(2026, 3, 1)
        )


def test_the_team_reports_its_progress(member, accepted):
    milestone = MilestoneFactory(call=accepted.call)
    progress_report(
        actor=member,
        milestone=milestone,
        application=accepted,
        status="in-progress",
        report="Halfway",
    )
    progress_report(actor=member, milestone=milestone, application=accepted, status="done")
    row = MilestoneProgress.objects.get()
    assert (row.status, row.reported_by) == ("done", member)


def test_outsiders_and_unselected_teams_cannot_report(outsider, member, organisation):
    rejected = SubmittedApplicationFactory(
        organisation=organisation, status=ApplicationStatus.REJECTED
    )
    milestone = MilestoneFactory(call=rejected.call)
    with pytest.raises(PermissionDenied):
        progress_report(actor=member, milestone=milestone, application=rejected, status="done")
    accepted = SubmittedApplicationFactory(status=ApplicationStatus.ACCEPTED, call=rejected.call)
    with pytest.raises(PermissionDenied):
        progress_report(actor=outsider, milestone=milestone, application=accepted, status="done")


def test_mentor_notes_are_staff_only_unless_shared(client, programme_manager, member, accepted):
    mentor_note_add(actor=programme_manager, application=accepted, text="Private: budget risk")
    mentor_note_add(
        actor=programme_manager,
        application=accepted,
        text="Shared: cut scope",
        shared_with_team=True,
    )
    with pytest.raises(PermissionDenied):
        mentor_note_add(actor=member, application=accepted, text="I am my own mentor")
    client.force_login(member)
    page = client.get(reverse("programs:cohort_team", args=[accepted.pk])).content.decode()
    assert "Shared: cut scope" in page
    assert "Private: budget risk" not in page
    client.force_login(programme_manager)
    page = client.get(reverse("programs:cohort_team", args=[accepted.pk])).content.decode()
    assert "Private: budget risk" in page


def test_deals_are_recorded_and_checked(programme_manager, member, accepted):
    deal = deal_record(
        actor=programme_manager, application=accepted, investor="Indie GO", amount="3 000 000",
        currency="RUB", kind="revenue-share", signed_on=date(2026, 1, 28),
    )  # fmt: skip
    assert deal.amount == Decimal("3000000")
    with pytest.raises(ValidationError) as error:
        deal_record(
            actor=programme_manager, application=accepted, investor="", amount="-5",
            currency="XYZ", kind="loan", signed_on=date(2026, 1, 28),
        )  # fmt: skip
    assert set(error.value.error_dict) == {"investor", "amount", "currency", "kind"}
    with pytest.raises(PermissionDenied):
        deal_record(
            actor=member, application=accepted, investor="Me", amount="1",
            currency="RUB", kind="grant", signed_on=date(2026, 1, 28),
        )  # fmt: skip


def test_team_page_reports_progress_through_the_form(client, member, accepted):
    milestone = MilestoneFactory(call=accepted.call)
    client.force_login(member)
    response = client.post(
        reverse("programs:cohort_team", args=[accepted.pk]),
        {"action": "progress", "milestone": milestone.pk, "status": "done", "report": "Shipped"},
    )
    assert response.status_code == 302
    assert MilestoneProgress.objects.get().report == "Shipped"
    response = client.post(
        reverse("programs:cohort_team", args=[accepted.pk]),
        {"action": "note", "text": "sneaky"},
    )
    assert response.status_code == 403
    assert not MentorNote.objects.exists()


def test_team_page_is_hidden_before_the_decision_is_sent(client, member, organisation):
    application = SubmittedApplicationFactory(
        organisation=organisation, status=ApplicationStatus.ACCEPTED
    )
    DecisionFactory(application=application, outcome="accept", status=DecisionStatus.PENDING)
    client.force_login(member)
    assert client.get(reverse("programs:cohort_team", args=[application.pk])).status_code == 404


def test_board_shows_every_team_and_adds_milestones(client, programme_manager):
    call = CallFactory()
    MilestoneProgressFactory(milestone__call=call, status="late")
    client.force_login(programme_manager)
    page = client.get(reverse("programs:cohort_board", args=[call.slug])).content.decode()
    assert "Late" in page
    response = client.post(
        reverse("programs:cohort_board", args=[call.slug]), {"kind": "demo", "due_on": "2026-05-01"}
    )
    assert response.status_code == 302
    assert call.milestones.count() == 2
    bad = client.post(
        reverse("programs:cohort_board", args=[call.slug]), {"kind": "demo", "due_on": "soon"}
    )
    assert bad.status_code == 400


def test_analyst_reads_the_board_but_cannot_add(client, analyst):
    call = CallFactory()
    client.force_login(analyst)
    response = client.get(reverse("programs:cohort_board", args=[call.slug]))
    assert response.status_code == 200
    assert "Add a milestone" not in response.content.decode()
    assert (
        client.post(
            reverse("programs:cohort_board", args=[call.slug]),
            {"kind": "demo", "due_on": "2026-05-01"},
        ).status_code
        == 403
    )


def _board_queries(client, call):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("programs:cohort_board", args=[call.slug])).status_code == 200
    return len(ctx)


def test_board_has_no_n_plus_one(client, programme_manager):
    call = CallFactory()
    milestone = MilestoneFactory(call=call)
    client.force_login(programme_manager)
    MilestoneProgressFactory(milestone=milestone)
    few = _board_queries(client, call)
    for _ in range(3):
        MilestoneProgressFactory(milestone=milestone)
        MentorNoteFactory(application__call=call)
    assert _board_queries(client, call) == few

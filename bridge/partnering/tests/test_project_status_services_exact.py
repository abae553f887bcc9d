"""A joint project's course, to the exact value a person sees: which field an error is shown at
and what it says, both sides of every limit (evidence 500 characters, note 300, 50 milestones,
dates up to today), the rows and audit entries each step writes, and the outcome reminder's edge
and context. Written for the mutation score of issue 18."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Role
from bridge.core.models import Notification
from bridge.core.tests.exact_support import trail
from bridge.partnering.models import JointProject, Milestone
from bridge.partnering.models.projects import ProjectStatus
from bridge.partnering.services import project_status as course
from bridge.partnering.tests.factories import member_of
from bridge.partnering.tests.factories_projects import project_between

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
TODAY = date(2026, 6, 1)
LINK = "https://kinopoisk.ru/afandi"


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(course.timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def project(ru_org, uz_org, ru_owner, clock):
    return project_between(ru_org, uz_org, actor=ru_owner, started_on=date(2026, 1, 10))


def advance(actor, project, **kwargs):
    return course.project_status_advance(
        actor=actor, project=project, **{"happened_on": TODAY, **kwargs}
    )


def refused(actor, project, **kwargs) -> dict:
    with pytest.raises(ValidationError) as caught:
        advance(actor, project, **kwargs)
    return caught.value.message_dict


def test_the_outcome_reminder_defaults_to_half_a_year(settings):
    del settings.PARTNERING_PROJECT_OUTCOME_DAYS
    assert course.outcome_after() == timedelta(days=182)
    settings.PARTNERING_PROJECT_OUTCOME_DAYS = 10
    assert course.outcome_after() == timedelta(days=10)


def test_a_step_records_its_date_evidence_and_note_and_is_audited(project, ru_owner):
    change = advance(
        ru_owner,
        project,
        status=ProjectStatus.RELEASED,
        happened_on=date(2026, 5, 2),
        evidence_url=f"  {LINK}  ",
        recognition="award",
        note="  In cinemas.\x00 ",
    )
    change.refresh_from_db()
    assert (change.status, change.recognition, change.happened_on) == (
        ProjectStatus.RELEASED,
        "",
        date(2026, 5, 2),
    )
    assert (change.evidence_url, change.note, change.created_by) == (LINK, "In cinemas.", ru_owner)
    assert JointProject.objects.get(pk=project.pk).status == ProjectStatus.RELEASED
    assert trail(project)[-1] == ("project.status", ru_owner, {"status": "released"})


def test_an_international_step_keeps_its_recognition_and_may_repeat(project, ru_owner):
    advance(ru_owner, project, status="international", recognition="festival", evidence_url=LINK)
    change = advance(
        ru_owner, project, status="international", recognition="market", evidence_url=LINK
    )
    assert change.recognition == "market"
    assert refused(ru_owner, project, status="international", evidence_url=LINK) == {
        "recognition": [
            "Say what took the project abroad: a festival selection, an award, a market "
            "or a release abroad."
        ]
    }


def test_a_step_without_evidence_is_allowed_before_the_release(project, ru_owner):
    change = advance(ru_owner, project, status=ProjectStatus.AGREEMENT)
    assert (change.evidence_url, change.note) == ("", "")


@pytest.mark.parametrize("status", [ProjectStatus.RELEASED, ProjectStatus.INTERNATIONAL])
def test_the_release_and_the_international_level_need_a_link(project, ru_owner, status):
    errors = refused(ru_owner, project, status=status, recognition="award", evidence_url="  ")
    assert errors == {
        "evidence_url": [
            "Give a link that shows this step (a release page, a list of selected films, a "
            "press article)."
        ]
    }


def test_a_link_is_a_web_address_of_at_most_500_characters(project, ru_owner):
    long = "https://example.org/" + "a" * 480
    assert len(long) == 500
    assert advance(ru_owner, project, status="released", evidence_url=long).evidence_url == long
    errors = refused(
        ru_owner, project, status="international", recognition="award", evidence_url=long + "b"
    )
    assert errors == {"evidence_url": ["At most 500 characters (now 501)."]}
    errors = refused(
        ru_owner, project, status="international", recognition="award", evidence_url="ftp://x.org"
    )
    assert errors == {"evidence_url": ["Enter a web address starting with http:// or https://."]}


def test_a_note_of_300_characters_passes_and_301_do_not(project, ru_owner):
    assert len(advance(ru_owner, project, status="agreement-signed", note="n" * 300).note) == 300
    assert refused(ru_owner, project, status="in-production", note="n" * 301) == {
        "note": ["At most 300 characters (now 301)."]
    }


def test_the_status_only_moves_forward(project, ru_owner):
    advance(ru_owner, project, status="in-production")
    for status in ("talks", "agreement-signed", "in-production"):
        assert refused(ru_owner, project, status=status) == {
            "status": ["A project's status only moves forward (now: In production)."]
        }
    assert refused(ru_owner, project, status="famous") == {
        "status": ["Choose a status from the list."]
    }


def test_a_step_happens_today_at_the_latest_and_not_before_the_previous(project, ru_owner):
    assert refused(ru_owner, project, status="in-production", happened_on=TODAY + timedelta(1)) == {
        "happened_on": ["The date cannot be in the future."]
    }
    assert refused(ru_owner, project, status="in-production", happened_on="2026-05-01") == {
        "happened_on": ["Enter a valid date."]
    }
    assert refused(ru_owner, project, status="in-production", happened_on=date(2026, 1, 9)) == {
        "happened_on": ["The date cannot be before the previous step (2026-01-10)."]
    }
    change = advance(ru_owner, project, status="in-production", happened_on=date(2026, 1, 10))
    assert change.happened_on == date(2026, 1, 10)


def test_an_invited_partner_may_not_move_the_status(project, uz_owner):
    with pytest.raises(PermissionDenied):
        advance(uz_owner, project, status="agreement-signed")
    assert JointProject.objects.get(pk=project.pk).status == ProjectStatus.TALKS


# --- milestones -----------------------------------------------------------------------------


def test_a_milestone_is_added_done_undone_and_deleted_with_audit(project, ru_owner):
    milestone = course.milestone_add(
        actor=ru_owner, project=project, title="  Pilot\x00 episode ", due_on=date(2026, 9, 1)
    )
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on, milestone.done_on) == (
        "Pilot episode",
        date(2026, 9, 1),
        None,
    )
    course.milestone_done(actor=ru_owner, milestone=milestone, done_on=TODAY)
    assert Milestone.objects.get(pk=milestone.pk).done_on == TODAY
    course.milestone_done(actor=ru_owner, milestone=milestone, done_on=None)
    assert Milestone.objects.get(pk=milestone.pk).done_on is None
    pk = milestone.pk
    course.milestone_delete(actor=ru_owner, milestone=milestone)
    assert not Milestone.objects.exists()
    assert trail(project)[-4:] == [
        ("project.milestone_add", ru_owner, {"milestone": pk}),
        ("project.milestone_done", ru_owner, {"milestone": pk, "done": "2026-06-01"}),
        ("project.milestone_done", ru_owner, {"milestone": pk, "done": None}),
        ("project.milestone_delete", ru_owner, {"title": "Pilot episode"}),
    ]


def test_a_milestone_title_is_required_and_at_most_200_characters(project, ru_owner):
    for title, message in [
        (" \x00 ", "This field is required."),
        ("t" * 201, "At most 200 characters (now 201)."),
    ]:
        with pytest.raises(ValidationError) as caught:
            course.milestone_add(actor=ru_owner, project=project, title=title, due_on=TODAY)
        assert caught.value.message_dict == {"title": [message]}
    assert course.milestone_add(actor=ru_owner, project=project, title="t" * 200, due_on=TODAY)
    with pytest.raises(ValidationError) as caught:
        course.milestone_add(actor=ru_owner, project=project, title="Pilot", due_on="soon")
    assert caught.value.message_dict == {"due_on": ["Enter a valid date."]}


def test_fifty_milestones_at_most(project, ru_owner):
    Milestone.objects.bulk_create(
        Milestone(project=project, title=f"M{n}", due_on=TODAY) for n in range(49)
    )
    course.milestone_add(actor=ru_owner, project=project, title="M49", due_on=TODAY)
    with pytest.raises(ValidationError) as caught:
        course.milestone_add(actor=ru_owner, project=project, title="M50", due_on=TODAY)
    assert caught.value.message_dict == {"title": ["At most 50 milestones."]}
    assert project.milestones.count() == 50


def test_a_milestone_is_done_today_at_the_latest(project, ru_owner):
    milestone = course.milestone_add(actor=ru_owner, project=project, title="Pilot", due_on=TODAY)
    course.milestone_done(actor=ru_owner, milestone=milestone, done_on=TODAY)
    with pytest.raises(ValidationError) as caught:
        course.milestone_done(actor=ru_owner, milestone=milestone, done_on=TODAY + timedelta(1))
    assert caught.value.message_dict == {"done_on": ["The date cannot be in the future."]}
    assert Milestone.objects.get(pk=milestone.pk).done_on == TODAY


def test_an_invited_partner_may_not_touch_milestones(project, ru_owner, uz_owner):
    milestone = course.milestone_add(actor=ru_owner, project=project, title="Pilot", due_on=TODAY)
    with pytest.raises(PermissionDenied):
        course.milestone_add(actor=uz_owner, project=project, title="Ours", due_on=TODAY)
    with pytest.raises(PermissionDenied):
        course.milestone_done(actor=uz_owner, milestone=milestone, done_on=TODAY)
    with pytest.raises(PermissionDenied):
        course.milestone_delete(actor=uz_owner, milestone=milestone)
    assert list(Milestone.objects.values_list("title", "done_on")) == [("Pilot", None)]


# --- the outcome reminder -------------------------------------------------------------------


def test_the_outcome_question_comes_182_days_after_creation_once(
    project, ru_org, uz_org, ru_owner, uz_owner, run_on_commit
):
    member_of(uz_org, Role.MEMBER)  # plain members are not asked
    created = JointProject.objects.get(pk=project.pk).created_at
    edge = created + timedelta(days=182)
    assert course.projects_tick(now=edge - timedelta(seconds=1)) == {"reminded": 0}
    with run_on_commit():
        assert course.projects_tick(now=edge) == {"reminded": 1}
        assert course.projects_tick(now=edge + timedelta(days=1)) == {"reminded": 0}
    assert JointProject.objects.get(pk=project.pk).outcome_reminded_at == edge
    assert trail(project)[-1] == ("project.outcome_reminder", None, {})
    context = {
        "title": project.title,
        "status": "In talks",
        "url": f"/partnering/projects/{project.pk}/",
    }
    assert sorted(
        [
            (n.recipient, n.context)
            for n in Notification.objects.filter(template="partnering/email/project_outcome")
        ],
        key=lambda t: t[0].pk,
    ) == sorted(
        [
            (ru_owner, {**context, "name": ru_owner.display_name}),
            (uz_owner, {**context, "name": uz_owner.display_name}),
        ],
        key=lambda t: t[0].pk,
    )


def test_the_outcome_tick_runs_on_the_current_time_by_default(project, monkeypatch):
    later = JointProject.objects.get(pk=project.pk).created_at + timedelta(days=200)
    monkeypatch.setattr(course.timezone, "now", lambda: later)
    assert course.projects_tick() == {"reminded": 1}


def test_a_project_reminded_meanwhile_is_not_reminded_twice(project, monkeypatch):
    later = JointProject.objects.get(pk=project.pk).created_at + timedelta(days=200)
    due = JointProject.objects.filter(pk=project.pk)
    list(due)  # the ids are read before another worker stamps the row
    original = JointProject.objects.select_for_update

    def raced(*args, **kwargs):
        JointProject.objects.filter(pk=project.pk).update(outcome_reminded_at=NOW)
        return original(*args, **kwargs)

    monkeypatch.setattr(JointProject.objects, "select_for_update", raced)
    assert course.projects_tick(now=later) == {"reminded": 0}
    assert JointProject.objects.get(pk=project.pk).outcome_reminded_at == NOW

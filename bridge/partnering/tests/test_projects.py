"""Joint projects: creation by hand and from an accepted expression of interest, who may change
them, invitations and confirmation, publication only when every partner has confirmed and
consented, the status history with evidence, milestones and the outcome reminder."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.partnering.models import JointProject, ProjectPartner
from bridge.partnering.models.projects import ProjectStatus
from bridge.partnering.services import project_status as course
from bridge.partnering.services import projects as services
from bridge.partnering.tests.factories import InterestFactory, ListingFactory, member_of
from bridge.partnering.tests.factories_projects import (
    FIELDS,
    project_between,
    published_project,
    speaker,
)
from bridge.partnering.vocabulary import InterestStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def partner_of(project, organisation) -> ProjectPartner:
    return project.partners.get(organisation=organisation)


def test_created_by_hand_the_creator_is_confirmed_the_other_invited(
    ru_org, uz_org, ru_owner, uz_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = project_between(ru_org, uz_org, actor=ru_owner)
    ours, theirs = partner_of(project, ru_org), partner_of(project, uz_org)
    assert (ours.confirmed, ours.language) == (True, "ru")
    assert (theirs.confirmed, theirs.language) == (False, "uz")
    assert project.status == ProjectStatus.TALKS and not project.is_public
    assert [h.status for h in project.history.all()] == [ProjectStatus.TALKS]
    assert [m.to for m in mailoutbox] == [[uz_owner.email]]
    assert AuditEntry.objects.filter(action="project.create", target_id=str(project.pk)).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"type": "party"}, "type"),
        ({"sector": "cooking"}, "sector"),
        ({"heritage": ["silk-road-mystery"]}, "heritage"),
        ({"descriptions": {"fr": "Bonjour"}}, "descriptions"),
    ],
)
def test_bad_fields_are_refused_at_their_field_and_nothing_is_saved(ru_org, uz_org, fields, field):
    with pytest.raises(ValidationError) as caught:
        project_between(ru_org, uz_org, **fields)
    assert field in caught.value.message_dict
    assert not JointProject.objects.exists()


def test_a_project_needs_another_partner_and_a_member_to_create_it(ru_org, uz_org):
    with pytest.raises(ValidationError) as caught:
        project_between(ru_org, ru_org)
    assert "partners" in caught.value.message_dict
    outsider = member_of(OrganisationFactory())
    with pytest.raises(PermissionDenied):
        project_between(ru_org, uz_org, actor=outsider)
    assert not JointProject.objects.exists()


def test_created_from_an_accepted_interest_once(ru_org, uz_org, ru_owner, uz_owner):
    listing = ListingFactory(organisation=ru_org, language="ru", heritage=["afandi"])
    interest = InterestFactory(listing=listing, organisation=uz_org)
    with pytest.raises(ValidationError):
        services.project_create_from_interest(actor=uz_owner, interest=interest)
    interest.status = InterestStatus.ACCEPTED
    interest.save()
    project = services.project_create_from_interest(actor=uz_owner, interest=interest)
    assert (project.title, project.type, project.sector) == (
        listing.title,
        "co-production",
        "animation",
    )
    assert project.heritage == ["afandi"] and project.descriptions == {"ru": listing.summary}
    assert partner_of(project, uz_org).confirmed and not partner_of(project, ru_org).confirmed
    assert partner_of(project, ru_org).language == "ru"
    with pytest.raises(ValidationError):
        services.project_create_from_interest(actor=ru_owner, interest=interest)
    outsider = member_of(OrganisationFactory())
    other = InterestFactory(listing=ListingFactory(organisation=ru_org), status="accepted")
    with pytest.raises(PermissionDenied):
        services.project_create_from_interest(actor=outsider, interest=other)


def test_only_members_of_a_confirmed_partner_edit(ru_org, uz_org, ru_owner, uz_owner):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    with pytest.raises(PermissionDenied):  # invited, not confirmed yet
        services.project_update(actor=uz_owner, project=project, title="Ours now")
    services.project_update(actor=ru_owner, project=project, title="Afandi, season one")
    project.refresh_from_db()
    assert project.title == "Afandi, season one"
    assert AuditEntry.objects.filter(action="project.update", data__fields=["title"]).exists()


def test_publishing_before_every_partner_confirmed_is_refused_with_the_reason(
    ru_org, uz_org, ru_owner, uz_owner
):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    with pytest.raises(ValidationError) as caught:
        services.project_consent(actor=ru_owner, partner=partner_of(project, ru_org))
    assert "Toshkent Motion" in " ".join(caught.value.messages)
    assert {e.code for e in caught.value.error_list} == {"not_ready"}
    assert partner_of(project, ru_org).consented_at is None
    project.refresh_from_db()
    assert not project.is_public


def test_public_only_when_every_partner_consents_and_private_again_on_withdrawal(
    ru_org, uz_org, ru_owner, uz_owner, mailoutbox, django_capture_on_commit_callbacks
):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    services.project_partner_confirm(actor=uz_owner, partner=partner_of(project, uz_org))
    services.project_consent(actor=ru_owner, partner=partner_of(project, ru_org))
    project.refresh_from_db()
    assert not project.is_public
    with django_capture_on_commit_callbacks(execute=True):
        services.project_consent(actor=uz_owner, partner=partner_of(project, uz_org))
    project.refresh_from_db()
    assert project.is_public
    assert {m.to[0] for m in mailoutbox} >= {ru_owner.email, uz_owner.email}
    with pytest.raises(PermissionDenied):  # the Russian side cannot answer for the Uzbek one
        services.project_consent(actor=ru_owner, partner=partner_of(project, uz_org), consent=False)
    services.project_consent(actor=uz_owner, partner=partner_of(project, uz_org), consent=False)
    project.refresh_from_db()
    assert not project.is_public


def test_consent_needs_a_description_in_every_partner_language(ru_org, uz_org, ru_owner, uz_owner):
    project = project_between(ru_org, uz_org, descriptions={"ru": "Только по-русски."})
    services.project_partner_confirm(actor=uz_owner, partner=partner_of(project, uz_org))
    with pytest.raises(ValidationError) as caught:
        services.project_consent(actor=uz_owner, partner=partner_of(project, uz_org))
    assert "Uzbek" in " ".join(caught.value.messages)
    # Uzbek in Cyrillic script shares the Uzbek description.
    services.project_update(
        actor=uz_owner,
        project=project,
        descriptions={"ru": "Только по-русски.", "uz-Cyrl": "Афанди ҳақида сериал."},
    )
    project.refresh_from_db()
    assert set(project.descriptions) == {"ru", "uz"}
    services.project_consent(actor=uz_owner, partner=partner_of(project, uz_org))


def test_a_new_partner_makes_a_public_project_private_until_it_consents(ru_org, uz_org, ru_owner):
    project = published_project(ru_org, uz_org)
    assert project.is_public
    kz = OrganisationFactory(country="KZ", name="Almaty Frames")
    services.project_partner_invite(actor=ru_owner, project=project, organisation=kz)
    project.refresh_from_db()
    assert not project.is_public
    with pytest.raises(ValidationError):
        services.project_partner_invite(actor=ru_owner, project=project, organisation=kz)
    newcomer = partner_of(project, kz)
    assert newcomer.language == "en"
    # English description missing: the newcomer confirms, but cannot consent yet.
    services.project_partner_confirm(actor=speaker(kz), partner=newcomer)
    with pytest.raises(ValidationError):
        services.project_consent(actor=speaker(kz), partner=newcomer)


def test_an_invited_partner_may_decline_its_place(ru_org, uz_org, uz_owner):
    project = project_between(ru_org, uz_org)
    services.project_partner_decline(actor=uz_owner, partner=partner_of(project, uz_org))
    assert list(project.partners.values_list("organisation", flat=True)) == [ru_org.pk]
    assert "at least two" in " ".join(services.publication_problems(project))


def test_status_moves_forward_with_dates_and_evidence(ru_org, uz_org, ru_owner):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        project_between(ru_org, uz_org, started_on=today + timedelta(days=1))
    assert "started_on" in caught.value.message_dict
    project = project_between(ru_org, uz_org, actor=ru_owner, started_on=today - timedelta(days=60))

    def advance(**kwargs):
        return course.project_status_advance(
            actor=ru_owner, project=project, **{"happened_on": today, **kwargs}
        )

    advance(status=ProjectStatus.AGREEMENT, happened_on=today - timedelta(days=30))
    for bad, field in [
        ({"status": ProjectStatus.TALKS}, "status"),
        ({"status": ProjectStatus.AGREEMENT}, "status"),
        ({"status": ProjectStatus.RELEASED}, "evidence_url"),
        ({"status": ProjectStatus.RELEASED, "evidence_url": "javascript:alert(1)"}, "evidence_url"),
        ({"status": "famous"}, "status"),
        (
            {"status": ProjectStatus.PRODUCTION, "happened_on": today + timedelta(days=1)},
            "happened_on",
        ),
        (
            {"status": ProjectStatus.PRODUCTION, "happened_on": today - timedelta(days=40)},
            "happened_on",
        ),
        ({"status": ProjectStatus.INTERNATIONAL, "evidence_url": "https://x.org"}, "recognition"),
    ]:
        with pytest.raises(ValidationError) as caught:
            advance(**bad)
        assert field in caught.value.message_dict, bad
    advance(status=ProjectStatus.RELEASED, evidence_url="https://kinopoisk.ru/afandi")
    advance(
        status=ProjectStatus.INTERNATIONAL,
        recognition="festival",
        evidence_url="https://annecy.org/selection",
    )
    advance(status=ProjectStatus.INTERNATIONAL, recognition="award", evidence_url="https://a.org/")
    project.refresh_from_db()
    assert project.status == ProjectStatus.INTERNATIONAL
    assert [(h.status, h.recognition) for h in project.history.all()] == [
        ("talks", ""),
        ("agreement-signed", ""),
        ("released", ""),
        ("international", "festival"),
        ("international", "award"),
    ]
    with pytest.raises(PermissionDenied):
        course.project_status_advance(
            actor=member_of(OrganisationFactory()),
            project=project,
            status=ProjectStatus.INTERNATIONAL,
            recognition="market",
            evidence_url="https://m.org",
            happened_on=today,
        )


def test_milestones_are_added_done_and_undone_by_partners(ru_org, uz_org, ru_owner, uz_owner):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    today = timezone.localdate()
    milestone = course.milestone_add(
        actor=ru_owner, project=project, title="Pilot episode", due_on=today + timedelta(days=60)
    )
    with pytest.raises(ValidationError):
        course.milestone_add(actor=ru_owner, project=project, title=" ", due_on=today)
    with pytest.raises(PermissionDenied):  # not confirmed yet
        course.milestone_done(actor=uz_owner, milestone=milestone, done_on=today)
    with pytest.raises(ValidationError):
        course.milestone_done(actor=ru_owner, milestone=milestone, done_on=today + timedelta(1))
    course.milestone_done(actor=ru_owner, milestone=milestone, done_on=today)
    milestone.refresh_from_db()
    assert milestone.done_on == today
    course.milestone_done(actor=ru_owner, milestone=milestone, done_on=None)
    milestone.refresh_from_db()
    assert milestone.done_on is None
    course.milestone_delete(actor=ru_owner, milestone=milestone)
    assert not project.milestones.exists()


def test_outcome_reminder_six_months_after_creation_once(
    ru_org, uz_org, ru_owner, uz_owner, mailoutbox, django_capture_on_commit_callbacks
):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    member_of(uz_org, Role.MEMBER)  # plain members are not written to
    now = timezone.now()
    assert course.projects_tick(now=now + timedelta(days=100)) == {"reminded": 0}
    later = now + timedelta(days=183)
    with django_capture_on_commit_callbacks(execute=True):
        assert course.projects_tick(now=later) == {"reminded": 1}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([ru_owner.email, uz_owner.email])
    assert course.projects_tick(now=later + timedelta(days=1)) == {"reminded": 0}
    project.refresh_from_db()
    assert project.outcome_reminded_at == later


def test_the_outcome_reminder_is_a_registered_daily_job():
    from bridge.core.periodic import jobs

    assert "partnering-projects" in [job.name for job in jobs("daily")]


def test_fields_default_from_the_listing_only_where_not_given(ru_org, uz_org, uz_owner):
    interest = InterestFactory(
        listing=ListingFactory(organisation=ru_org), organisation=uz_org, status="accepted"
    )
    project = services.project_create_from_interest(
        actor=uz_owner, interest=interest, title="Our own title", **{"sector": "games"}
    )
    assert (project.title, project.sector) == ("Our own title", "games")
    assert FIELDS["type"] == project.type

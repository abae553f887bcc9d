"""A joint project started from a held meeting: the service's rules, the agenda's button with
the form prefilled from both sides, and the API — each both ways."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.partnering.models import JointProject, Meeting
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.services import meetings as meeting_services
from bridge.partnering.services import projects as services
from bridge.partnering.tests.factories import event_made, member_of, registered
from bridge.partnering.tests.test_api import bearer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def english():
    with override("en"):
        yield


FIELDS = {"title": "Afandi series", "type": "co-production", "sector": "animation"}


def meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator, *, held=True) -> Meeting:
    event = event_made()
    ru, uz = registered(event, ru_org, ru_owner), registered(event, uz_org, uz_owner)
    request = meeting_services.meeting_request_send(
        actor=ru_owner, sender=ru, recipient=uz, message="Давайте обсудим сериал."
    )
    slot = event.slots.order_by("starts_at")[0]
    meeting = meeting_services.meeting_request_accept(
        actor=uz_owner, request=request, slot_id=slot.pk
    )
    Meeting.objects.filter(pk=meeting.pk).update(published=True)
    if held:
        meeting_services.meeting_status_set(
            actor=moderator, meeting=meeting, status=MeetingStatus.HELD
        )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def meeting(ru_org, uz_org, ru_owner, uz_owner, moderator):
    return meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator)


def test_a_held_meeting_brings_both_sides_in(meeting, ru_org, uz_org, uz_owner):
    project = services.project_create(
        actor=uz_owner, organisation=uz_org, partners=[], meeting=meeting, **FIELDS
    )
    assert project.meeting == meeting
    sides = {p.organisation_id: p.confirmed for p in project.partners.all()}
    assert sides == {uz_org.pk: True, ru_org.pk: False}


def test_refused_for_a_meeting_not_held(ru_org, uz_org, ru_owner, uz_owner, moderator):
    meeting = meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator, held=False)
    with pytest.raises(ValidationError) as refused:
        services.project_create(
            actor=ru_owner, organisation=ru_org, partners=[], meeting=meeting, **FIELDS
        )
    assert "held meeting only" in str(refused.value.message_dict["meeting"])
    assert not JointProject.objects.exists()


def test_refused_for_an_organisation_that_was_not_there(meeting, uz_org):
    outsider_org = OrganisationFactory(country="KZ")
    outsider = member_of(outsider_org)
    with pytest.raises(ValidationError) as refused:
        services.project_create(
            actor=outsider, organisation=outsider_org, partners=[uz_org], meeting=meeting, **FIELDS
        )
    assert "took part in the meeting" in str(refused.value.message_dict["meeting"])
    assert not JointProject.objects.exists()


def test_a_meeting_gives_one_project(meeting, ru_org, ru_owner, uz_org, uz_owner):
    services.project_create(
        actor=ru_owner, organisation=ru_org, partners=[], meeting=meeting, **FIELDS
    )
    with pytest.raises(ValidationError) as refused:
        services.project_create(
            actor=uz_owner, organisation=uz_org, partners=[], meeting=meeting, **FIELDS
        )
    assert "already created" in str(refused.value.message_dict["meeting"])
    assert JointProject.objects.count() == 1


def test_agenda_offers_the_project_and_the_form_is_prefilled(
    client, meeting, ru_org, uz_org, ru_owner
):
    client.force_login(ru_owner)
    agenda = client.get(f"/partnering/events/{meeting.event.slug}/agenda/").content.decode()
    url = f"/partnering/projects/new/?meeting={meeting.pk}"
    assert url in agenda
    form = client.get(url)
    assert form.context["form"].initial["partners"] == [uz_org.pk]
    assert form.context["form"].initial["organisation"] == ru_org.pk
    response = client.post(
        url,
        {**FIELDS, "organisation": ru_org.pk, "language": "ru", "partners": [uz_org.pk]},
    )
    project = JointProject.objects.get()
    assert response.status_code == 302 and project.meeting_id == meeting.pk
    agenda = client.get(f"/partnering/events/{meeting.event.slug}/agenda/").content.decode()
    assert url not in agenda and project.get_absolute_url() in agenda


def test_form_refuses_a_meeting_not_held_at_the_top(
    client, ru_org, uz_org, ru_owner, uz_owner, moderator
):
    meeting = meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator, held=False)
    client.force_login(ru_owner)
    agenda = client.get(f"/partnering/events/{meeting.event.slug}/agenda/").content.decode()
    assert f"?meeting={meeting.pk}" not in agenda
    response = client.post(
        f"/partnering/projects/new/?meeting={meeting.pk}",
        {**FIELDS, "organisation": ru_org.pk, "language": "ru", "partners": [uz_org.pk]},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not JointProject.objects.exists()


def test_someone_elses_meeting_is_not_found(client, meeting):
    stranger_org = OrganisationFactory(country="KZ")
    client.force_login(member_of(stranger_org))
    assert client.get(f"/partnering/projects/new/?meeting={meeting.pk}").status_code == 404


def test_api_creates_from_a_held_meeting_and_refuses_otherwise(
    client, meeting, ru_org, uz_org, uz_owner
):
    body = {**FIELDS, "organisation": uz_org.pk, "meeting": meeting.pk}
    outsider_org = OrganisationFactory(country="KZ")
    outsider = member_of(outsider_org)
    refused = client.post(
        "/api/v1/partnering/projects",
        {**body, "organisation": outsider_org.pk},
        content_type="application/json",
        **bearer(outsider),
    )
    assert refused.status_code == 422 and not JointProject.objects.exists()
    missing = client.post(
        "/api/v1/partnering/projects",
        {**body, "meeting": meeting.pk + 1000},
        content_type="application/json",
        **bearer(uz_owner),
    )
    assert missing.status_code == 404
    created = client.post(
        "/api/v1/partnering/projects", body, content_type="application/json", **bearer(uz_owner)
    )
    assert created.status_code == 201
    assert {p["organisation"] for p in created.json()["partners"]} == {ru_org.pk, uz_org.pk}
    assert JointProject.objects.get().meeting_id == meeting.pk
    assert created.json()["meeting"] == meeting.pk
    again = client.post(
        "/api/v1/partnering/projects", body, content_type="application/json", **bearer(uz_owner)
    )
    assert again.status_code == 422 and JointProject.objects.count() == 1

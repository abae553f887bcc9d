"""The meeting-day API for each role: anyone lists published events (drafts stay hidden),
participants ask, accept and decline, read their agenda as JSON and .ics; others are refused."""

import pytest
from icalendar import Calendar

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.partnering.models import MeetingRequest
from bridge.partnering.models.events import EventStatus, RequestStatus
from bridge.partnering.services import events as event_services
from bridge.partnering.tests.factories import event_made, registered
from bridge.partnering.tests.test_api import bearer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def setup(ru_org, uz_org, ru_owner, uz_owner):
    event = event_made()
    return event, registered(event, ru_org, ru_owner), registered(event, uz_org, uz_owner)


def test_anyone_lists_published_events_but_not_drafts(client, setup):
    event, _ru, _uz = setup
    draft = event_made(status=EventStatus.DRAFT)
    page = client.get("/api/v1/partnering/events", {"lang": "ru"}).json()
    assert [item["slug"] for item in page["items"]] == [event.slug]
    assert page["items"][0]["name"] == "Деловые встречи"
    assert page["items"][0]["participants"] == 2
    assert client.get(f"/api/v1/partnering/events/{draft.slug}").status_code == 404
    assert (
        client.get(f"/api/v1/partnering/events/{event.slug}").json()["time_zone"] == "Asia/Tashkent"
    )


def test_ask_accept_in_a_slot_and_read_the_agenda(client, setup, moderator):
    event, ru, uz = setup
    sent = client.post(
        f"/api/v1/partnering/events/{event.slug}/requests",
        {"recipient": uz.pk, "message": "Обсудим сериал?"},
        content_type="application/json",
        **bearer(ru.person),
    )
    assert sent.status_code == 201, sent.content
    request_id = sent.json()["id"]
    # The sender cannot answer their own request; strangers do not even see it.
    assert (
        client.post(
            f"/api/v1/partnering/events/requests/{request_id}/accept",
            {},
            content_type="application/json",
            **bearer(ru.person),
        ).status_code
        == 404
    )
    slot = event.slots.order_by("starts_at")[1]
    accepted = client.post(
        f"/api/v1/partnering/events/requests/{request_id}/accept",
        {"slot": slot.pk},
        content_type="application/json",
        **bearer(uz.person),
    )
    assert accepted.status_code == 200 and accepted.json()["slot"] == slot.pk
    event_services.agenda_publish(actor=moderator, event=event)
    agenda = client.get(f"/api/v1/partnering/events/{event.slug}/agenda", **bearer(ru.person))
    item = agenda.json()[0]
    assert item["with_organisation"] == "Toshkent Motion"
    assert item["local_start"].startswith(slot.starts_at.astimezone(event.zone).isoformat()[:16])
    ics = client.get(f"/api/v1/partnering/events/{event.slug}/agenda.ics", **bearer(uz.person))
    assert ics["Content-Type"] == "text/calendar"
    assert len([c for c in Calendar.from_ical(ics.content).walk() if c.name == "VEVENT"]) == 1
    mine = client.get("/api/v1/partnering/my/registrations", **bearer(ru.person)).json()
    assert mine[0]["event"] == event.slug and ru.calendar_token in mine[0]["calendar_url"]


def test_refusals_say_why_at_the_field(client, setup, ru_org):
    event, ru, uz = setup
    colleague = registered(event, ru_org)
    own = client.post(
        f"/api/v1/partnering/events/{event.slug}/requests",
        {"recipient": colleague.pk, "message": "Привет"},
        content_type="application/json",
        **bearer(ru.person),
    )
    assert own.status_code == 422
    assert "own organisation" in own.json()["errors"]["recipient"][0]
    request = client.post(
        f"/api/v1/partnering/events/{event.slug}/requests",
        {"recipient": uz.pk, "message": "Привет"},
        content_type="application/json",
        **bearer(ru.person),
    ).json()
    other_event = event_made()
    outside = client.post(
        f"/api/v1/partnering/events/requests/{request['id']}/accept",
        {"slot": other_event.slots.first().pk},
        content_type="application/json",
        **bearer(uz.person),
    )
    assert outside.status_code == 422 and "slot" in outside.json()["errors"]
    assert MeetingRequest.objects.get().status == RequestStatus.PENDING
    declined = client.post(
        f"/api/v1/partnering/events/requests/{request['id']}/decline", **bearer(uz.person)
    )
    assert declined.json()["status"] == "declined"
    again = client.post(
        f"/api/v1/partnering/events/requests/{request['id']}/decline", **bearer(uz.person)
    )
    assert again.status_code == 409


def test_anonymous_and_unregistered_callers_are_refused(client, setup):
    event, _ru, uz = setup
    assert client.get("/api/v1/partnering/my/registrations").status_code == 401
    assert client.get(f"/api/v1/partnering/events/{event.slug}/agenda").status_code == 401
    stranger = registered(event_made(), OrganisationFactory(country="KZ")).person
    assert (
        client.get(f"/api/v1/partnering/events/{event.slug}/agenda", **bearer(stranger)).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/partnering/events/{event.slug}/requests",
            {"recipient": uz.pk, "message": "Hi"},
            content_type="application/json",
            **bearer(stranger),
        ).status_code
        == 404
    )
    assert (
        "/api/v1/partnering/events/{slug}/agenda.ics"
        in client.get("/api/v1/openapi.json").json()["paths"]
    )


def test_a_second_request_to_the_same_person_is_a_conflict_at_the_recipient(client, setup):
    # as a second expression of interest is (409 duplicate), with the field that says why
    event, ru, uz = setup
    send = {"recipient": uz.pk, "message": "Привет"}
    url = f"/api/v1/partnering/events/{event.slug}/requests"
    assert (
        client.post(url, send, content_type="application/json", **bearer(ru.person)).status_code
        == 201
    )
    again = client.post(url, send, content_type="application/json", **bearer(ru.person))
    assert (again.status_code, again.json()["code"]) == (409, "duplicate")
    assert again.json()["errors"]["recipient"] == [
        "You already have a request or a meeting with this person."
    ]
    assert MeetingRequest.objects.count() == 1

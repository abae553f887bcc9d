"""The API's registration for a meeting day and unavailable slots (issue 16 item 1), for every
role: members register for their own organisation while registration is open, registered people
mark their own slots; others, anonymous callers and read-only tokens are refused; bad input is
422 at the field and changes nothing."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory, OrganisationFactory, UserFactory
from bridge.partnering.models import Booking, Meeting, Registration
from bridge.partnering.models.events import EventStatus
from bridge.partnering.tests.factories import (
    accepted_request,
    event_made,
    member_of,
    registered,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

_TOKENS = itertools.count()


def bearer(user, *, read_only=False):
    raw = f"cb_evt_{user.pk:08d}_{next(_TOKENS):06d}"
    scope = TokenScope.READ if read_only else TokenScope.READ_WRITE
    ApiTokenFactory(user=user, raw=raw, scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, body=None, **auth):
    return client.post(url, body or {}, content_type="application/json", **auth)


def test_a_member_registers_once_for_their_organisation(client, ru_org, ru_owner):
    event = event_made()
    url = f"/api/v1/partnering/events/{event.slug}/registrations"
    response = post(client, url, {"organisation": ru_org.pk}, **bearer(ru_owner))
    assert response.status_code == 201
    assert response.json()["event"] == event.slug and response.json()["calendar_url"]
    again = post(client, url, {"organisation": ru_org.pk}, **bearer(ru_owner))
    assert again.status_code == 422 and list(again.json()["errors"]) == ["person"]
    assert Registration.objects.filter(event=event).count() == 1


def test_registering_is_refused_to_others(client, ru_org, uz_org, ru_owner):
    event = event_made()
    url = f"/api/v1/partnering/events/{event.slug}/registrations"
    body = {"organisation": ru_org.pk}
    assert post(client, url, body).status_code == 401
    assert post(client, url, body, **bearer(UserFactory())).status_code == 403
    assert post(client, url, {"organisation": uz_org.pk}, **bearer(ru_owner)).status_code == 403
    assert post(client, url, body, **bearer(ru_owner, read_only=True)).status_code == 403
    assert post(client, url, {"organisation": 999999}, **bearer(ru_owner)).status_code == 403
    missing = "/api/v1/partnering/events/no-such-event/registrations"
    assert post(client, missing, body, **bearer(ru_owner)).status_code == 404
    draft = event_made(status=EventStatus.DRAFT)
    hidden = f"/api/v1/partnering/events/{draft.slug}/registrations"
    assert post(client, hidden, body, **bearer(ru_owner)).status_code == 404
    for bad in ({}, {"organisation": 0}, {"organisation": "x"}):
        response = post(client, url, bad, **bearer(ru_owner))
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == ["organisation"]
    assert not Registration.objects.exists()


def test_registration_closed_is_422(client, ru_org, ru_owner):
    event = event_made(registration_closes=timezone.now() - timedelta(minutes=1))
    url = f"/api/v1/partnering/events/{event.slug}/registrations"
    response = post(client, url, {"organisation": ru_org.pk}, **bearer(ru_owner))
    assert response.status_code == 422 and response.json()["code"] == "closed"
    assert not Registration.objects.exists()


def test_a_registered_person_marks_and_frees_slots(client, ru_org, ru_owner):
    event = event_made()
    registered(event, ru_org, ru_owner)
    first, second = list(event.slots.order_by("pk").values_list("pk", flat=True)[:2])
    url = f"/api/v1/partnering/events/{event.slug}/unavailable"
    marked = post(client, url, {"slots": [first, second]}, **bearer(ru_owner))
    assert marked.status_code == 200 and marked.json()["unavailable"] == [first, second]
    freed = post(client, url, {"slots": [first], "unavailable": False}, **bearer(ru_owner))
    assert freed.json()["unavailable"] == [second]


def test_slots_are_refused_to_others_and_bad_slots(client, ru_org, uz_org, ru_owner):
    event = event_made()
    mine = registered(event, ru_org, ru_owner)
    slot = event.slots.order_by("pk").first()
    url = f"/api/v1/partnering/events/{event.slug}/unavailable"
    assert post(client, url, {"slots": [slot.pk]}).status_code == 401
    colleague = member_of(ru_org)  # not registered himself
    assert post(client, url, {"slots": [slot.pk]}, **bearer(colleague)).status_code == 403
    read_only = bearer(ru_owner, read_only=True)
    assert post(client, url, {"slots": [slot.pk]}, **read_only).status_code == 403
    other = event_made()
    foreign = other.slots.first()
    refused = post(client, url, {"slots": [slot.pk, foreign.pk]}, **bearer(ru_owner))
    assert refused.status_code == 422 and list(refused.json()["errors"]) == ["slot"]
    for bad in ({}, {"slots": []}, {"slots": ["x"]}, {"slots": list(range(1, 202))}):
        response = post(client, url, bad, **bearer(ru_owner))
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]][:1] == ["slots"]
    assert not Booking.objects.filter(registration=mine).exists()


def test_a_slot_with_a_meeting_stays_booked(client, ru_org, uz_org, ru_owner):
    event = event_made()
    mine = registered(event, ru_org, ru_owner)
    theirs = registered(event, uz_org)
    slot = event.slots.order_by("pk").first()
    meeting = Meeting.objects.create(
        event=event,
        request=accepted_request(event, mine, theirs),
        slot=slot,
        table=event.table_set.first(),
    )
    Booking.objects.create(registration=mine, slot=slot, meeting=meeting)
    url = f"/api/v1/partnering/events/{event.slug}/unavailable"
    response = post(client, url, {"slots": [slot.pk]}, **bearer(ru_owner))
    assert response.status_code == 422 and list(response.json()["errors"]) == ["slot"]
    assert Booking.objects.get(registration=mine).meeting == meeting
    stranger = member_of(OrganisationFactory())
    assert post(client, url, {"slots": [slot.pk]}, **bearer(stranger)).status_code == 403

"""Running late through the API: either side of a scheduled meeting tells the other; a stranger,
staff who are not a side, and anonymous callers cannot; a meeting without a time cannot be late."""

import pytest
from django.core import mail

from bridge.accounts.tests.factories import UserFactory
from bridge.partnering.models import Meeting
from bridge.partnering.tests.factories import accepted_request, event_made, registered
from bridge.partnering.tests.test_api import bearer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def meeting(ru_org, uz_org, ru_owner, uz_owner):
    event = event_made()
    ru, uz = registered(event, ru_org, ru_owner), registered(event, uz_org, uz_owner)
    request = accepted_request(event, ru, uz)
    return Meeting.objects.create(
        event=event,
        request=request,
        slot=event.slots.first(),
        table=event.table_set.first(),
        published=True,
    )


def late(client, meeting_id, user=None, **payload):
    headers = bearer(user) if user else {}
    return client.post(
        f"/api/v1/partnering/events/meetings/{meeting_id}/late",
        payload,
        content_type="application/json",
        **headers,
    )


def test_a_side_tells_the_other_that_it_is_late(
    client, meeting, ru_owner, uz_owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = late(client, meeting.pk, ru_owner, minutes=15)
    assert response.status_code == 200, response.content
    body = response.json()
    assert "15" in body["late_note"] and body["late_at"]
    meeting.refresh_from_db()
    assert meeting.late_note == body["late_note"]
    assert [m.to for m in mail.outbox] == [[uz_owner.email]]
    agenda = client.get(
        f"/api/v1/partnering/events/{meeting.event.slug}/agenda", **bearer(uz_owner)
    ).json()
    assert agenda[0]["late_note"] == body["late_note"]


def test_others_cannot_and_see_no_such_meeting(client, meeting, moderator):
    assert late(client, meeting.pk).status_code == 401
    assert late(client, meeting.pk, UserFactory()).status_code == 404
    assert late(client, meeting.pk, moderator).status_code == 404
    assert late(client, 10**12, UserFactory()).status_code == 404
    meeting.refresh_from_db()
    assert meeting.late_note == "" and not mail.outbox


@pytest.mark.parametrize("minutes", [0, 61, -5, "soon"])
def test_minutes_out_of_range_are_refused_at_the_field(client, meeting, ru_owner, minutes):
    response = late(client, meeting.pk, ru_owner, minutes=minutes)
    assert response.status_code == 422
    assert "minutes" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.late_note == ""


def test_a_meeting_without_a_time_cannot_be_late(client, meeting, uz_owner):
    Meeting.objects.filter(pk=meeting.pk).update(slot=None, table=None)
    response = late(client, meeting.pk, uz_owner)
    assert response.status_code == 422
    assert response.json()["code"] == "state"

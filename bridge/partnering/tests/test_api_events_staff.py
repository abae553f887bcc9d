"""The staff's operations of a meeting day through the API: schedule, publish, check in, mark
held or no-show; the people of the event and anonymous callers may not; another event's
meetings and registrations are not found."""

import pytest

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory
from bridge.partnering.models import Meeting
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.tests.factories import accepted_request, event_made, registered

pytestmark = pytest.mark.integration


@pytest.fixture
def day(ru_org, uz_org, ru_owner):
    event = event_made()
    ru, uz = registered(event, ru_org, ru_owner), registered(event, uz_org)
    meeting = Meeting.objects.create(event=event, request=accepted_request(event, ru, uz))
    return {
        "event": event,
        "ru": ru,
        "meeting": meeting,
        "base": f"/api/v1/partnering/events/{event.slug}",
    }


def _post(client, url, data=None, **extra):
    return client.post(url, data or {}, content_type="application/json", **extra)


def test_staff_schedule_publish_check_in_and_mark_held(client, day, moderator):
    client.force_login(moderator)
    base, meeting = day["base"], day["meeting"]
    drafted = _post(client, f"{base}/agenda/draft")
    assert drafted.json() == {"placed": 1, "unplaced": 0}
    early = _post(client, f"{base}/meetings/{meeting.pk}/status", {"status": "maybe"})
    assert early.status_code == 422
    published = _post(client, f"{base}/agenda/publish")
    assert published.json() == {"count": 1}
    held = _post(client, f"{base}/meetings/{meeting.pk}/status", {"status": "held"})
    assert held.status_code == 204
    assert _post(client, f"{base}/registrations/{day['ru'].pk}/check-in").status_code == 204
    meeting.refresh_from_db()
    day["ru"].refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and day["ru"].checked_in_at is not None


def test_an_unplaced_meeting_cannot_be_marked(client, day, moderator):
    client.force_login(moderator)
    url = f"{day['base']}/meetings/{day['meeting'].pk}/status"
    response = _post(client, url, {"status": "no-show"})
    assert response.status_code == 422
    day["meeting"].refresh_from_db()
    assert day["meeting"].status == MeetingStatus.SCHEDULED


def test_another_events_objects_are_not_found(client, day, moderator, ru_org, ru_owner):
    other = event_made()
    theirs = registered(other, ru_org, ru_owner)
    client.force_login(moderator)
    assert _post(client, f"{day['base']}/registrations/{theirs.pk}/check-in").status_code == 404
    assert _post(client, "/api/v1/partnering/events/no-such/agenda/draft").status_code == 404
    theirs.refresh_from_db()
    assert theirs.checked_in_at is None


@pytest.mark.parametrize("who", ["ru_owner", "analyst"])
def test_people_of_the_event_and_other_staff_may_not(client, day, who, request):
    client.force_login(request.getfixturevalue(who))
    base = day["base"]
    assert _post(client, f"{base}/agenda/draft").status_code == 403
    assert _post(client, f"{base}/agenda/publish").status_code == 403
    assert _post(client, f"{base}/registrations/{day['ru'].pk}/check-in").status_code == 403
    url = f"{base}/meetings/{day['meeting'].pk}/status"
    assert _post(client, url, {"status": "held"}).status_code == 403
    day["meeting"].refresh_from_db()
    assert day["meeting"].slot is None


def test_anonymous_and_read_only_callers_may_not(client, day, moderator):
    assert _post(client, f"{day['base']}/agenda/draft").status_code == 401
    ApiTokenFactory(user=moderator, raw="cb_events_read_0001", scope=TokenScope.READ)
    bearer = {"HTTP_AUTHORIZATION": "Bearer cb_events_read_0001"}
    assert _post(client, f"{day['base']}/agenda/draft", **bearer).status_code == 403
    day["meeting"].refresh_from_db()
    assert day["meeting"].slot is None

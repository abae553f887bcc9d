"""A person's agenda across time zones (Tashkent UTC+5, Moscow UTC+3, UTC), the printable page,
the .ics files with stable UIDs, the private subscription URL, and query counts that do not grow
with the number of meetings."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.partnering.models.events import EventFormat
from bridge.partnering.services import events as event_services
from bridge.partnering.services import meetings as services
from bridge.partnering.tests.factories import event_made, registered

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _meeting(event, a, b, slot, staff=None):
    request = services.meeting_request_send(
        actor=a.person, sender=a, recipient=b, message="Обсудим совместный проект?"
    )
    return services.meeting_request_accept(actor=b.person, request=request, slot_id=slot.pk)


@pytest.fixture
def pair(ru_org, uz_org, ru_owner, uz_owner):
    ru_owner.timezone = "Europe/Moscow"
    ru_owner.save()
    uz_owner.timezone = "Asia/Tashkent"
    uz_owner.save()
    event = event_made()
    return event, registered(event, ru_org, ru_owner), registered(event, uz_org, uz_owner)


def _publish(event, moderator):
    event_services.agenda_publish(actor=moderator, event=event)


def _entries(content: bytes):
    return [c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT"]


def test_the_agenda_shows_tashkent_and_moscow_times_and_says_which(client, pair, moderator):
    event, ru, uz = pair
    slot = event.slots.order_by("starts_at").first()  # 10:00 in Tashkent = 05:00 UTC
    _meeting(event, ru, uz, slot)
    _publish(event, moderator)
    client.force_login(ru.person)
    page = client.get(f"/partnering/events/{event.slug}/agenda/").content.decode()
    assert "Tashkent UTC+5" in page and "Moscow UTC+3" in page
    assert "10:00–10:30" in page and "08:00–08:30" in page
    assert "Toshkent Motion" in page
    client.force_login(uz.person)
    page = client.get(f"/partnering/events/{event.slug}/agenda/").content.decode()
    assert "Tashkent UTC+5" in page and "Moscow" not in page


def test_a_draft_agenda_is_not_shown_until_staff_publish_it(client, pair, moderator):
    event, ru, uz = pair
    _meeting(event, ru, uz, event.slots.first())
    client.force_login(ru.person)
    assert (
        "Toshkent Motion"
        not in client.get(f"/partnering/events/{event.slug}/agenda/").content.decode()
    )
    _publish(event, moderator)
    assert (
        "Toshkent Motion" in client.get(f"/partnering/events/{event.slug}/agenda/").content.decode()
    )


def test_an_event_night_in_tashkent_is_the_evening_before_in_moscow(
    client, ru_org, uz_org, ru_owner, uz_owner, moderator
):
    ru_owner.timezone = "Europe/Moscow"
    ru_owner.save()
    event = event_made(
        format=EventFormat.ONLINE,
        day_start=time(0, 30),
        day_end=time(2, 0),
        breaks=[],
        first_day=date(2027, 3, 10),
        meeting_link="https://meet.example.org/cb-{event}-{table}",
    )
    ru, uz = registered(event, ru_org, ru_owner), registered(event, uz_org, uz_owner)
    _meeting(event, ru, uz, event.slots.order_by("starts_at").first())
    _publish(event, moderator)
    client.force_login(ru_owner)
    page = client.get(f"/partnering/events/{event.slug}/agenda/").content.decode()
    assert (
        "10.03 00:30" in page and "09.03 22:30" in page and "другой день" in page
    )  # the reader reads Russian
    assert f"https://meet.example.org/cb-{event.slug}-1" in page
    entry = _entries(client.get(f"/partnering/events/{event.slug}/agenda.ics").content)[0]
    start = entry.decoded("dtstart")
    assert start.isoformat() == "2027-03-09T19:30:00+00:00"


def test_ics_uid_is_stable_and_sequence_grows_when_the_meeting_moves(client, pair, moderator):
    event, ru, uz = pair
    slots = list(event.slots.order_by("starts_at"))
    meeting = _meeting(event, ru, uz, slots[0])
    _publish(event, moderator)
    client.force_login(uz.person)
    first = _entries(
        client.get(f"/partnering/events/{event.slug}/meetings/{meeting.pk}.ics").content
    )
    services.meeting_place(actor=moderator, meeting=meeting, slot_id=slots[3].pk)
    second = _entries(
        client.get(f"/partnering/events/{event.slug}/meetings/{meeting.pk}.ics").content
    )
    assert len(first) == len(second) == 1
    assert str(first[0]["uid"]) == str(second[0]["uid"])
    assert int(second[0]["sequence"]) > int(first[0]["sequence"])
    assert second[0].decoded("dtstart") == slots[3].starts_at
    services.meeting_cancel(actor=moderator, meeting=meeting)
    third = _entries(client.get(f"/partnering/events/{event.slug}/agenda.ics").content)
    assert str(third[0]["status"]) == "CANCELLED"


def test_the_private_feed_needs_its_own_token_and_nobody_elses(client, pair, moderator):
    event, ru, uz = pair
    _meeting(event, ru, uz, event.slots.first())
    _publish(event, moderator)
    response = client.get(f"/partnering/events/calendar/{ru.calendar_token}.ics")
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar"
    assert len(_entries(response.content)) == 1
    assert client.get("/partnering/events/calendar/not-a-token.ics").status_code == 404
    outsider = registered(event, OrganisationFactory(country="KZ"))
    client.force_login(outsider.person)
    assert (
        client.get(
            f"/partnering/events/{event.slug}/meetings/{event.meetings.get().pk}.ics"
        ).status_code
        == 404
    )
    assert client.get(f"/partnering/events/{event.slug}/agenda.ics").content.count(b"VEVENT") == 0


def _agenda_queries(client, event, ru, count) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as page_queries:
        page = client.get(f"/partnering/events/{event.slug}/agenda/")
    assert page.content.decode().count('">.ics</a>') == count
    with CaptureQueriesContext(connection) as feed_queries:
        feed = client.get(f"/partnering/events/calendar/{ru.calendar_token}.ics")
    assert feed.content.count(b"BEGIN:VEVENT") == count
    own = [q for q in page_queries.captured_queries if "partnering_" in q["sql"]]
    return len(page_queries), len(own), len(feed_queries)


def test_agenda_and_feed_take_at_most_five_queries_whatever_the_number_of_meetings(
    client, pair, moderator
):
    """The page's own reads (the site's chrome — session, user, menu — aside) and the whole
    calendar feed stay within five queries, and the page does not grow with the meetings."""
    event, ru, uz = pair
    slots = list(event.slots.order_by("starts_at"))
    _meeting(event, ru, uz, slots[0])
    _publish(event, moderator)
    client.force_login(ru.person)
    client.get(f"/partnering/events/{event.slug}/agenda/")  # warm the caches
    one = _agenda_queries(client, event, ru, 1)
    for n in range(1, 6):
        other = registered(event, OrganisationFactory(country="UZ"))
        _meeting(event, ru, other, slots[n])
    _publish(event, moderator)
    six = _agenda_queries(client, event, ru, 6)
    assert one == six
    assert six[1] <= 5 and six[2] <= 5

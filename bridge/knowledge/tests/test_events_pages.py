"""The calendar and an event's page: times in the announced zone and in the reader's, items other
apps provide (B2B meeting days) merged in, registration and cancellation through the page, and
.ics files any calendar reads."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from bridge.accounts.tests.factories import UserFactory
from bridge.core import calendar
from bridge.core.calendar import CalendarItem
from bridge.knowledge.models import EventStatus, RegistrationStatus
from bridge.knowledge.tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SOON = (datetime.now(UTC) + timedelta(days=10)).replace(hour=10, minute=0, second=0, microsecond=0)


@pytest.fixture
def webinar():
    start = SOON  # 15:00 in Tashkent, 13:00 in Moscow
    return EventFactory(
        starts_at=start, ends_at=start + timedelta(hours=1), capacity=1, title_en="Exporting games"
    )


@pytest.fixture
def b2b_days():
    start = SOON + timedelta(days=6)
    item = CalendarItem(
        key="partnering-day:1",
        title="B2B days: games",
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        timezone="Asia/Tashkent",
        url="/partnering/days/1/",
        kind="B2B meeting day",
        onsite=True,
        place="Tashkent, IT Park",
    )
    calendar.register("test-partnering", lambda start, end: [item])
    yield item
    calendar.unregister("test-partnering")


def test_the_calendar_shows_times_in_both_zones_and_merges_other_apps_items(
    client, webinar, b2b_days
):
    client.force_login(UserFactory(timezone="Europe/Moscow"))
    response = client.get(reverse("knowledge:calendar"), HTTP_ACCEPT_LANGUAGE="en")
    rows = response.context["upcoming"]
    assert [row.title for row in rows] == ["Exporting games", "B2B days: games"]
    first = rows[0]
    assert first.announced.hours == "15:00–16:00" and "Tashkent" in first.announced.zone
    assert first.yours.hours == "13:00–14:00" and first.yours.zone == "Moscow, UTC+3"
    html = response.content.decode()
    assert "/partnering/days/1/" in html and "B2B meeting day" in html


def test_a_visitor_chooses_the_zone_times_are_shown_in(client, webinar):
    client.post(
        reverse("knowledge:calendar_zone"), {"timezone": "Asia/Bishkek", "next": "//evil.example"}
    )
    response = client.get(reverse("knowledge:calendar"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["upcoming"][0].yours.zone == "Bishkek, UTC+6"
    assert (
        client.post(reverse("knowledge:calendar_zone"), {"timezone": "Mars/Base"}).status_code
        == 302
    )
    assert client.get(reverse("knowledge:calendar")).context["zone"] == "Asia/Bishkek"


def test_kinds_filter_the_calendar_and_past_events_show_their_recordings(client, webinar):
    EventFactory(kind="workshop", title_en="Dyeing")
    EventFactory(
        starts_at=timezone.now() - timedelta(days=10),
        title_en="Residency",
        recording_url="https://video.example/r",
    )
    response = client.get(
        reverse("knowledge:calendar"), {"kind": "workshop"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert [row.title for row in response.context["upcoming"]] == ["Dyeing"]
    past = client.get(reverse("knowledge:calendar"), HTTP_ACCEPT_LANGUAGE="en").context["past"]
    assert [row.title for row in past] == ["Residency"]


def test_the_calendar_takes_the_same_queries_for_few_or_many_events(
    client, django_assert_max_num_queries
):
    EventFactory()
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("knowledge:calendar"))
    for _n in range(5):
        RegistrationFactory(event=EventFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("knowledge:calendar"))


def test_register_land_on_the_waitlist_and_move_up_through_the_pages(client, webinar):
    first, second = UserFactory(), UserFactory()
    url = webinar.get_absolute_url()
    client.force_login(first)
    client.post(reverse("knowledge:event_register", args=[webinar.slug]))
    assert "Your place is confirmed." in client.get(url).content.decode()
    client.force_login(second)
    response = client.post(reverse("knowledge:event_register", args=[webinar.slug]), follow=True)
    assert "number 1 on the waitlist" in response.content.decode()
    client.force_login(first)
    client.post(reverse("knowledge:event_cancel", args=[webinar.slug]))
    client.force_login(second)
    response = client.get(url)
    assert response.context["registration"].status == RegistrationStatus.CONFIRMED
    assert webinar.join_url in response.content.decode()


def test_registering_needs_a_signed_in_person_and_drafts_are_hidden(
    client, webinar, events_manager
):
    response = client.post(reverse("knowledge:event_register", args=[webinar.slug]))
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not webinar.registrations.exists()
    draft = EventFactory(status=EventStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(events_manager)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_staff_see_the_registrations_others_do_not(client, webinar, events_manager):
    RegistrationFactory(event=webinar, user=UserFactory(email="lola@example.org"))
    client.force_login(UserFactory())
    assert "lola@example.org" not in client.get(webinar.get_absolute_url()).content.decode()
    client.force_login(events_manager)
    assert "lola@example.org" in client.get(webinar.get_absolute_url()).content.decode()


def test_the_ics_file_holds_the_event_in_its_own_zone_without_the_join_link(client, webinar):
    response = client.get(reverse("knowledge:event_ics", args=[webinar.slug]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = Calendar.from_ical(response.content)
    (event,) = parsed.walk("VEVENT")
    assert event.decoded("dtstart") == webinar.starts_at
    assert str(event.decoded("dtstart").tzinfo) == "Asia/Tashkent"
    assert parsed.walk("VTIMEZONE")[0]["TZID"] == "Asia/Tashkent"
    assert str(event["uid"]).startswith(f"knowledge-event-{webinar.pk}@")
    assert webinar.join_url not in response.content.decode()


def test_the_calendar_feed_holds_our_events_and_other_apps_items(client, webinar, b2b_days):
    parsed = Calendar.from_ical(client.get(reverse("knowledge:calendar_ics")).content)
    summaries = sorted(str(e["summary"]) for e in parsed.walk("VEVENT"))
    assert summaries[0].startswith("B2B days: games") and len(summaries) == 2

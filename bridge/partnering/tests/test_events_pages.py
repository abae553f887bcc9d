"""The meeting-day pages as people use them: register, ask, accept in a slot, mark unavailable,
run late; staff schedule, publish and mark held in their page and in the admin; others are
refused."""

from datetime import date, time

import pytest

from bridge.accounts.tests.factories import UserFactory
from bridge.partnering.models import Booking, Event, Meeting, MeetingRequest, Registration
from bridge.partnering.models.events import EventStatus, MeetingStatus, RequestStatus
from bridge.partnering.tests.factories import accepted_request, event_made, registered

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_member_registers_asks_and_the_other_accepts_in_a_slot(
    client, ru_org, uz_org, ru_owner, uz_owner
):
    event = event_made()
    uz = registered(event, uz_org, uz_owner)
    client.force_login(ru_owner)
    page = client.get(f"/partnering/events/{event.slug}/")
    assert f"/partnering/events/{event.slug}/register/" in page.content.decode()
    client.post(f"/partnering/events/{event.slug}/register/", {"organisation": ru_org.pk})
    ru = Registration.objects.get(person=ru_owner)
    response = client.post(
        f"/partnering/events/{event.slug}/request/", {"recipient": uz.pk, "message": "Встретимся?"}
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get(sender=ru)
    client.force_login(uz_owner)
    assert "Встретимся?" in client.get(f"/partnering/events/{event.slug}/").content.decode()
    slot = event.slots.order_by("starts_at")[2]
    client.post(
        f"/partnering/events/{event.slug}/requests/{request.pk}/",
        {"answer": "accept", "slot": slot.pk},
    )
    assert Meeting.objects.get().slot == slot
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED


def test_refusals_are_shown_and_nothing_changes(client, ru_org, ru_owner):
    event = event_made()
    ru = registered(event, ru_org, ru_owner)
    colleague = registered(event, ru_org)
    client.force_login(ru_owner)
    response = client.post(
        f"/partnering/events/{event.slug}/request/",
        {"recipient": colleague.pk, "message": "Привет"},
        follow=True,
    )
    assert (
        "own organisation" in response.content.decode()
        or "своей организации" in response.content.decode()
    )
    assert not MeetingRequest.objects.filter(sender=ru).exists()


def test_marking_slots_unavailable_and_back(client, ru_org, ru_owner):
    event = event_made()
    ru = registered(event, ru_org, ru_owner)
    client.force_login(ru_owner)
    slots = list(event.slots.order_by("starts_at")[:2])
    client.post(
        f"/partnering/events/{event.slug}/unavailable/",
        {"slot": [s.pk for s in slots], "unavailable": "1"},
    )
    assert Booking.objects.filter(registration=ru, meeting__isnull=True).count() == 2
    client.post(
        f"/partnering/events/{event.slug}/unavailable/", {"slot": [slots[0].pk], "unavailable": "0"}
    )
    assert Booking.objects.filter(registration=ru).count() == 1
    other = event_made()
    client.post(
        f"/partnering/events/{event.slug}/unavailable/",
        {"slot": [other.slots.first().pk], "unavailable": "1"},
    )
    assert Booking.objects.filter(registration=ru).count() == 1


def test_staff_page_schedules_publishes_and_marks_held(client, ru_org, uz_org, moderator, ru_owner):
    event = event_made()
    ru, uz = registered(event, ru_org, ru_owner), registered(event, uz_org)
    request = accepted_request(event, ru, uz)
    meeting = Meeting.objects.create(event=event, request=request)
    client.force_login(ru_owner)
    assert client.get(f"/partnering/events/{event.slug}/staff/").status_code == 403
    client.force_login(moderator)
    assert client.get(f"/partnering/events/{event.slug}/staff/").status_code == 200
    client.post(f"/partnering/events/{event.slug}/staff/", {"action": "schedule"})
    meeting.refresh_from_db()
    assert meeting.slot is not None and not meeting.published
    client.post(f"/partnering/events/{event.slug}/staff/", {"action": "publish"})
    meeting.refresh_from_db()
    assert meeting.published
    client.post(f"/partnering/events/{event.slug}/staff/", {"action": "held", "pk": meeting.pk})
    client.post(f"/partnering/events/{event.slug}/staff/", {"action": "check-in", "pk": ru.pk})
    meeting.refresh_from_db()
    ru.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and ru.checked_in_at is not None


def test_running_late_from_the_agenda(client, ru_org, uz_org, ru_owner, moderator):
    event = event_made()
    ru, uz = registered(event, ru_org, ru_owner), registered(event, uz_org)
    request = accepted_request(event, ru, uz)
    slot = event.slots.first()
    meeting = Meeting.objects.create(
        event=event, request=request, slot=slot, table=event.table_set.first(), published=True
    )
    client.force_login(ru_owner)
    client.post(f"/partnering/events/{event.slug}/meetings/{meeting.pk}/late/")
    meeting.refresh_from_db()
    assert "10" in meeting.late_note
    client.force_login(uz.person)
    assert (
        meeting.late_note in client.get(f"/partnering/events/{event.slug}/agenda/").content.decode()
    )


def test_drafts_are_hidden_and_the_list_reads_in_fixed_queries(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        event_made()
    draft = event_made(status=EventStatus.DRAFT)
    with django_assert_max_num_queries(6):
        page = client.get("/partnering/events/")
    assert page.content.decode().count("/partnering/events/b2b-") == 3
    assert client.get(f"/partnering/events/{draft.slug}/").status_code == 404


def test_staff_create_an_event_in_the_admin_and_its_grid_is_built(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/staff/admin/partnering/event/add/",
        {
            "slug": "samarkand-day",
            "name_ru": "День встреч",
            "name_uz": "Uchrashuvlar kuni",
            "name_en": "Meeting day",
            "format": "onsite",
            "venue": "Samarkand",
            "time_zone": "Asia/Samarkand",
            "first_day": date(2027, 5, 1).isoformat(),
            "days": "1",
            "slot_minutes": "30",
            "day_start": time(10, 0).isoformat(),
            "day_end": time(12, 0).isoformat(),
            "breaks": "[]",
            "tables": "4",
            "meeting_link": "",
            "registration_opens_0": "2027-04-01",
            "registration_opens_1": "10:00",
            "registration_closes_0": "2027-04-25",
            "registration_closes_1": "10:00",
            "request_expiry": "2 00:00:00",
            "pending_cap": "10",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(slug="samarkand-day")
    assert event.slots.count() == 4 and event.table_set.count() == 4


def test_event_and_staff_pages_do_not_grow_with_people_or_meetings(
    client, ru_org, ru_owner, moderator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bridge.accounts.tests.factories import OrganisationFactory

    event = event_made(tables=10, pending_cap=20)
    ru = registered(event, ru_org, ru_owner)
    slots = list(event.slots.order_by("starts_at"))

    def add_meeting(n):
        other = registered(event, OrganisationFactory(country="UZ"))
        request = accepted_request(event, ru, other)
        Meeting.objects.create(
            event=event, request=request, slot=slots[n], table=event.table_set.first()
        )

    def counts():
        out = []
        for user, path in ((ru_owner, ""), (moderator, "staff/")):
            client.force_login(user)
            client.get(f"/partnering/events/{event.slug}/{path}")
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/partnering/events/{event.slug}/{path}").status_code == 200
            out.append(len(queries))
        return out

    add_meeting(0)
    one = counts()
    for n in range(1, 5):
        add_meeting(n)
    assert counts() == one

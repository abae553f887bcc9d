"""Registrations: a confirmed place while there is room, else the waitlist, which moves up by
itself when someone cancels; reminders once each; a past event becomes a library entry."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.knowledge.models import (
    EventMaterial,
    EventStatus,
    Registration,
    RegistrationStatus,
    Status,
)
from bridge.knowledge.selectors.events import waitlist_position
from bridge.knowledge.services import events, recordings
from bridge.knowledge.services.reminders import event_reminders_send
from bridge.knowledge.tests.factories import EventFactory, RegistrationFactory
from bridge.knowledge.tests.test_attachments import pdf_bytes
from bridge.search.selectors import search

pytestmark = pytest.mark.integration


@pytest.fixture
def webinar(db):
    return EventFactory(capacity=2, title_en="Exporting games", timezone="Asia/Tashkent")


def register(event, person):
    return events.registration_create(actor=person, event=event)


def test_places_are_confirmed_until_full_then_people_wait_in_order(webinar):
    people = [UserFactory(language="en") for _ in range(4)]
    taken = [register(webinar, person) for person in people]
    assert [r.status for r in taken] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [waitlist_position(r) for r in taken] == [None, None, 1, 2]
    subjects = [m.subject for m in mail.outbox]
    assert subjects[:2] == ["Your place is confirmed: Exporting games"] * 2
    assert subjects[2:] == ["You are on the waitlist: Exporting games"] * 2
    assert "number 2 on the waitlist" in mail.outbox[3].body


def test_cancelling_a_place_moves_the_first_in_line_up_and_tells_them(webinar):
    first, second, waiting, last = (UserFactory(language="uz") for _ in range(4))
    confirmed = register(webinar, first)
    register(webinar, second)
    waiting_registration = register(webinar, waiting)
    register(webinar, last)
    mail.outbox.clear()
    events.registration_cancel(actor=first, registration=confirmed)
    waiting_registration.refresh_from_db()
    assert waiting_registration.status == RegistrationStatus.CONFIRMED
    assert waiting_registration.promoted_at is not None
    (message,) = mail.outbox
    assert message.to == [waiting.email]
    assert webinar.join_url in message.body
    assert waitlist_position(Registration.objects.get(user=last, event=webinar)) == 1


def test_cancelling_a_waiting_place_moves_nobody(webinar):
    people = [UserFactory() for _ in range(3)]
    registrations = [register(webinar, p) for p in people]
    events.registration_cancel(actor=people[2], registration=registrations[2])
    assert list(webinar.registrations.values_list("status", flat=True).order_by("id")) == [
        "confirmed",
        "confirmed",
        "cancelled",
    ]


def test_registering_twice_never_gives_a_second_seat(webinar):
    person = UserFactory()
    register(webinar, person)
    with pytest.raises(ValidationError) as refused:
        register(webinar, person)
    assert refused.value.code == "duplicate"
    assert webinar.registrations.count() == 1


def test_after_cancelling_one_may_register_again_at_the_back_of_the_line(webinar):
    people = [UserFactory() for _ in range(2)]
    first = register(webinar, people[0])
    register(webinar, people[1])
    newcomer = UserFactory()
    register(webinar, newcomer)  # waitlisted, first in line
    events.registration_cancel(actor=people[0], registration=first)
    again = register(webinar, people[0])
    assert again.status == RegistrationStatus.WAITLISTED
    assert webinar.registrations.filter(user=people[0]).count() == 2


@pytest.mark.parametrize(
    "change",
    [
        {"status": EventStatus.DRAFT},
        {"status": EventStatus.CANCELLED},
        {"starts_at": timezone.now() - timedelta(minutes=5)},
    ],
)
def test_registration_is_closed_for_drafts_cancelled_and_started_events(db, change):
    event = EventFactory(**change)
    with pytest.raises(ValidationError) as refused:
        register(event, UserFactory())
    assert refused.value.code == "closed"


def test_only_the_person_or_event_staff_cancel_a_registration(webinar, events_manager):
    person, other = UserFactory(), UserFactory()
    registration = register(webinar, person)
    with pytest.raises(PermissionDenied):
        events.registration_cancel(actor=other, registration=registration)
    events.registration_cancel(actor=events_manager, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_more_places_move_the_waitlist_up(webinar, events_manager):
    people = [UserFactory() for _ in range(4)]
    for person in people:
        register(webinar, person)
    events.event_save(actor=events_manager, event=webinar, capacity=3)
    assert webinar.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3


def test_staff_create_validate_publish_and_cancel_events(events_manager, member):
    start = timezone.now() + timedelta(days=3)
    fields = {
        "kind": "workshop",
        "title_ru": "Мастерская",
        "language": "ru",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "timezone": "Europe/Moscow",
        "online": False,
        "venue": "Москва, Берсеневская наб., 14",
        "capacity": 20,
        "themes": ["suzani"],
    }
    with pytest.raises(PermissionDenied):
        events.event_save(actor=member, **fields)
    for change, field in (
        ({"ends_at": start - timedelta(hours=1)}, "ends_at"),
        ({"timezone": "Mars/Base"}, "timezone"),
        ({"title_ru": ""}, "title_ru"),
        ({"venue": ""}, "venue"),
        ({"themes": ["silk"]}, "themes"),
        ({"capacity": 0}, "capacity"),
    ):
        with pytest.raises(ValidationError) as refused:
            events.event_save(actor=events_manager, **{**fields, **change})
        assert field in refused.value.message_dict, change
    event = events.event_save(actor=events_manager, **fields)
    # the date where the event takes place: after 21:00 UTC, Moscow's is the next one
    assert event.slug == f"masterskaya-{start.astimezone(ZoneInfo('Europe/Moscow')):%Y-%m-%d}"
    assert search(key="events", q="мастерская").count == 0  # a draft
    events.event_publish(actor=events_manager, event=event)
    assert search(key="events", q="мастерская").ids == [event.pk]
    person = UserFactory(language="ru")
    register(event, person)
    mail.outbox.clear()
    events.event_cancel(actor=events_manager, event=event, reason="Площадка закрыта.")
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert search(key="events", q="мастерская").count == 0


def test_reminders_go_a_day_and_an_hour_before_once_each(db):
    now = timezone.now()
    tomorrow = EventFactory(starts_at=now + timedelta(hours=20), title_en="Tomorrow")
    soon = EventFactory(starts_at=now + timedelta(minutes=40), title_en="Soon")
    later = EventFactory(starts_at=now + timedelta(days=5))
    person = UserFactory(language="en", timezone="Europe/Moscow")
    for event in (tomorrow, soon, later):
        RegistrationFactory(event=event, user=person)
    RegistrationFactory(event=tomorrow, status=RegistrationStatus.WAITLISTED)
    sent = event_reminders_send(now=now)
    assert sent == {"reminded_day_at": 1, "reminded_hour_at": 1}
    assert sorted(m.subject for m in mail.outbox) == ["Soon: Soon", "Soon: Tomorrow"]
    # Times in the event's zone and in the person's own.
    assert "Tashkent" in mail.outbox[0].body and "Moscow" in mail.outbox[0].body
    assert event_reminders_send(now=now) == {"reminded_day_at": 0, "reminded_hour_at": 0}
    assert event_reminders_send(now=now + timedelta(hours=19, minutes=30)) == {
        "reminded_day_at": 0,
        "reminded_hour_at": 1,
    }


def test_a_past_event_becomes_a_published_recording_in_the_library(reviewer, events_manager):
    event = EventFactory(
        starts_at=timezone.now() - timedelta(days=3),
        recording_url="https://video.example/r",
        themes=["ikat"],
        title_uz="",
        organisation=OrganisationFactory(name="IT Park"),
    )
    material = EventMaterial(event=event, name="slides.pdf", kind="pdf", size=1)
    material.file.save("slides.pdf", ContentFile(pdf_bytes()), save=True)
    with pytest.raises(PermissionDenied):
        recordings.event_to_practice(actor=events_manager, event=event)  # not a reviewer
    practice = recordings.event_to_practice(actor=reviewer, event=event)
    assert (practice.kind, practice.video_url, practice.themes) == (
        "recording",
        "https://video.example/r",
        ["ikat"],
    )
    assert sorted(practice.entries.values_list("language", "status")) == [
        ("en", Status.PUBLISHED),
        ("ru", Status.PUBLISHED),
    ]
    assert [a.name for a in practice.entries.get(language="ru").attachments.all()] == ["slides.pdf"]
    event.refresh_from_db()
    assert event.practice == practice
    assert search(key="practices", concepts=["ikat"]).ids == [practice.pk]
    with pytest.raises(ValidationError):
        recordings.event_to_practice(actor=reviewer, event=event)


def test_an_event_without_recording_or_not_over_is_refused(reviewer):
    upcoming = EventFactory(recording_url="https://video.example/r")
    with pytest.raises(ValidationError) as refused:
        recordings.event_to_practice(actor=reviewer, event=upcoming)
    assert "__all__" in refused.value.message_dict and "organisation" in refused.value.message_dict

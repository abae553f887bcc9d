"""Meeting requests and meetings: who may ask whom, answers, placement in a shared free slot, the
database refusing a double booking, and the clock that reminds and expires requests."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.partnering.models import Booking, Meeting, MeetingRequest, Registration
from bridge.partnering.models.events import EventStatus, MeetingStatus, RequestStatus
from bridge.partnering.services import events as event_services
from bridge.partnering.services import meetings as services
from bridge.partnering.tests.factories import event_made, member_of, registered

pytestmark = pytest.mark.integration


def _ask(sender, recipient, message="Давайте обсудим сериал про Афанди."):
    return services.meeting_request_send(
        actor=sender.person, sender=sender, recipient=recipient, message=message
    )


def test_grid_has_slots_around_the_break_and_stores_tashkent_times_in_utc(event):
    slots = list(event.slots.order_by("starts_at"))
    assert len(slots) == 2 * 5  # 10:00–11:30 three slots, 12:00–13:00 two, on each day
    first = slots[0]
    assert first.starts_at.astimezone(event.zone).time() == time(10, 0)
    assert first.starts_at.utcoffset() == timedelta(0) or first.starts_at.hour == 5
    local = [s.starts_at.astimezone(event.zone).time() for s in slots[:5]]
    assert time(11, 30) not in local and time(12, 0) in local
    assert event.table_set.count() == 3


def test_ask_accept_in_a_shared_slot_books_both_people(ru, uz, event):
    request = _ask(ru, uz)
    slot = event.slots.order_by("starts_at")[2]
    meeting = services.meeting_request_accept(actor=uz.person, request=request, slot_id=slot.pk)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert meeting.slot == slot and meeting.table.number == 1
    assert set(Booking.objects.filter(meeting=meeting).values_list("registration", flat=True)) == {
        ru.pk,
        uz.pk,
    }
    assert AuditEntry.objects.filter(action="meeting.accept").count() == 1


def test_accept_without_slot_leaves_the_meeting_for_the_scheduler(ru, uz):
    meeting = services.meeting_request_accept(actor=uz.person, request=_ask(ru, uz))
    assert meeting.slot is None and not Booking.objects.exists()


def test_asking_oneself_or_a_colleague_is_refused_at_the_recipient(ru, event, ru_org):
    colleague = registered(event, ru_org)
    with pytest.raises(ValidationError) as caught:
        _ask(ru, colleague)
    assert "own organisation" in caught.value.message_dict["recipient"][0]
    assert not MeetingRequest.objects.exists()


def test_asking_after_the_registration_window_is_refused(ru, uz, event):
    event.registration_closes = timezone.now() - timedelta(minutes=1)
    event.registration_opens = timezone.now() - timedelta(days=3)
    event.save()
    ru.event = event
    with pytest.raises(ValidationError, match="closed with the registration"):
        _ask(ru, uz)
    assert not MeetingRequest.objects.exists()


def test_pending_cap_and_duplicates(ru, event):
    others = [registered(event, OrganisationFactory(country="UZ")) for _ in range(4)]
    for other in others[:3]:
        _ask(ru, other)
    with pytest.raises(ValidationError, match="the most this event allows"):
        _ask(ru, others[3])
    with pytest.raises(ValidationError) as caught:
        _ask(others[0], ru)
    assert "already have a request" in caught.value.message_dict["recipient"][0]


def test_only_the_recipient_side_answers_and_only_once(ru, uz):
    request = _ask(ru, uz)
    with pytest.raises(PermissionDenied):
        services.meeting_request_accept(actor=ru.person, request=request)
    services.meeting_request_decline(actor=uz.person, request=request)
    with pytest.raises(ValidationError, match="already been answered"):
        services.meeting_request_accept(actor=uz.person, request=request)
    assert not Meeting.objects.exists()


def test_a_slot_outside_the_grid_refuses_the_acceptance_and_changes_nothing(ru, uz):
    other = event_made()
    request = _ask(ru, uz)
    with pytest.raises(ValidationError) as caught:
        services.meeting_request_accept(
            actor=uz.person, request=request, slot_id=other.slots.first().pk
        )
    assert "not one of the event's slots" in caught.value.message_dict["slot"][0]
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING and not Meeting.objects.exists()


def test_an_unavailable_or_booked_slot_is_refused(ru, uz, event, uz_org):
    slot = event.slots.order_by("starts_at")[0]
    event_services.slots_unavailable_set(
        actor=uz.person, registration=uz, slot_ids=[slot.pk], unavailable=True
    )
    with pytest.raises(ValidationError, match="not available at this time"):
        services.meeting_request_accept(actor=uz.person, request=_ask(ru, uz), slot_id=slot.pk)
    third = registered(event, OrganisationFactory(country="KZ"))
    second = event.slots.order_by("starts_at")[1]
    services.meeting_request_accept(actor=uz.person, request=_ask(third, uz), slot_id=second.pk)
    with pytest.raises(ValidationError, match="already has a meeting"):
        services.meeting_request_accept(actor=ru.person, request=_ask(third, ru), slot_id=second.pk)
    with pytest.raises(ValidationError, match="You have a meeting at this time"):
        event_services.slots_unavailable_set(
            actor=uz.person, registration=uz, slot_ids=[second.pk], unavailable=True
        )


def test_the_database_refuses_a_second_booking_of_a_person_or_a_table(ru, uz, event):
    slot = event.slots.first()
    meeting = services.meeting_request_accept(
        actor=uz.person, request=_ask(ru, uz), slot_id=slot.pk
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(registration=ru, slot=slot)
    third = registered(event, OrganisationFactory(country="KZ"))
    fourth = registered(event, OrganisationFactory(country="UZ"))
    request = MeetingRequest.objects.create(
        event=event, sender=third, recipient=fourth, message="x", expires_at=timezone.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(event=event, request=request, slot=slot, table=meeting.table)


def test_tables_run_out(ru, uz, event):
    slot = event.slots.first()
    pairs = [
        (
            registered(event, OrganisationFactory(country="RU")),
            registered(event, OrganisationFactory(country="UZ")),
        )
        for _ in range(3)
    ]
    for a, b in pairs:
        services.meeting_request_accept(actor=b.person, request=_ask(a, b), slot_id=slot.pk)
    with pytest.raises(ValidationError, match="No table is free"):
        services.meeting_request_accept(actor=uz.person, request=_ask(ru, uz), slot_id=slot.pk)


def test_cancel_frees_the_slot_and_staff_mark_held(ru, uz, event, moderator):
    slot = event.slots.first()
    meeting = services.meeting_request_accept(
        actor=uz.person, request=_ask(ru, uz), slot_id=slot.pk
    )
    with pytest.raises(PermissionDenied):
        services.meeting_status_set(actor=ru.person, meeting=meeting, status=MeetingStatus.HELD)
    services.meeting_status_set(actor=moderator, meeting=meeting, status=MeetingStatus.HELD)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    services.meeting_cancel(actor=ru.person, meeting=meeting)
    assert not Booking.objects.exists()


def test_running_late_tells_the_other_side(
    ru, uz, event, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = services.meeting_request_accept(
        actor=uz.person, request=_ask(ru, uz), slot_id=event.slots.first().pk
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_running_late(actor=ru.person, meeting=meeting, minutes=5)
    meeting.refresh_from_db()
    assert "5" in meeting.late_note
    assert mailoutbox[-1].to == [uz.person.email]
    outsider = member_of(OrganisationFactory(), Role.OWNER)
    with pytest.raises(PermissionDenied):
        services.meeting_running_late(actor=outsider, meeting=meeting)


def test_the_clock_reminds_at_half_time_then_expires(
    ru, uz, mailoutbox, django_capture_on_commit_callbacks
):
    request = _ask(ru, uz)
    start = request.created_at
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meetings_tick(now=start + timedelta(hours=1))["meetings_reminded"] == 0
        assert services.meetings_tick(now=start + timedelta(days=1, hours=1)) == {
            "meetings_reminded": 1,
            "meetings_expired": 0,
        }
        assert (
            services.meetings_tick(now=start + timedelta(days=1, hours=2))["meetings_reminded"] == 0
        )
    assert mailoutbox[-1].to == [uz.person.email]
    assert services.meetings_tick(now=start + timedelta(days=2, minutes=1))["meetings_expired"] == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED


def test_registration_rules(event, ru_org, uz_owner, ru_owner):
    with pytest.raises(PermissionDenied):
        event_services.registration_create(actor=uz_owner, event=event, organisation=ru_org)
    registration = event_services.registration_create(
        actor=ru_owner, event=event, organisation=ru_org
    )
    assert registration.person == ru_owner
    with pytest.raises(ValidationError) as caught:
        event_services.registration_create(actor=ru_owner, event=event, organisation=ru_org)
    assert "already registered" in caught.value.message_dict["person"][0]
    event.status = EventStatus.DRAFT
    event.save()
    with pytest.raises(ValidationError, match="closed"):
        event_services.registration_create(
            actor=ru_owner, event=event, organisation=ru_org, person=member_of(ru_org)
        )
    assert Registration.objects.count() == 1


def test_staff_publish_and_the_expiry_bounds_are_database_rules(moderator, ru_owner, event):
    draft = event_made(status=EventStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        event_services.event_publish(actor=ru_owner, event=draft)
    event_services.event_publish(actor=moderator, event=draft)
    draft.refresh_from_db()
    assert draft.status == EventStatus.PUBLISHED
    assert AuditEntry.objects.filter(action="event.publish").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        event_made(request_expiry=timedelta(minutes=5))

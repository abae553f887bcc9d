"""Meeting-request and meeting services, to the exact value a person sees: which field an error
is shown at, what it says and with which code, the edges of every limit and of the clock (to the
microsecond), the times shown in the event's time zone, the slot and table a meeting lands on,
the audit rows, and who is told what (the notification's context is what the e-mail and the
centre's line are rendered from). Written for the mutation score of issue 18."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry, Notification
from bridge.core.tests.exact_support import trail
from bridge.partnering.models import Booking, Meeting, MeetingRequest
from bridge.partnering.models.events import MESSAGE_MAX, MeetingStatus, RequestStatus
from bridge.partnering.services import events as event_services
from bridge.partnering.services import meetings as services
from bridge.partnering.tests.factories import event_made, member_of, registered

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

# 09:30 UTC is 14:30 in Tashkent (UTC+5) and 12:30 in Moscow (UTC+3).
NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
TICK = timedelta(microseconds=1)
REQUIRED = "This field is required."


@pytest.fixture
def clock(monkeypatch):
    """The services' clock (and so the rows' auto dates), fixed at NOW; `clock.at(t)` moves it."""

    class Clock:
        now = NOW

        def at(self, when):
            self.now = when

    fixed = Clock()
    monkeypatch.setattr(services.timezone, "now", lambda: fixed.now)
    return fixed


def ask(sender, recipient, message="Let us talk about Afandi."):
    return services.meeting_request_send(
        actor=sender.person, sender=sender, recipient=recipient, message=message
    )


def stranger(event, country="KZ"):
    return registered(event, OrganisationFactory(country=country))


def slots(event):
    return list(event.slots.order_by("starts_at"))


def told(template) -> list[tuple]:
    return [
        (n.recipient, n.context)
        for n in Notification.objects.filter(template=template).order_by("id")
    ]


def refusal(caught) -> dict:
    """Field -> [(message, code)] of a refusal at fields."""
    return {
        field: [(error.message % (error.params or {}), error.code) for error in errors]
        for field, errors in caught.value.error_dict.items()
    }


def url(event) -> str:
    return reverse("partnering:event", kwargs={"slug": event.slug})


# --- asking ---------------------------------------------------------------------------------


def test_ask_stores_the_cleaned_message_and_expiry_audits_and_tells_the_recipient_only(
    ru, uz, event, uz_org, clock, run_on_commit
):
    member_of(uz_org, Role.ADMIN)
    with run_on_commit():
        request = ask(ru, uz, message="  Salom\x00!  ")
    request.refresh_from_db()
    assert (request.event, request.sender, request.recipient, request.message) == (
        event,
        ru,
        uz,
        "Salom!",
    )
    assert (request.status, request.expires_at, request.answered_at, request.reminded_at) == (
        RequestStatus.PENDING,
        NOW + timedelta(days=2),
        None,
        None,
    )
    assert trail(request) == [("meeting.request", ru.person, {})]
    assert told("partnering/email/meeting_request") == [
        (
            uz.person,
            {
                "event": "B2B meetings",
                "sender": str(ru.organisation),
                "url": url(event),
                "name": uz.person.display_name,
            },
        )
    ]
    assert Notification.objects.count() == 1


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("", REQUIRED),
        (None, REQUIRED),
        (" \x00\n", REQUIRED),
        ("m" * (MESSAGE_MAX + 1), "At most 1000 characters (now 1001)."),
    ],
)
def test_a_missing_or_long_message_is_refused_at_the_message(ru, uz, message, error):
    with pytest.raises(ValidationError) as caught:
        ask(ru, uz, message=message)
    assert caught.value.message_dict == {"message": [error]}
    assert not MeetingRequest.objects.exists()


def test_a_message_of_exactly_the_limit_is_kept(ru, uz):
    assert MESSAGE_MAX == 1000
    assert ask(ru, uz, message="m" * MESSAGE_MAX).message == "m" * MESSAGE_MAX


def test_only_the_senders_side_may_ask(ru, uz, event, ru_org):
    colleague = member_of(ru_org)
    assert (
        services.meeting_request_send(actor=colleague, sender=ru, recipient=uz, message="Hi").sender
        == ru
    )
    with pytest.raises(PermissionDenied):
        services.meeting_request_send(
            actor=uz.person, sender=ru, recipient=stranger(event), message="Hi"
        )


def test_whom_one_may_not_ask_is_said_at_the_recipient_with_its_code(ru, event, ru_org):
    elsewhere = stranger(event_made())
    with pytest.raises(ValidationError) as caught:
        ask(ru, elsewhere)
    assert refusal(caught) == {
        "recipient": [("This person is not registered for the event.", None)]
    }
    with pytest.raises(ValidationError) as caught:
        ask(ru, ru)
    assert refusal(caught) == {"recipient": [("You cannot ask yourself for a meeting.", "self")]}
    with pytest.raises(ValidationError) as caught:
        ask(ru, registered(event, ru_org))
    assert refusal(caught) == {
        "recipient": [("You cannot ask a colleague from your own organisation.", "own")]
    }
    assert not MeetingRequest.objects.exists()


def test_requests_close_with_the_registration_shown_in_the_events_time_zone(ru, uz, event, clock):
    event.registration_opens = NOW - timedelta(days=10)
    event.registration_closes = NOW + TICK
    event.save()
    assert ask(ru, uz).status == RequestStatus.PENDING
    MeetingRequest.objects.all().delete()
    for zone, shown in (
        ("Asia/Tashkent", "01.06.2026 14:30"),
        ("Europe/Moscow", "01.06.2026 12:30"),
    ):
        event.registration_closes = NOW
        event.time_zone = zone
        event.save()
        ru.event = event
        with pytest.raises(ValidationError) as caught:
            ask(ru, uz)
        assert caught.value.code == "closed"
        assert caught.value.messages == [
            f"Meeting requests closed with the registration on {shown}."
        ]
    assert not MeetingRequest.objects.exists()


DUPLICATE = ("You already have a request or a meeting with this person.", "duplicate")


def test_an_open_request_either_way_blocks_a_second_but_a_closed_one_does_not(ru, uz, event):
    first = ask(ru, uz)
    for sender, recipient in ((ru, uz), (uz, ru)):
        with pytest.raises(ValidationError) as caught:
            ask(sender, recipient)
        assert refusal(caught) == {"recipient": [DUPLICATE]}
    MeetingRequest.objects.filter(pk=first.pk).update(status=RequestStatus.ACCEPTED)
    with pytest.raises(ValidationError):
        ask(uz, ru)
    # A request between one of them and a third person is another pair.
    assert ask(uz, stranger(event)).status == RequestStatus.PENDING
    for closed in (RequestStatus.DECLINED, RequestStatus.EXPIRED, RequestStatus.CANCELLED):
        MeetingRequest.objects.filter(pk=first.pk).update(status=closed)
        again = ask(uz, ru)
        assert again.sender == uz
        again.delete()


def test_the_database_refusal_of_a_parallel_request_reads_the_same(ru, uz, monkeypatch):
    def taken(**fields):
        raise IntegrityError("partnering_request_open_once")

    monkeypatch.setattr(MeetingRequest.objects, "create", taken)
    with pytest.raises(ValidationError) as caught:
        ask(ru, uz)
    assert refusal(caught) == {"recipient": [DUPLICATE]}
    assert not AuditEntry.objects.exists()


def test_the_cap_counts_only_the_senders_waiting_requests(ru, uz, event):
    assert event.pending_cap == 3
    first, second, third, fourth = (stranger(event) for _ in range(4))
    ask(ru, first)
    ask(ru, second)
    # Answered requests and requests others sent do not count.
    MeetingRequest.objects.create(
        event=event,
        sender=ru,
        recipient=uz,
        message="x",
        status=RequestStatus.DECLINED,
        expires_at=NOW,
    )
    ask(uz, fourth)
    ask(third, fourth)
    assert ask(ru, third).status == RequestStatus.PENDING
    with pytest.raises(ValidationError) as caught:
        ask(ru, fourth)
    assert caught.value.code == "cap"
    assert caught.value.messages == [
        "You have 3 requests waiting for an answer, the most this event allows. "
        "Wait for answers before sending more."
    ]


# --- answering ------------------------------------------------------------------------------


def test_accept_without_a_time_leaves_the_meeting_to_the_scheduler(
    ru, uz, event, clock, run_on_commit
):
    request = ask(ru, uz)
    clock.at(NOW + timedelta(hours=1))
    with run_on_commit():
        meeting = services.meeting_request_accept(actor=uz.person, request=request, slot_id="")
    request.refresh_from_db()
    assert (request.status, request.answered_at) == (
        RequestStatus.ACCEPTED,
        NOW + timedelta(hours=1),
    )
    assert (meeting.event, meeting.request, meeting.slot, meeting.table, meeting.sequence) == (
        event,
        request,
        None,
        None,
        0,
    )
    assert meeting.status == MeetingStatus.SCHEDULED and not Booking.objects.exists()
    assert trail(request)[-1] == ("meeting.accept", uz.person, {"slot": None})
    assert told("partnering/email/meeting_answered") == [
        (
            ru.person,
            {
                "event": "B2B meetings",
                "other": str(uz.organisation),
                "status": "Accepted",
                "url": url(event),
                "name": ru.person.display_name,
            },
        )
    ]


def test_accept_in_a_slot_books_both_people_at_the_first_free_table(ru, uz, event):
    slot = slots(event)[2]
    a, b = stranger(event, "RU"), stranger(event, "UZ")
    first = services.meeting_request_accept(actor=b.person, request=ask(a, b), slot_id=slot.pk)
    meeting = services.meeting_request_accept(
        actor=uz.person, request=ask(ru, uz), slot_id=str(slot.pk)
    )
    assert (first.table.number, meeting.table.number) == (1, 2)
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.sequence) == (slot, 1)
    assert sorted(
        Booking.objects.filter(meeting=meeting).values_list("registration_id", "slot_id")
    ) == [(ru.pk, slot.pk), (uz.pk, slot.pk)]
    request = MeetingRequest.objects.get(pk=meeting.request_id)
    assert trail(request)[-1] == ("meeting.accept", uz.person, {"slot": slot.pk})


def test_a_cancelled_meetings_table_is_free_again(ru, uz, event):
    slot = slots(event)[0]
    pairs = [(stranger(event, "RU"), stranger(event, "UZ")) for _ in range(3)]
    meetings = [
        services.meeting_request_accept(actor=b.person, request=ask(a, b), slot_id=slot.pk)
        for a, b in pairs
    ]
    services.meeting_cancel(actor=pairs[1][0].person, meeting=meetings[1])
    meeting = services.meeting_request_accept(actor=uz.person, request=ask(ru, uz), slot_id=slot.pk)
    assert meeting.table.number == 2


def test_decline_records_the_time_audits_and_tells_the_sender(ru, uz, event, clock, run_on_commit):
    request = ask(ru, uz)
    clock.at(NOW + timedelta(minutes=5))
    with run_on_commit():
        answered = services.meeting_request_decline(actor=uz.person, request=request)
    assert answered.status == RequestStatus.DECLINED
    request.refresh_from_db()
    assert (request.status, request.answered_at) == (
        RequestStatus.DECLINED,
        NOW + timedelta(minutes=5),
    )
    assert not Meeting.objects.exists()
    assert trail(request)[-1] == ("meeting.decline", uz.person, {})
    assert told("partnering/email/meeting_answered") == [
        (
            ru.person,
            {
                "event": "B2B meetings",
                "other": str(uz.organisation),
                "status": "Declined",
                "url": url(event),
                "name": ru.person.display_name,
            },
        )
    ]


def test_only_the_recipients_side_answers(ru, uz, uz_org):
    request = ask(ru, uz)
    for answer in (services.meeting_request_accept, services.meeting_request_decline):
        with pytest.raises(PermissionDenied):
            answer(actor=ru.person, request=request)
    assert services.meeting_request_decline(actor=member_of(uz_org), request=request).status == (
        RequestStatus.DECLINED
    )


def test_a_request_expires_at_its_time_to_the_microsecond(ru, uz, clock):
    request = ask(ru, uz)
    clock.at(request.expires_at - TICK)
    assert services.meeting_request_decline(actor=uz.person, request=request).status == (
        RequestStatus.DECLINED
    )
    MeetingRequest.objects.filter(pk=request.pk).update(status=RequestStatus.PENDING)
    clock.at(request.expires_at)
    for answer in (services.meeting_request_accept, services.meeting_request_decline):
        with pytest.raises(ValidationError) as caught:
            answer(actor=uz.person, request=request)
        assert (caught.value.code, caught.value.messages) == (
            "expired",
            ["This request has expired."],
        )
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING and not Meeting.objects.exists()


def test_an_answered_request_says_how_it_was_answered_even_past_its_expiry(ru, uz, clock):
    request = ask(ru, uz)
    services.meeting_request_decline(actor=uz.person, request=request)
    clock.at(NOW + timedelta(days=30))
    with pytest.raises(ValidationError) as caught:
        services.meeting_request_accept(actor=uz.person, request=request)
    assert (caught.value.code, caught.value.messages) == (
        "answered",
        ["This request has already been answered (Declined)."],
    )


# --- placing --------------------------------------------------------------------------------


def test_a_clash_names_the_person_who_is_busy_with_the_code_taken(ru, uz, event):
    first, second = slots(event)[:2]
    event_services.slots_unavailable_set(
        actor=ru.person, registration=ru, slot_ids=[first.pk], unavailable=True
    )
    request = ask(ru, uz)
    with pytest.raises(ValidationError) as caught:
        services.meeting_request_accept(actor=uz.person, request=request, slot_id=first.pk)
    assert refusal(caught) == {
        "slot": [(f"{ru.person.display_name} is not available at this time.", "taken")]
    }
    third = stranger(event)
    services.meeting_request_accept(actor=third.person, request=ask(uz, third), slot_id=second.pk)
    with pytest.raises(ValidationError) as caught:
        services.meeting_request_accept(actor=uz.person, request=request, slot_id=second.pk)
    assert refusal(caught) == {
        "slot": [(f"{uz.person.display_name} already has a meeting at this time.", "taken")]
    }
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_a_slot_of_another_event_is_refused_by_place(ru, uz, event):
    meeting = services.meeting_request_accept(actor=uz.person, request=ask(ru, uz))
    with pytest.raises(ValidationError) as caught:
        services.place(meeting, event_made().slots.first())
    assert caught.value.message_dict == {"slot": ["This time is not one of the event's slots."]}
    assert not Booking.objects.exists()


def test_when_every_table_is_taken_the_slot_is_refused(ru, uz, event):
    slot = slots(event)[0]
    for _ in range(3):
        a, b = stranger(event, "RU"), stranger(event, "UZ")
        services.meeting_request_accept(actor=b.person, request=ask(a, b), slot_id=slot.pk)
    with pytest.raises(ValidationError) as caught:
        services.meeting_request_accept(actor=uz.person, request=ask(ru, uz), slot_id=slot.pk)
    assert refusal(caught) == {"slot": [("No table is free at this time.", "taken")]}


def test_the_database_refusal_of_a_parallel_booking_reads_as_taken(ru, uz, event, monkeypatch):
    meeting = services.meeting_request_accept(actor=uz.person, request=ask(ru, uz))

    def taken(objects, **kwargs):
        raise IntegrityError("partnering_booking_person_slot")

    monkeypatch.setattr(Booking.objects, "bulk_create", taken)
    with pytest.raises(ValidationError) as caught:
        services.place(meeting, slots(event)[0])
    assert refusal(caught) == {
        "slot": [("Someone has just taken this time. Choose another.", "taken")]
    }
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table, meeting.sequence) == (None, None, 0)


def test_staff_move_a_meeting_to_another_slot_and_table(ru, uz, event, moderator):
    first, second = slots(event)[:2]
    meeting = services.meeting_request_accept(
        actor=uz.person, request=ask(ru, uz), slot_id=first.pk
    )
    table = event.table_set.get(number=3)
    with pytest.raises(PermissionDenied):
        services.meeting_place(actor=uz.person, meeting=meeting, slot_id=second.pk)
    moved = services.meeting_place(actor=moderator, meeting=meeting, slot_id=second.pk, table=table)
    moved.refresh_from_db()
    assert (moved.slot, moved.table, moved.sequence) == (second, table, 2)
    assert sorted(Booking.objects.values_list("registration_id", "slot_id")) == [
        (ru.pk, second.pk),
        (uz.pk, second.pk),
    ]
    assert trail(moved) == [("meeting.place", moderator, {"slot": second.pk})]
    # Placing it again where it is clashes with nothing: its own bookings are not a clash.
    again = services.meeting_place(actor=moderator, meeting=meeting, slot_id=second.pk, table=table)
    again.refresh_from_db()
    assert (again.slot, again.table, again.sequence) == (second, table, 3)
    assert Booking.objects.count() == 2


def test_a_taken_or_foreign_table_is_refused_at_the_table(ru, uz, event, moderator):
    slot = slots(event)[0]
    a, b = stranger(event, "RU"), stranger(event, "UZ")
    busy = services.meeting_request_accept(actor=b.person, request=ask(a, b), slot_id=slot.pk)
    meeting = services.meeting_request_accept(actor=uz.person, request=ask(ru, uz))
    foreign = event_made().table_set.get(number=2)
    for table in (busy.table, foreign):
        with pytest.raises(ValidationError) as caught:
            services.meeting_place(actor=moderator, meeting=meeting, slot_id=slot.pk, table=table)
        assert refusal(caught) == {"table": [("This table is taken at this time.", "taken")]}
    free = event.table_set.get(number=2)
    placed = services.meeting_place(actor=moderator, meeting=meeting, slot_id=slot.pk, table=free)
    assert placed.table == free


def test_a_cancelled_meeting_is_not_placed(ru, uz, event, moderator):
    meeting = services.meeting_request_accept(actor=uz.person, request=ask(ru, uz))
    services.meeting_cancel(actor=moderator, meeting=meeting)
    with pytest.raises(ValidationError) as caught:
        services.meeting_place(actor=moderator, meeting=meeting, slot_id=slots(event)[0].pk)
    assert (caught.value.code, caught.value.messages) == (
        "cancelled",
        ["This meeting is cancelled."],
    )
    assert not Booking.objects.exists()


# --- cancelling -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["sender", "recipient", "staff"])
def test_either_side_or_staff_cancel_and_only_that_meetings_bookings_go(
    ru, uz, event, moderator, who
):
    slot = slots(event)[0]
    meeting = services.meeting_request_accept(actor=uz.person, request=ask(ru, uz), slot_id=slot.pk)
    a, b = stranger(event, "RU"), stranger(event, "UZ")
    other = services.meeting_request_accept(actor=b.person, request=ask(a, b), slot_id=slot.pk)
    actor = {"sender": ru.person, "recipient": uz.person, "staff": moderator}[who]
    cancelled = services.meeting_cancel(actor=actor, meeting=meeting)
    assert cancelled.status == MeetingStatus.CANCELLED
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 2)
    assert MeetingRequest.objects.get(pk=meeting.request_id).status == RequestStatus.CANCELLED
    assert MeetingRequest.objects.get(pk=other.request_id).status == RequestStatus.ACCEPTED
    assert sorted(Booking.objects.values_list("registration_id", flat=True)) == sorted([a.pk, b.pk])
    assert trail(meeting) == [("meeting.cancel", actor, {})]


def test_an_outsider_may_not_cancel(ru, uz, event):
    meeting = services.meeting_request_accept(
        actor=uz.person, request=ask(ru, uz), slot_id=slots(event)[0].pk
    )
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(actor=stranger(event).person, meeting=meeting)
    meeting.refresh_from_db()
    assert (meeting.status, Booking.objects.count()) == (MeetingStatus.SCHEDULED, 2)


# --- running late and the day's marks -------------------------------------------------------


def test_running_late_names_the_late_side_and_tells_the_other(ru, uz, event, clock, run_on_commit):
    meeting = services.meeting_request_accept(
        actor=uz.person, request=ask(ru, uz), slot_id=slots(event)[0].pk
    )
    clock.at(NOW + timedelta(minutes=3))
    with run_on_commit():
        services.meeting_running_late(actor=uz.person, meeting=meeting, minutes="5")
    meeting.refresh_from_db()
    note = f"{uz.person.display_name} is running 5 minutes late."
    assert (meeting.late_note, meeting.late_at) == (note, NOW + timedelta(minutes=3))
    assert trail(meeting) == [("meeting.late", uz.person, {"minutes": 5})]
    assert told("partnering/email/meeting_late") == [
        (ru.person, {"note": note, "url": url(event), "name": ru.person.display_name})
    ]
    with run_on_commit():
        services.meeting_running_late(actor=ru.person, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.late_note == f"{ru.person.display_name} is running 10 minutes late."
    assert [person for person, _ in told("partnering/email/meeting_late")] == [
        ru.person,
        uz.person,
    ]


def test_late_by_one_to_sixty_minutes_only(ru, uz, event):
    meeting = services.meeting_request_accept(
        actor=uz.person, request=ask(ru, uz), slot_id=slots(event)[0].pk
    )
    for minutes in (0, 61, -5):
        with pytest.raises(ValidationError) as caught:
            services.meeting_running_late(actor=ru.person, meeting=meeting, minutes=minutes)
        assert caught.value.message_dict == {"minutes": ["Between 1 and 60 minutes."]}
    for minutes in (1, 60):
        services.meeting_running_late(actor=ru.person, meeting=meeting, minutes=minutes)
        meeting.refresh_from_db()
        assert f"running {minutes} minutes late" in meeting.late_note


def test_only_a_scheduled_meeting_with_a_time_can_be_late(ru, uz, event, moderator):
    unplaced = services.meeting_request_accept(actor=uz.person, request=ask(ru, uz))
    a, b = stranger(event, "RU"), stranger(event, "UZ")
    held = services.meeting_request_accept(
        actor=b.person, request=ask(a, b), slot_id=slots(event)[0].pk
    )
    services.meeting_status_set(actor=moderator, meeting=held, status=MeetingStatus.HELD)
    held.refresh_from_db()
    for meeting, actor in ((unplaced, ru.person), (held, a.person)):
        with pytest.raises(ValidationError) as caught:
            services.meeting_running_late(actor=actor, meeting=meeting)
        assert (caught.value.code, caught.value.messages) == (
            "state",
            ["Only a scheduled meeting can be late."],
        )
    with pytest.raises(PermissionDenied):
        services.meeting_running_late(actor=moderator, meeting=held)
    assert not Meeting.objects.exclude(late_note="").exists()


@pytest.mark.parametrize(
    "status", [MeetingStatus.HELD, MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED]
)
def test_staff_mark_held_no_show_or_scheduled(ru, uz, event, moderator, status):
    meeting = services.meeting_request_accept(
        actor=uz.person, request=ask(ru, uz), slot_id=slots(event)[0].pk
    )
    marked = services.meeting_status_set(actor=moderator, meeting=meeting, status=status)
    assert marked.status == status
    meeting.refresh_from_db()
    assert meeting.status == status
    assert trail(meeting) == [(f"meeting.{status}", moderator, {})]


def test_marks_are_staffs_and_only_for_a_placed_live_meeting(ru, uz, event, moderator):
    meeting = services.meeting_request_accept(actor=uz.person, request=ask(ru, uz))
    with pytest.raises(PermissionDenied):
        services.meeting_status_set(actor=uz.person, meeting=meeting, status=MeetingStatus.HELD)
    with pytest.raises(ValidationError) as caught:
        services.meeting_status_set(
            actor=moderator, meeting=meeting, status=MeetingStatus.CANCELLED
        )
    assert caught.value.message_dict == {"status": ["Choose held, no-show or scheduled."]}
    with pytest.raises(ValidationError) as caught:
        services.meeting_status_set(actor=moderator, meeting=meeting, status=MeetingStatus.HELD)
    assert (caught.value.code, caught.value.messages) == (
        "state",
        ["Only a scheduled meeting can be marked."],
    )
    services.meeting_place(actor=moderator, meeting=meeting, slot_id=slots(event)[0].pk)
    services.meeting_cancel(actor=moderator, meeting=meeting)
    with pytest.raises(ValidationError, match=r"Only a scheduled meeting can be marked\."):
        services.meeting_status_set(actor=moderator, meeting=meeting, status=MeetingStatus.HELD)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


# --- the clock ------------------------------------------------------------------------------


def test_the_clock_expires_requests_at_their_time_to_the_microsecond(ru, uz, event):
    due = ask(ru, uz)
    later = ask(ru, stranger(event))
    MeetingRequest.objects.filter(pk=due.pk).update(expires_at=NOW, reminded_at=NOW)
    MeetingRequest.objects.filter(pk=later.pk).update(expires_at=NOW + TICK, reminded_at=NOW)
    answered = ask(uz, stranger(event))
    MeetingRequest.objects.filter(pk=answered.pk).update(
        status=RequestStatus.DECLINED, expires_at=NOW - timedelta(days=1), answered_at=None
    )
    assert services.meetings_tick(now=NOW) == {"meetings_reminded": 0, "meetings_expired": 1}
    rows = {r.pk: (r.status, r.answered_at) for r in MeetingRequest.objects.all()}
    assert rows == {
        due.pk: (RequestStatus.EXPIRED, NOW),
        later.pk: (RequestStatus.PENDING, None),
        answered.pk: (RequestStatus.DECLINED, None),
    }


def test_the_clock_reminds_once_from_half_time_and_tells_the_recipient(
    ru, uz, event, run_on_commit
):
    due = ask(ru, uz)
    early = ask(uz, stranger(event))
    start = NOW - timedelta(days=1)
    MeetingRequest.objects.filter(pk=due.pk).update(
        created_at=start, expires_at=start + timedelta(days=2)
    )
    MeetingRequest.objects.filter(pk=early.pk).update(
        created_at=start + TICK * 2, expires_at=start + timedelta(days=2)
    )
    Notification.objects.all().delete()
    with run_on_commit():
        assert services.meetings_tick(now=NOW) == {"meetings_reminded": 1, "meetings_expired": 0}
    due.refresh_from_db()
    early.refresh_from_db()
    assert (due.reminded_at, due.status, early.reminded_at) == (NOW, RequestStatus.PENDING, None)
    assert told("partnering/email/meeting_reminder") == [
        (
            uz.person,
            {
                "event": "B2B meetings",
                "sender": str(ru.organisation),
                "url": url(event),
                "name": uz.person.display_name,
            },
        )
    ]
    with run_on_commit():
        assert services.meetings_tick(now=NOW) == {"meetings_reminded": 0, "meetings_expired": 0}
    assert Notification.objects.count() == 1


def test_the_clock_counts_every_reminder(ru, uz, event):
    for recipient in (uz, stranger(event)):
        request = ask(ru, recipient)
        MeetingRequest.objects.filter(pk=request.pk).update(
            created_at=NOW - timedelta(days=1), expires_at=NOW + timedelta(hours=1)
        )
    assert services.meetings_tick(now=NOW) == {"meetings_reminded": 2, "meetings_expired": 0}
    assert MeetingRequest.objects.filter(reminded_at=NOW).count() == 2


def test_the_clock_leaves_answered_requests_unreminded(ru, uz):
    request = ask(ru, uz)
    services.meeting_request_decline(actor=uz.person, request=request)
    MeetingRequest.objects.filter(pk=request.pk).update(
        created_at=NOW - timedelta(days=1, hours=12), expires_at=NOW + timedelta(hours=12)
    )
    assert services.meetings_tick(now=NOW) == {"meetings_reminded": 0, "meetings_expired": 0}
    assert MeetingRequest.objects.get(pk=request.pk).reminded_at is None


def test_the_clock_reads_the_time_itself_when_not_given(ru, uz):
    request = ask(ru, uz)
    MeetingRequest.objects.filter(pk=request.pk).update(expires_at=datetime(2020, 1, 1, tzinfo=UTC))
    assert services.meetings_tick() == {"meetings_reminded": 0, "meetings_expired": 1}


def test_tables_are_told_apart_from_meetings_by_their_own_ids(ru, uz):
    # The fixture's event holds tables 1-3, so this one's tables have other ids than its meetings.
    event = event_made()
    slot = slots(event)[0]
    a, b, c, d = (stranger(event, country) for country in ("RU", "UZ", "RU", "UZ"))
    first = services.meeting_request_accept(actor=b.person, request=ask(a, b), slot_id=slot.pk)
    second = services.meeting_request_accept(actor=d.person, request=ask(c, d), slot_id=slot.pk)
    assert (first.table.number, second.table.number) == (1, 2)
    assert {first.table.event_id, second.table.event_id} == {event.pk}


def test_a_late_note_on_a_stale_copy_does_not_undo_a_move(ru, uz, event, moderator):
    first, second = slots(event)[:2]
    meeting = services.meeting_request_accept(
        actor=uz.person, request=ask(ru, uz), slot_id=first.pk
    )
    stale = Meeting.objects.select_related("request__sender", "request__recipient").get(
        pk=meeting.pk
    )
    services.meeting_place(actor=moderator, meeting=meeting, slot_id=second.pk)
    services.meeting_running_late(actor=ru.person, meeting=stale, minutes=5)
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.sequence) == (second, 2)
    assert meeting.late_note.endswith("is running 5 minutes late.")


def test_the_clock_skips_what_another_tick_or_an_answer_changed_meanwhile(
    ru, uz, event, monkeypatch
):
    """Another tick may remind, or the recipient answer, after this tick listed the requests:
    the guarded update skips those and the tick goes on to the next."""
    senders = [stranger(event) for _ in range(4)]
    first, second, third, fourth = (ask(sender, uz) for sender in senders)
    MeetingRequest.objects.update(
        created_at=NOW - timedelta(days=1), expires_at=NOW + timedelta(hours=1)
    )
    earlier = NOW - timedelta(minutes=10)
    notify = services.notify_people
    meanwhile = [
        lambda: MeetingRequest.objects.filter(pk=third.pk).update(reminded_at=earlier),
        lambda: MeetingRequest.objects.filter(pk=second.pk).update(status=RequestStatus.DECLINED),
    ]

    def and_meanwhile(people, **kwargs):
        while meanwhile:
            meanwhile.pop()()
        return notify(people, **kwargs)

    monkeypatch.setattr(services, "notify_people", and_meanwhile)
    # Newest first: the fourth is reminded, then the third and second have changed.
    assert services.meetings_tick(now=NOW) == {"meetings_reminded": 2, "meetings_expired": 0}
    rows = {r.pk: (r.status, r.reminded_at) for r in MeetingRequest.objects.all()}
    assert rows == {
        first.pk: (RequestStatus.PENDING, NOW),
        second.pk: (RequestStatus.DECLINED, None),
        third.pk: (RequestStatus.PENDING, earlier),
        fourth.pk: (RequestStatus.PENDING, NOW),
    }

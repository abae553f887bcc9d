"""Staff run the scheduler: every accepted meeting without a slot is placed (draft, unpublished)
by the CP-SAT solver around what is already booked; staff then adjust and publish the agenda."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db import transaction

from bridge.core.audit import audit_log
from bridge.partnering import rules
from bridge.partnering.models import Booking, Event, Meeting
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.scheduling.solve import Problem, solve


@transaction.atomic
def agenda_draft(*, actor, event: Event, seconds: float = 10.0) -> dict[str, int]:
    if not rules.can_run_events(actor):
        raise PermissionDenied
    # One scheduler run per event at a time; placements by hand wait for it.
    event = Event.objects.select_for_update().get(pk=event.pk)
    todo = list(
        Meeting.objects.filter(event=event, slot__isnull=True, status=MeetingStatus.SCHEDULED)
        .select_related("request")
        .select_for_update(of=("self",))
    )
    slots = list(event.slots.order_by("starts_at"))
    tables = list(event.table_set.order_by("number"))
    used = defaultdict(set)
    for slot_id, table_id in (
        Meeting.objects.filter(event=event, slot__isnull=False)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("slot_id", "table_id")
    ):
        used[slot_id].add(table_id)
    problem = Problem(
        meetings={m.pk: (m.request.sender_id, m.request.recipient_id) for m in todo},
        slots=[s.pk for s in slots],
        day_of={s.pk: s.day for s in slots},
        capacity={s.pk: len(tables) - len(used[s.pk]) for s in slots},
        busy=set(
            Booking.objects.filter(slot__event=event).values_list("registration_id", "slot_id")
        ),
    )
    result = solve(problem, seconds=seconds)
    by_id = {m.pk: m for m in todo}
    bookings = []
    for meeting_id, slot_id in sorted(result.placed.items()):
        meeting = by_id[meeting_id]
        table = next(t for t in tables if t.pk not in used[slot_id])
        used[slot_id].add(table.pk)
        meeting.slot_id, meeting.table_id = slot_id, table.pk
        meeting.sequence += 1
        bookings += [
            Booking(registration_id=person, slot_id=slot_id, meeting=meeting)
            for person in problem.meetings[meeting_id]
        ]
    Meeting.objects.bulk_update(by_id.values(), ["slot", "table", "sequence"])
    Booking.objects.bulk_create(bookings)
    summary = {
        "placed": len(result.placed),
        "unplaced": len(todo) - len(result.placed),
        "bound": result.bound,
        "idle_gaps": result.gaps,
    }
    audit_log(actor=actor, action="event.schedule", target=event, **summary)
    return summary

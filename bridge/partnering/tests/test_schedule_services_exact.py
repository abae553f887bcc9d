"""Staff's scheduler run (agenda_draft), to the exact value: the problem handed to the solver
(who meets whom, the slots in time order, each slot's day, the free tables per slot around what
is booked, cancelled meetings freeing theirs, the busy person-slots of this event only, the time
allowed), each placed meeting's slot, its table (the lowest-numbered free one, placed in meeting
order), its calendar sequence and both people's bookings, what is left alone (unplaced,
cancelled, already placed, other events), the summary and its audit row, and who may run it.
The solver is replaced by a recorder here so that its choices are fixed; one run uses the real
one. Written for issue 18."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import trail
from bridge.partnering.models import Booking, Meeting
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.scheduling.solve import Result
from bridge.partnering.services import schedule as services
from bridge.partnering.tests.factories import accepted_request, event_made, registered

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]


def meeting(event, sender, recipient, **fields):
    return Meeting.objects.create(
        event=event, request=accepted_request(event, sender, recipient), **fields
    )


class Solver:
    """Stands in for solve(): records the problem and places as told."""

    def __init__(self, placed, bound=0, gaps=0):
        self.placed, self.bound, self.gaps = placed, bound, gaps
        self.calls = []

    def __call__(self, problem, *, seconds):
        self.calls.append((problem, seconds))
        return Result(
            placed=dict(self.placed()),
            bound=self.bound,
            gaps=self.gaps,
            seconds=0.0,
            optimal=True,
            method="test",
        )


@pytest.fixture
def world():
    """An event with two tables; five registrations; a fixed meeting at slot 0 (table 1), a
    cancelled one that held slot 1 (table 1); four meetings to place, one cancelled without a
    slot; a person unavailable at slot 2; and a second event with its own open meeting."""
    event = event_made(tables=2)
    orgs = [OrganisationFactory() for _ in range(5)]
    ru, uz, kz, tj, kg = (registered(event, org) for org in orgs)
    slots = list(event.slots.order_by("starts_at"))
    table_1, table_2 = event.table_set.order_by("number")
    fixed = meeting(event, kz, ru, slot=slots[0], table=table_1, sequence=2)
    Booking.objects.create(registration=kz, slot=slots[0], meeting=fixed)
    Booking.objects.create(registration=ru, slot=slots[0], meeting=fixed)
    cancelled_placed = meeting(
        event, tj, kg, slot=slots[1], table=table_1, status=MeetingStatus.CANCELLED
    )
    Booking.objects.create(registration=uz, slot=slots[2])  # marked unavailable
    todo = {
        "ru-uz": meeting(event, ru, uz, sequence=4),
        "kz-uz": meeting(event, kz, uz),
        "ru-tj": meeting(event, ru, tj),
        "kz-kg": meeting(event, kz, kg),
        "uz-kg": meeting(event, uz, kg, sequence=1),
    }
    cancelled_open = meeting(event, uz, tj, status=MeetingStatus.CANCELLED)
    held_open = meeting(event, tj, kz, status=MeetingStatus.HELD)
    other = event_made(tables=1)
    a, b = registered(other, orgs[0]), registered(other, orgs[1])
    other_meeting = meeting(other, a, b)
    Booking.objects.create(registration=a, slot=other.slots.order_by("starts_at").first())
    return {
        "event": event,
        "regs": {"ru": ru, "uz": uz, "kz": kz, "tj": tj, "kg": kg},
        "slots": slots,
        "tables": (table_1, table_2),
        "fixed": fixed,
        "cancelled_placed": cancelled_placed,
        "todo": todo,
        "untouched": [cancelled_open, held_open, other_meeting],
    }


def state(m) -> tuple:
    m.refresh_from_db()
    return m.slot_id, m.table_id, m.sequence, m.published, m.status


def test_the_solver_gets_the_exact_problem(moderator, world, monkeypatch):
    solver = Solver(lambda: {})
    monkeypatch.setattr(services, "solve", solver)
    services.agenda_draft(actor=moderator, event=world["event"], seconds=3.5)
    [(problem, seconds)] = solver.calls
    regs, slots, todo = world["regs"], world["slots"], world["todo"]
    assert seconds == 3.5
    assert problem.meetings == {
        todo["ru-uz"].pk: (regs["ru"].pk, regs["uz"].pk),
        todo["kz-uz"].pk: (regs["kz"].pk, regs["uz"].pk),
        todo["ru-tj"].pk: (regs["ru"].pk, regs["tj"].pk),
        todo["kz-kg"].pk: (regs["kz"].pk, regs["kg"].pk),
        todo["uz-kg"].pk: (regs["uz"].pk, regs["kg"].pk),
    }
    assert problem.slots == [s.pk for s in slots] and len(slots) == 10
    assert problem.day_of == {s.pk: s.day for s in slots}
    assert len(set(problem.day_of.values())) == 2
    assert problem.capacity == {s.pk: 1 if s == slots[0] else 2 for s in slots}
    assert problem.busy == {
        (regs["kz"].pk, slots[0].pk),
        (regs["ru"].pk, slots[0].pk),
        (regs["uz"].pk, slots[2].pk),
    }


def test_the_default_time_allowed_is_ten_seconds(moderator, world, monkeypatch):
    solver = Solver(lambda: {})
    monkeypatch.setattr(services, "solve", solver)
    services.agenda_draft(actor=moderator, event=world["event"])
    assert solver.calls[0][1] == 10.0


def test_slots_are_handed_over_in_time_order_whatever_their_ids(moderator, world, monkeypatch):
    slots = world["slots"]
    first, last = slots[0], slots[-1]
    times = (first.starts_at, first.ends_at), (last.starts_at, last.ends_at)
    away = timedelta(days=400)
    first.starts_at, first.ends_at = times[0][0] + away, times[0][1] + away
    first.save(update_fields=["starts_at", "ends_at"])
    (last.starts_at, last.ends_at), (first.starts_at, first.ends_at) = times
    last.save(update_fields=["starts_at", "ends_at"])
    first.save(update_fields=["starts_at", "ends_at"])
    solver = Solver(lambda: {})
    monkeypatch.setattr(services, "solve", solver)
    services.agenda_draft(actor=moderator, event=world["event"])
    handed = solver.calls[0][0].slots
    assert handed[0] == last.pk and handed[-1] == first.pk


def test_placed_meetings_get_their_slot_the_first_free_table_a_new_sequence_and_bookings(
    moderator, world, monkeypatch
):
    todo, slots, regs = world["todo"], world["slots"], world["regs"]
    table_1, table_2 = world["tables"]
    # Given out of meeting order on purpose: the lower meeting id gets the lower table.
    placed = {
        todo["kz-kg"].pk: slots[3].pk,
        todo["ru-tj"].pk: slots[3].pk,
        todo["kz-uz"].pk: slots[1].pk,
        todo["uz-kg"].pk: slots[0].pk,
    }
    monkeypatch.setattr(services, "solve", Solver(lambda: placed, bound=5, gaps=3))
    summary = services.agenda_draft(actor=moderator, event=world["event"], seconds=1)
    assert summary == {"placed": 4, "unplaced": 1, "bound": 5, "idle_gaps": 3}
    draft = (False, MeetingStatus.SCHEDULED)
    assert state(todo["uz-kg"]) == (slots[0].pk, table_2.pk, 2, *draft)  # table 1 is fixed's
    assert state(todo["kz-uz"]) == (slots[1].pk, table_1.pk, 1, *draft)  # cancelled frees it
    assert state(todo["ru-tj"]) == (slots[3].pk, table_1.pk, 1, *draft)
    assert state(todo["kz-kg"]) == (slots[3].pk, table_2.pk, 1, *draft)
    assert state(todo["ru-uz"]) == (None, None, 4, *draft)
    assert state(world["fixed"]) == (slots[0].pk, table_1.pk, 2, *draft)
    assert state(world["cancelled_placed"])[:3] == (slots[1].pk, table_1.pk, 0)
    assert [state(m)[:3] for m in world["untouched"]] == [(None, None, 0)] * 3
    new = Booking.objects.filter(meeting__in=[m.pk for m in todo.values()])
    assert sorted(new.values_list("registration_id", "slot_id", "meeting_id")) == sorted(
        [
            (regs["uz"].pk, slots[0].pk, todo["uz-kg"].pk),
            (regs["kg"].pk, slots[0].pk, todo["uz-kg"].pk),
            (regs["kz"].pk, slots[1].pk, todo["kz-uz"].pk),
            (regs["uz"].pk, slots[1].pk, todo["kz-uz"].pk),
            (regs["ru"].pk, slots[3].pk, todo["ru-tj"].pk),
            (regs["tj"].pk, slots[3].pk, todo["ru-tj"].pk),
            (regs["kz"].pk, slots[3].pk, todo["kz-kg"].pk),
            (regs["kg"].pk, slots[3].pk, todo["kz-kg"].pk),
        ]
    )
    assert Booking.objects.count() == 3 + 1 + 8
    assert trail(world["event"]) == [("event.schedule", moderator, summary)]


def test_nothing_placed_is_still_summarised_and_audited(moderator, world, monkeypatch):
    monkeypatch.setattr(services, "solve", Solver(lambda: {}, bound=0, gaps=0))
    summary = services.agenda_draft(actor=moderator, event=world["event"])
    assert summary == {"placed": 0, "unplaced": 5, "bound": 0, "idle_gaps": 0}
    assert trail(world["event"]) == [("event.schedule", moderator, summary)]
    assert Booking.objects.count() == 4


def test_the_real_solver_places_a_meeting_on_the_only_table(moderator):
    event = event_made(tables=1, days=1)
    ru, uz = registered(event, OrganisationFactory()), registered(event, OrganisationFactory())
    slots = list(event.slots.order_by("starts_at"))
    for slot in slots[:-1]:
        Booking.objects.create(registration=uz, slot=slot)  # free only in the last slot
    open_one = meeting(event, ru, uz)
    summary = services.agenda_draft(actor=moderator, event=event, seconds=2)
    assert (summary["placed"], summary["unplaced"], summary["bound"]) == (1, 0, 1)
    table = event.table_set.get()
    assert state(open_one)[:3] == (slots[-1].pk, table.pk, 1)
    assert trail(event) == [("event.schedule", moderator, summary)]


@pytest.mark.parametrize("who", ["analyst", "member", "anonymous"])
def test_only_staff_who_run_events_run_the_scheduler(who, analyst, member, world, monkeypatch):
    solver = Solver(lambda: {})
    monkeypatch.setattr(services, "solve", solver)
    actor = {"analyst": analyst, "member": member, "anonymous": AnonymousUser()}[who]
    with pytest.raises(PermissionDenied):
        services.agenda_draft(actor=actor, event=world["event"], seconds=1)
    assert solver.calls == [] and not AuditEntry.objects.exists()
    assert [state(m)[:3] for m in world["todo"].values()] == [
        (None, None, 4),
        (None, None, 0),
        (None, None, 0),
        (None, None, 0),
        (None, None, 1),
    ]

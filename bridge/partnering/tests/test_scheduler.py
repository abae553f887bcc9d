"""The scheduler: hard rules always hold, the count is the most possible (proved by the bound),
the greedy baseline can do worse, and staff's run places meetings as a draft around what is
already booked."""

import pytest
from django.core.exceptions import PermissionDenied

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.partnering.models import Booking, Meeting, MeetingRequest
from bridge.partnering.scheduling.solve import Problem, greedy, idle_gaps, solve, upper_bound
from bridge.partnering.services import events as event_services
from bridge.partnering.services import meetings as services
from bridge.partnering.services.schedule import agenda_draft
from bridge.partnering.tests.factories import event_made, registered


def _valid(problem: Problem, placed: dict[int, int]) -> None:
    seen = set()
    per_slot = {}
    for meeting, slot in placed.items():
        for person in problem.meetings[meeting]:
            assert (person, slot) not in problem.busy
            assert (person, slot) not in seen
            seen.add((person, slot))
        per_slot[slot] = per_slot.get(slot, 0) + 1
    assert all(count <= problem.capacity[slot] for slot, count in per_slot.items())


@pytest.mark.unit
def test_the_solver_beats_first_free_slot_where_order_matters():
    # Person 0 meets 1 and 2; 1 is free only in slot 0. Greedy gives slot 0 to (0, 2) first.
    problem = Problem(
        meetings={1: (0, 2), 2: (0, 1)},
        slots=[0, 1],
        day_of={0: 0, 1: 0},
        capacity={0: 1, 1: 1},
        busy={(1, 1)},
    )
    assert len(greedy(problem).placed) == 1
    result = solve(problem, seconds=3)
    assert result.placed == {1: 1, 2: 0} and result.optimal and result.bound == 2
    _valid(problem, result.placed)


@pytest.mark.unit
def test_the_bound_counts_each_persons_free_slots():
    # One person asked by five, with three free slots: at most three meetings can happen.
    problem = Problem(
        meetings={n: (0, n) for n in range(1, 6)},
        slots=[0, 1, 2, 3],
        day_of=dict.fromkeys(range(4), 0),
        capacity=dict.fromkeys(range(4), 5),
        busy={(0, 3)},
    )
    assert upper_bound(problem) == 3
    result = solve(problem, seconds=3)
    assert len(result.placed) == 3 and result.optimal
    _valid(problem, result.placed)


@pytest.mark.unit
def test_idle_gaps_are_counted_per_person_and_day_and_compacted():
    problem = Problem(
        meetings={1: (0, 1), 2: (0, 2)},
        slots=[0, 1, 2, 3],
        day_of={0: 0, 1: 0, 2: 1, 3: 1},
        capacity=dict.fromkeys(range(4), 1),
        busy={(1, 1), (2, 0), (2, 1)},
    )
    assert idle_gaps(problem, {1: 0, 2: 2}) == 0  # different days: no gap
    spread = Problem(
        meetings={1: (0, 1), 2: (0, 2)},
        slots=[0, 1, 2],
        day_of=dict.fromkeys(range(3), 0),
        capacity=dict.fromkeys(range(3), 1),
        busy={(2, 0)},
    )
    assert idle_gaps(spread, {1: 0, 2: 2}) == 1
    result = solve(spread, seconds=4)
    assert len(result.placed) == 2 and result.gaps == 0
    _valid(spread, result.placed)


@pytest.mark.integration
def test_staff_run_the_scheduler_around_booked_and_unavailable_slots(moderator, ru_org, uz_org):
    event = event_made(tables=1)
    ru = registered(event, ru_org)
    uz = registered(event, uz_org)
    kz = registered(event, OrganisationFactory(country="KZ"))
    slots = list(event.slots.order_by("starts_at"))
    event_services.slots_unavailable_set(
        actor=uz.person, registration=uz, slot_ids=[slots[0].pk], unavailable=True
    )

    def accepted(a, b, slot=None):
        request = services.meeting_request_send(
            actor=a.person, sender=a, recipient=b, message="Обсудим?"
        )
        return services.meeting_request_accept(
            actor=b.person, request=request, slot_id=slot and slot.pk
        )

    fixed = accepted(kz, ru, slots[1])
    open_ones = [accepted(ru, uz), accepted(kz, uz)]
    with pytest.raises(PermissionDenied):
        agenda_draft(actor=ru.person, event=event, seconds=2)
    summary = agenda_draft(actor=moderator, event=event, seconds=2)
    assert summary["placed"] == 2 and summary["unplaced"] == 0
    for meeting in open_ones:
        meeting.refresh_from_db()
        assert meeting.slot not in (None, slots[0], slots[1]) and not meeting.published
    # No one twice in a slot, no table twice: the constraints held every row.
    assert Booking.objects.filter(meeting__isnull=False).count() == 6
    assert Meeting.objects.filter(slot__isnull=False).count() == 3
    fixed.refresh_from_db()
    assert fixed.slot == slots[1]
    assert AuditEntry.objects.filter(action="event.schedule").exists()
    assert event_services.agenda_publish(actor=moderator, event=event) == 3
    assert MeetingRequest.objects.count() == 3

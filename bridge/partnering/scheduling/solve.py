"""Place accepted meetings in slots: nobody in two meetings at once, no more meetings in a slot
than it has free tables, none in a slot either side marked unavailable. Goal: as many meetings
as possible, then as few idle gaps per person as possible.

Tables are interchangeable within a slot, so the problem is solved on slots with a capacity and
the tables are dealt out afterwards. The solver is OR-Tools CP-SAT in two phases: first the
count (proved optimal, or bounded: the gap is reported), then, with the same meetings placed,
the idle gaps of each person's days (`compact`, a neighbourhood search with CP-SAT inside).
`greedy` is the "first free slot" baseline of event platforms, for comparison."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from ortools.sat.python import cp_model

from bridge.partnering.scheduling.compact import compact


@dataclass(frozen=True)
class Problem:
    meetings: dict[int, tuple[int, int]]  # meeting → its two people
    slots: list[int]  # in time order
    day_of: dict[int, int]  # slot → day
    capacity: dict[int, int]  # slot → free tables
    busy: set[tuple[int, int]]  # (person, slot) not available (unavailable or booked)


@dataclass
class Result:
    placed: dict[int, int]  # meeting → slot
    bound: int  # no placement can hold more meetings than this
    gaps: int
    seconds: float
    optimal: bool
    method: str
    notes: dict = field(default_factory=dict)

    @property
    def gap_percent(self) -> float:
        return 100.0 * (self.bound - len(self.placed)) / self.bound if self.bound else 0.0


def idle_gaps(problem: Problem, placed: dict[int, int]) -> int:
    """Idle stretches between a person's meetings on the same day."""
    order = {slot: n for n, slot in enumerate(problem.slots)}
    per_person: dict[tuple[int, int], list[int]] = defaultdict(list)
    for meeting, slot in placed.items():
        for person in problem.meetings[meeting]:
            per_person[(person, problem.day_of[slot])].append(order[slot])
    gaps = 0
    for positions in per_person.values():
        positions.sort()
        gaps += sum(1 for a, b in pairwise(positions) if b > a + 1)
    return gaps


def greedy(problem: Problem) -> Result:
    started = time.perf_counter()
    used = set(problem.busy)
    left = dict(problem.capacity)
    placed = {}
    for meeting, (a, b) in sorted(problem.meetings.items()):
        for slot in problem.slots:
            if left[slot] > 0 and (a, slot) not in used and (b, slot) not in used:
                placed[meeting] = slot
                used.update({(a, slot), (b, slot)})
                left[slot] -= 1
                break
    return Result(
        placed=placed,
        bound=len(problem.meetings),
        gaps=idle_gaps(problem, placed),
        seconds=time.perf_counter() - started,
        optimal=len(placed) == len(problem.meetings),
        method="greedy",
    )


def _model(problem: Problem):
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_person_slot: dict[tuple[int, int], list] = defaultdict(list)
    by_slot: dict[int, list] = defaultdict(list)
    by_meeting: dict[int, list] = defaultdict(list)
    for meeting, (a, b) in problem.meetings.items():
        for slot in problem.slots:
            if (
                problem.capacity[slot] <= 0
                or (a, slot) in problem.busy
                or (b, slot) in problem.busy
            ):
                continue
            var = model.new_bool_var(f"x{meeting}_{slot}")
            x[(meeting, slot)] = var
            by_person_slot[(a, slot)].append(var)
            by_person_slot[(b, slot)].append(var)
            by_slot[slot].append(var)
            by_meeting[meeting].append(var)
    for variables in by_meeting.values():
        model.add_at_most_one(variables)
    for variables in by_person_slot.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    for slot, variables in by_slot.items():
        if len(variables) > problem.capacity[slot]:
            model.add(sum(variables) <= problem.capacity[slot])
    return model, x


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.1)
    solver.parameters.num_workers = workers
    return solver


def upper_bound(problem: Problem, *, seconds: float = 2.0) -> int:
    """Most meetings if time did not matter: each person in at most as many meetings as they
    have free slots (a b-matching, solved exactly). No placement can beat it."""
    model = cp_model.CpModel()
    free = defaultdict(int)
    for person in {p for pair in problem.meetings.values() for p in pair}:
        free[person] = sum(
            1 for s in problem.slots if problem.capacity[s] > 0 and (person, s) not in problem.busy
        )
    y = {meeting: model.new_bool_var("") for meeting in problem.meetings}
    mine = defaultdict(list)
    for meeting, pair in problem.meetings.items():
        for person in pair:
            mine[person].append(y[meeting])
    for person, variables in mine.items():
        if len(variables) > free[person]:
            model.add(sum(variables) <= free[person])
    model.add(sum(y.values()) <= sum(problem.capacity.values()))
    model.maximize(sum(y.values()))
    solver = _solver(seconds, 1)
    solver.solve(model)
    return int(solver.best_objective_bound + 1e-6)


def solve(problem: Problem, *, seconds: float = 10.0, workers: int = 2) -> Result:
    started = time.perf_counter()
    bound = upper_bound(problem)
    placed = greedy(problem).placed
    if len(placed) < bound:
        model, x = _model(problem)
        count = sum(x.values())
        model.maximize(count)
        # Start from the greedy placement: the solver then only has to improve it.
        for (meeting, slot), var in x.items():
            model.add_hint(var, placed.get(meeting) == slot)
        first = _solver(seconds * 0.5 - (time.perf_counter() - started), workers)
        first.parameters.cp_model_presolve = False
        if first.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            bound = min(bound, int(first.best_objective_bound + 1e-6))
            if round(first.objective_value) > len(placed):
                placed = {m: s for (m, s), var in x.items() if first.value(var)}
    best = len(placed)
    placed = compact(problem, placed, until=started + seconds - 0.2)
    return Result(
        placed=placed,
        bound=bound,
        gaps=idle_gaps(problem, placed),
        seconds=time.perf_counter() - started,
        optimal=best == bound,
        method="cp-sat",
    )

"""Phase two of the scheduler: with the same meetings placed, make each person's days compact
(fewest idle gaps). The whole day as one CP-SAT model is too large to improve in seconds on a
small machine, so this is a large-neighbourhood search with CP-SAT as the inner solver: free the
meetings of a few people, re-place them optimally around everything else, keep the result when
it has fewer gaps, repeat until the time is up."""

from __future__ import annotations

import random
import time
from collections import defaultdict

from ortools.sat.python import cp_model


def _gappy(problem, placed, everyone) -> list[int]:
    order = {slot: n for n, slot in enumerate(problem.slots)}
    days = defaultdict(list)
    for meeting, slot in placed.items():
        for person in problem.meetings[meeting]:
            days[(person, problem.day_of[slot])].append(order[slot])
    holes = {
        person
        for (person, _day), positions in days.items()
        if max(positions) - min(positions) + 1 > len(positions)
    }
    return [person for person in everyone if person in holes]


def compact(problem, placed: dict[int, int], *, until: float, seed: int = 1, people: int = 1):
    rng = random.Random(seed)
    placed = dict(placed)
    meetings_of = defaultdict(list)
    for meeting in placed:
        for person in problem.meetings[meeting]:
            meetings_of[person].append(meeting)
    everyone = sorted(meetings_of)
    rounds = 0
    while time.perf_counter() < until - 0.3 and everyone:
        if rounds % 25 == 0:
            # Work on the people whose days still have holes.
            gappy = _gappy(problem, placed, everyone) or everyone
        rounds += 1
        chosen = set(rng.sample(gappy, min(people, len(gappy))))
        free = sorted({m for p in chosen for m in meetings_of[p]})
        touched = {p for m in free for p in problem.meetings[m]}
        fixed_busy = defaultdict(int)
        used = defaultdict(int)
        free_set = set(free)
        for meeting, slot in placed.items():
            if meeting in free_set:
                continue
            used[slot] += 1
            for person in problem.meetings[meeting]:
                if person in touched:
                    fixed_busy[(person, slot)] = 1
        model = cp_model.CpModel()
        x = {}
        per_person_slot = defaultdict(list)
        per_slot = defaultdict(list)
        for meeting in free:
            a, b = problem.meetings[meeting]
            options = []
            for slot in problem.slots:
                if (
                    problem.capacity[slot] - used[slot] <= 0
                    or (a, slot) in problem.busy
                    or (b, slot) in problem.busy
                    or fixed_busy[(a, slot)]
                    or fixed_busy[(b, slot)]
                ):
                    continue
                var = model.new_bool_var("")
                x[(meeting, slot)] = var
                options.append(var)
                per_person_slot[(a, slot)].append(var)
                per_person_slot[(b, slot)].append(var)
                per_slot[slot].append(var)
                model.add_hint(var, placed[meeting] == slot)
            model.add_exactly_one(options)
        for variables in per_person_slot.values():
            if len(variables) > 1:
                model.add_at_most_one(variables)
        for slot, variables in per_slot.items():
            model.add(sum(variables) <= problem.capacity[slot] - used[slot])
        # Idle gaps of a person's day = blocks of meetings − 1 if the day has any meeting.
        starts, active = [], []
        for person in touched:
            previous = 0
            day_load = defaultdict(list)
            for n, slot in enumerate(problem.slots):
                if n and problem.day_of[problem.slots[n - 1]] != problem.day_of[slot]:
                    previous = 0
                here = fixed_busy[(person, slot)] + sum(per_person_slot.get((person, slot), []))
                start = model.new_bool_var("")
                model.add(start >= here - previous)
                starts.append(start)
                day_load[problem.day_of[slot]].append(here)
                previous = here
            for load in day_load.values():
                busy_day = model.new_bool_var("")
                model.add(busy_day <= sum(load))
                active.append(busy_day)
        model.minimize(sum(starts) - sum(active))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, min(0.2, until - time.perf_counter()))
        solver.parameters.num_workers = 1
        if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            for (meeting, slot), var in x.items():
                if solver.value(var):
                    placed[meeting] = slot
    return placed

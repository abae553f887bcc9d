"""The meeting scheduler on a large meeting day: 500 participants, 2,000 accepted requests,
2 days × 24 slots, 60 tables, 10% of each person's slots unavailable. Popularity is skewed as at
real events (a few sought-after studios get many requests), so the limit is the people, not the
tables. Prints placed meetings, the proved upper bound and gap, idle gaps and seconds for the
CP-SAT solver and the "first free slot" greedy.

    .venv/bin/python -m bench.partnering.scheduler [--seconds 10] [--seed 7] [--skew 0.5]
"""

import argparse
import os
import random

from bridge.partnering.scheduling.solve import Problem, greedy, solve


def problem(
    *,
    seed: int,
    skew: float = 0.5,
    people=500,
    requests=2_000,
    days=2,
    per_day=24,
    tables=60,
    off=0.10,
):
    rng = random.Random(seed)
    slots = list(range(days * per_day))
    weights = [1.0 / (rank + 1) ** skew for rank in range(people)]
    pairs = set()
    while len(pairs) < requests:
        a, b = rng.choices(range(people), weights=weights, k=2)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    busy = {(p, s) for p in range(people) for s in slots if rng.random() < off}
    return Problem(
        meetings=dict(enumerate(sorted(pairs))),
        slots=slots,
        day_of={s: s // per_day for s in slots},
        capacity=dict.fromkeys(slots, tables),
        busy=busy,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    # Zipf exponent of how sought-after people are: 0 = uniform, 0.5 = a few stars.
    parser.add_argument("--skew", type=float, default=0.5)
    args = parser.parse_args()
    case = problem(seed=args.seed, skew=args.skew)
    degree = {}
    for a, b in case.meetings.values():
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    print(
        f"cores={os.cpu_count()} meetings={len(case.meetings)} people={len(degree)} "
        f"most requests for one person={max(degree.values())} slots={len(case.slots)}"
    )
    solved = solve(case, seconds=args.seconds)
    baseline = greedy(case)
    baseline.bound = solved.bound  # the same proved bound judges both
    baseline.optimal = len(baseline.placed) == solved.bound
    for result in (baseline, solved):
        print(
            f"{result.method:7} placed={len(result.placed):5} bound={result.bound:5} "
            f"gap={result.gap_percent:5.2f}% optimal={result.optimal!s:5} "
            f"idle_gaps={result.gaps:5} seconds={result.seconds:6.2f}"
        )


if __name__ == "__main__":
    main()

"""Automatic assignment and ranking, pure: the planner for 2,000 applications × 100 reviewers
(k = 4, three languages, 1 % conflicts) and the ranking of 10,000 applications × 5 reviews.

Run: .venv/bin/python bench/programs/assign_bench.py   (prints figures for docs/benchmarks.md)
The database side (assignment_run, the ranking selector and page) is in review_db_bench.py.
"""

import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from bridge.programs.ranking import rank  # noqa: E402
from bridge.programs.services.assignment import plan  # noqa: E402


def assignment_inputs(applications=2000, reviewers=100, seed=7):
    rnd = random.Random(seed)
    apps = [(a, rnd.choices(["ru", "uz", "en"], [6, 3, 1])[0]) for a in range(1, applications + 1)]
    revs = []
    for r in range(1, reviewers + 1):
        langs = {"ru"}
        if rnd.random() < 0.4:
            langs.add("uz")
        if rnd.random() < 0.5:
            langs.add("en")
        revs.append((r, langs))
    conflicts = {
        r: set(rnd.sample(range(1, applications + 1), applications // 100)) for r, _l in revs
    }
    return apps, revs, conflicts


def best_of(fn, runs=3):
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    apps, revs, conflicts = assignment_inputs()
    elapsed, result = best_of(
        lambda: plan(applications=apps, reviewers=revs, k=4, conflicts=conflicts)
    )
    loads = list(result.loads.values())
    print(
        "assignment (pure planner): 2,000 applications x 100 reviewers, k=4, 3 languages, 1% conflicts"
    )
    print(
        f"  time: {elapsed * 1000:.0f} ms (best of 3); pairs: {len(result.pairs)}; "
        f"short applications: {len(result.short)}; load min/max: {min(loads)}/{max(loads)}"
    )
    plain = [(a, "") for a, _l in apps]
    everyone = [(r, {"ru"}) for r, _l in revs]
    elapsed, result = best_of(lambda: plan(applications=plain, reviewers=everyone, k=4))
    loads = list(result.loads.values())
    print(
        f"  without constraints: {elapsed * 1000:.0f} ms; load min/max: {min(loads)}/{max(loads)}"
    )

    rnd = random.Random(3)
    reviews = []
    for app in range(1, 10001):
        for reviewer in rnd.sample(range(1, 201), 5):
            reviews.append((app, reviewer, rnd.uniform(1, 5)))
    elapsed, rows = best_of(lambda: rank(reviews))
    print("ranking (pure): 10,000 applications x 5 reviews (50,000 reviews, 200 reviewers)")
    print(
        f"  time: {elapsed * 1000:.0f} ms (best of 3); rows: {len(rows)}; "
        f"flagged: {sum(r.flagged for r in rows)}"
    )


if __name__ == "__main__":
    main()

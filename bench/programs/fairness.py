"""Fairness of the ranking: true top 20 recovered by the normalised vs the raw mean.

Run: .venv/bin/python bench/programs/fairness.py [seeds]   (prints figures for docs/benchmarks.md)
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from bridge.programs.tests.test_fairness import (  # noqa: E402
    APPLICATIONS,
    PER_APPLICATION,
    REVIEWERS,
    TOP,
    figures,
)


def main() -> None:
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    started = time.perf_counter()
    result = figures(seeds)
    elapsed = time.perf_counter() - started
    print(
        f"fairness: {APPLICATIONS} applications, {REVIEWERS} reviewers, {PER_APPLICATION} reviews "
        f"each, {seeds} seeds"
    )
    print(
        f"  true top {TOP} recovered, normalised (z-scores): {result['normalised_mean']:.2f} "
        f"(min {result['normalised_min']})"
    )
    print(
        f"  true top {TOP} recovered, raw mean:              {result['raw_mean']:.2f} "
        f"(min {result['raw_min']})"
    )
    print(
        f"  seeds where normalised better / raw better / tie: {result['normalised_better']} / "
        f"{result['raw_better']} / {result['ties']}"
    )
    print(f"  time: {elapsed:.2f} s")


if __name__ == "__main__":
    main()

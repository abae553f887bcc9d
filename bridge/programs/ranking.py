"""Ranking of applications from reviews: pure functions, no database.

For each application:
- raw: the mean of its reviews' weighted totals;
- normalised: the mean of the reviewers' z-scores, z = (total − reviewer's mean) / reviewer's std,
  so a lenient or a harsh reviewer weighs the same as anyone else;
- disagreement: the standard deviation of those z-scores (flagged above a threshold);
- count: the number of submitted reviews.

A reviewer with a single review, or who gave every application the same total, tells us nothing
about their own scale: their mean (single review) falls back to the mean of all totals, and their
spread (single review or zero variance) to the spread of all totals.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from math import sqrt

DISAGREEMENT_THRESHOLD = 1.0


def weighted_total(scores: Mapping[int, float], weights: Mapping[int, float]) -> float | None:
    """Σ weight × score / Σ weight over the criteria scored: stays on the rubric's scale."""
    total = 0.0
    weight_sum = 0.0
    for criterion, value in scores.items():
        weight = float(weights.get(criterion, 0))
        total += weight * float(value)
        weight_sum += weight
    if weight_sum <= 0:
        return None
    return total / weight_sum


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _std(values: list[float]) -> float:
    """Population standard deviation."""
    if len(values) < 2:
        return 0.0
    mean = _mean(values)
    return sqrt(sum((v - mean) ** 2 for v in values) / len(values))


@dataclass(slots=True)
class RankRow:
    application: int
    raw: float
    normalised: float
    disagreement: float | None
    flagged: bool
    count: int
    rank_raw: int = 0
    rank_normalised: int = 0


def reviewer_scales(reviews: list[tuple[int, int, float]]) -> dict[int, tuple[float, float]]:
    """reviewer → (mean, std) used for their z-scores, with the guards described above."""
    totals = [t for _a, _r, t in reviews]
    if not totals:
        return {}
    global_mean = _mean(totals)
    global_std = _std(totals) or 1.0
    by_reviewer: dict[int, list[float]] = defaultdict(list)
    for _app, reviewer, total in reviews:
        by_reviewer[reviewer].append(total)
    scales = {}
    for reviewer, values in by_reviewer.items():
        if len(values) < 2:
            scales[reviewer] = (global_mean, global_std)
            continue
        std = _std(values)
        scales[reviewer] = (_mean(values), std if std > 1e-9 else global_std)
    return scales


def rank(
    reviews: Iterable[tuple[int, int, float]],
    threshold: float = DISAGREEMENT_THRESHOLD,
) -> list[RankRow]:
    """reviews: (application, reviewer, weighted total) → rows, best normalised score first.

    Ties are broken by the raw mean, then by application id, so the order is deterministic."""
    reviews = [(a, r, float(t)) for a, r, t in reviews]
    scales = reviewer_scales(reviews)
    raw: dict[int, list[float]] = defaultdict(list)
    zs: dict[int, list[float]] = defaultdict(list)
    for app, reviewer, total in reviews:
        mean, std = scales[reviewer]
        raw[app].append(total)
        zs[app].append((total - mean) / std)
    rows = []
    for app, totals in raw.items():
        z = zs[app]
        disagreement = _std(z) if len(z) >= 2 else None
        rows.append(
            RankRow(
                application=app,
                raw=_mean(totals),
                normalised=_mean(z),
                disagreement=disagreement,
                flagged=disagreement is not None and disagreement > threshold,
                count=len(totals),
            )
        )
    for position, row in enumerate(sorted(rows, key=lambda r: (-r.raw, r.application)), 1):
        row.rank_raw = position
    rows.sort(key=lambda r: (-r.normalised, -r.raw, r.application))
    for position, row in enumerate(rows, 1):
        row.rank_normalised = position
    return rows


def top(rows: list[RankRow], n: int, key: str = "normalised") -> list[int]:
    """The ids of the n best applications by `normalised` or `raw`."""
    ordered = sorted(rows, key=lambda r: (-getattr(r, key), r.application))
    return [r.application for r in ordered[:n]]

"""A sample's facet values in Python: the rows sorted by the facet filters they fail
(FacetRows), and the counts per facet value shown beside a search's results.

Each row is an object's facet pairs packed in one string (models.RECORD_SEPARATOR between
pairs, UNIT_SEPARATOR between a facet and its value), as sql.packed_facets reads them.
"""

from __future__ import annotations

import re
from collections import Counter

from bridge.search.models import RECORD_SEPARATOR, UNIT_SEPARATOR

# Values listed per facet, the most frequent first, and every chosen one: at 1M materials from
# 2,000 suppliers each response listed 1,681 suppliers (190 KB of JSON, issue 14).
MAX_FACET_VALUES = 50


class Packed(list):
    """packed_facets' strings and, in ``ids``, their objects (FacetRows.passed_ids), and in
    ``scores`` their scores where the read scored them (FacetRows.passed_scores)."""

    ids: list[int] | None = None
    scores: list[float] | None = None

    def joined(self, more: Packed) -> Packed:
        """These rows and ``more``'s, another read's of the same kind."""
        both = Packed([*self, *more])
        both.ids = None if self.ids is None or more.ids is None else [*self.ids, *more.ids]
        if self.scores is not None and more.scores is not None:
            both.scores = [*self.scores, *more.scores]
        return both


def _needles(selected: dict[str, list[str]]) -> dict[str, list[str]]:
    """Per facet, its chosen pairs as they appear in a packed string padded with a record
    separator at both ends (_padded): a substring test in C, no split of the row."""
    return {
        facet: [RECORD_SEPARATOR + facet + UNIT_SEPARATOR + v + RECORD_SEPARATOR for v in values]
        for facet, values in selected.items()
    }


def _padded(values: str) -> str:
    return RECORD_SEPARATOR + values + RECORD_SEPARATOR


class FacetRows:
    """The packed facet values of some matches, sorted by the facet filters in ``selected``
    that they fail: ``passed`` fail none; ``failing_one[f]`` fail f's filter alone, and count
    for f's values only. Sorted once per sample, for the count of passing matches and the
    facet counts: testing each row twice took a third of a country filter's search on
    PostgreSQL at 100k (96–106 → 65–77 ms without words). No call per row: it tripled it."""

    def __init__(self, packed: list[str], selected: dict[str, list[str]]) -> None:
        self.total, self.selected = len(packed), selected
        self.failing_one: dict[str, list[str]] = {}
        ids = getattr(packed, "ids", None)
        scores = getattr(packed, "scores", None)
        # The passing objects' ids and scores, where packed_facets gave them (Packed).
        self.passed_ids: list[int] | None = None if ids is None else []
        self.passed_scores: list[float] | None = None if scores is None else []
        if not selected:
            self.passed, self.passed_ids, self.passed_scores = packed, ids, scores
            return
        needles = list(_needles(selected).items())
        self.passed = passed = []
        self.failing_one = {facet: [] for facet, _wanted in needles}
        separator = RECORD_SEPARATOR
        for at, values in enumerate(packed):
            padded = separator + values + separator
            failed = None
            for facet, wanted in needles:
                for needle in wanted:
                    if needle in padded:
                        break
                else:
                    if failed is not None:  # a second failed facet: counted for none
                        break
                    failed = facet
            else:
                if failed is None:
                    passed.append(values)
                    if ids is not None:
                        self.passed_ids.append(ids[at])
                    if scores is not None:
                        self.passed_scores.append(scores[at])
                else:
                    self.failing_one[failed].append(values)


def facet_counts(
    rows: FacetRows, facets: list[str], scale: float = 1.0
) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet over the rows, each facet without its own filter: a row failing no
    facet filter counts for every facet, one failing exactly one counts only for that facet.
    ``scale`` > 1 when the rows are a bucket sample (estimates)."""
    counts = _count_pairs(rows)
    return _listed({pair: n * scale for pair, n in counts.items()}, facets, rows.selected)


def narrowed_facet_counts(
    passed: list[str], sample: FacetRows, facets: list[str], scale: float
) -> dict[str, list[tuple[str, int]]]:
    """facet_counts when few matches pass the filters and many match: ``passed`` holds every
    passing object (counted exactly), ``sample`` a bucket sample of all the matches. A
    filtered facet also counts the matches failing its own filter alone, which may be many:
    those come from the sample, scaled, so the count shown beside a ticked value is exact."""
    counts = {pair: float(n) for pair, n in _all_pairs(passed).items()}
    for pair, n in _count_pairs(sample, failing_only=True).items():
        counts[pair] = counts.get(pair, 0.0) + n * scale
    return _listed(counts, facets, sample.selected)


def _listed(counts: dict[str, float], facets: list[str], chosen: dict[str, list[str]]):
    """Per facet, its MAX_FACET_VALUES most frequent values and every chosen one that counts."""
    wanted: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    for pair, count in counts.items():
        facet, _, value = pair.partition(UNIT_SEPARATOR)
        if facet in wanted:
            wanted[facet][value] = max(1, round(count))
    listed = {}
    for facet, values in wanted.items():
        ordered = sorted(values.items(), key=lambda pair: (-pair[1], pair[0]))
        keep = set(chosen.get(facet, ()))
        listed[facet] = ordered[:MAX_FACET_VALUES] + [
            pair for pair in ordered[MAX_FACET_VALUES:] if pair[0] in keep
        ]
    return listed


def _all_pairs(packed: list[str]) -> Counter:
    counter = Counter(RECORD_SEPARATOR.join(packed).split(RECORD_SEPARATOR))
    counter.pop("", None)  # objects without facets
    return counter


def _count_pairs(rows: FacetRows, *, failing_only: bool = False) -> Counter:
    """Pairs of the rows passing every filter (left out when ``failing_only``), and of each
    filtered facet f, its pairs in the rows failing f's filter alone. Each group is counted
    in C (one join, split or regular expression over all its rows): with a selective filter,
    counting pair by pair took ~300 ms for 100,000 objects."""
    counter = Counter() if failing_only else _all_pairs(rows.passed)
    for facet, group in rows.failing_one.items():
        prefix = facet + UNIT_SEPARATOR
        pattern = re.escape(RECORD_SEPARATOR + prefix) + f"([^{RECORD_SEPARATOR}]*)"
        found = Counter(re.findall(pattern, _padded(RECORD_SEPARATOR.join(group))))
        counter.update({prefix + value: n for value, n in found.items()})
    return counter

"""Durations kept as counts per bucket of hours, so a median over any period and any set of
countries is a sum of stored rows. Buckets are whole hours for the first two days (where most
answers fall), six hours up to a week, then one open bucket."""

from bisect import bisect_right
from collections.abc import Iterable

EDGES: tuple[int, ...] = (*range(0, 48), *range(48, 168, 6), 168)
OPEN_END = 168


def bucket_of(hours: float) -> str:
    """The stored segment of a duration: its bucket's lower edge, zero-padded ("007")."""
    index = max(0, bisect_right(EDGES, max(hours, 0)) - 1)
    return f"{EDGES[index]:03d}"


def _upper(lower: int) -> int | None:
    index = EDGES.index(lower)
    return EDGES[index + 1] if index + 1 < len(EDGES) else None


def quantile(buckets: Iterable[tuple[str, int]], q: float) -> float | None:
    """The q-quantile (0.5: the median) of a histogram, interpolated inside its bucket; the
    open last bucket answers its lower edge. None without data."""
    counts: dict[int, int] = {}
    for segment, count in buckets:
        if count and segment.isdigit():
            counts[int(segment)] = counts.get(int(segment), 0) + count
    total = sum(counts.values())
    if not total:
        return None
    target = q * total
    seen = 0
    for lower in sorted(counts):
        count = counts[lower]
        if seen + count >= target:
            upper = _upper(lower) if lower in EDGES else None
            if upper is None:
                return float(lower)
            return lower + (target - seen) / count * (upper - lower)
        seen += count
    return float(max(counts))


def total(buckets: Iterable[tuple[str, int]]) -> int:
    return sum(count for _segment, count in buckets)

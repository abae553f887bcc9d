"""Re-ranking candidates: their token strings read in one statement and scored by
rerank.Ranker, identically on both databases."""

# ruff: noqa: S608 — only constants and %s placeholders are interpolated; ids are parameters.
from __future__ import annotations

from django.db import connection

from bridge.search.rerank import Ranker
from bridge.search.stored import unpack

# Parameters per statement: below SQLite's limit (32,766), with room for the index key.
CHUNK = 30_000
# Candidates per place wanted above which they are bounded first: bounding one costs about a
# fifth of scoring it, so a few candidates for many places are simply scored.
BOUNDED_ABOVE = 4
# Float sums in another order than the Ranker's: bounds are widened by this much.
SLACK = 1e-6


def rerank_candidates(key, query, candidates: list[int], end: int = 0) -> list[int]:
    """``candidates`` ordered by (tier, rerank score), both computed from the token strings;
    with ``end``, only the first ``end`` are sure to be all there (scored_candidates)."""
    return [object_id for *_, object_id in sorted(scored_candidates(key, query, candidates, end))]


def scored_candidates(key, query, candidates, end: int = 0) -> list[tuple[int, float, int]]:
    """(-tier, -score, object_id) of ``candidates``, unordered: sorted, they are the
    re-ranker's order, and two such lists merge by sorting them together.

    With ``end`` (a page's last place), the candidates that cannot reach the first ``end``
    places, whatever their descriptions hold (Ranker.bounds), are left out: a multi-word search
    at 1M re-ranks ~1,000–2,000 candidates, and each description read, inflated and scored
    cost ~30 µs. A candidate left out ranks below the ``end``-th of these candidates, so also
    below it in any longer list they are merged into."""
    ranker = Ranker(query)
    candidates = list(dict.fromkeys(candidates))
    rows = _rows(key, candidates)
    if end and len(rows) > BOUNDED_ABOVE * end:
        rows = _reachable(ranker, rows, end)
    scored = []
    for object_id, title, keywords, body, anchored, _words in rows:
        fields = {"title": title, "keywords": keywords, "body": unpack(body)}
        tier, score = ranker(fields, bool(anchored))
        scored.append((-tier, -score, object_id))
    return scored


def _reachable(ranker: Ranker, rows: list[tuple], end: int) -> list[tuple]:
    """The rows whose best (tier, score) reaches the ``end``-th best of the least (more rows
    than ``end``: scored_candidates bounds only then)."""
    bounds = [ranker.bounds(row[1], row[2], bool(row[4]), row[5]) for row in rows]
    floor = sorted((low for low, _high in bounds), reverse=True)[end - 1]
    return [
        row
        for row, (_low, (tier, score)) in zip(rows, bounds, strict=True)
        if (tier, score + SLACK) >= floor
    ]


def _rows(key, ids: list[int]) -> list[tuple]:
    """(object_id, title, keywords, body, anchored, body_words) of these objects' entries,
    through a cursor: the ORM built a model row for each (17 against 11 ms a thousand)."""
    rows = []
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(
                "SELECT object_id, title, keywords, body, anchored, body_words "
                "FROM search_searchentry "
                f"WHERE index_key = %s AND object_id IN ({', '.join(['%s'] * len(chunk))})",
                [key, *chunk],
            )
            rows += cursor.fetchall()
    return rows

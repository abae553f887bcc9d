"""The SQL shared by both backends: filters, sorting, paging, re-ranking and facet counts.

Every statement works on ``m``, the backend's matches (object_id, score, tier) of one index.
"""

# ruff: noqa: S608 — only constants and %s placeholders are interpolated; values are parameters.
from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import connection

from bridge.search.models import SearchEntry
from bridge.search.rerank import RERANK_DEPTH, tier_and_score
from bridge.search.rerank import score as rerank_score

MAX_FILTER_VALUES = 50


@dataclass
class Filters:
    """SQL conditions on m.object_id, one per facet (so a facet can be left out) and ranges."""

    key: str
    facets: dict[str, list[str]]
    ranges: dict[str, tuple[float | None, float | None]]

    def sql(self, without: str | None = None, column: str = "m.object_id") -> tuple[str, list]:
        """Correlated EXISTS per facet / range: one index probe per candidate row, so the cost
        follows the matches, not how many objects carry the filtered value."""
        parts, params = [], []
        for facet, values in self.facets.items():
            if facet == without:
                continue
            marks = ", ".join(["%s"] * len(values))
            parts.append(
                "EXISTS (SELECT 1 FROM search_searchfacet xf WHERE xf.index_key = %s "
                f"AND xf.object_id = {column} AND xf.facet = %s AND xf.value IN ({marks}))"
            )
            params += [self.key, facet, *values]
        for name, (low, high) in self.ranges.items():
            bounds, values = [], []
            if low is not None:
                bounds.append("xn.value >= %s")
                values.append(low)
            if high is not None:
                bounds.append("xn.value <= %s")
                values.append(high)
            parts.append(
                "EXISTS (SELECT 1 FROM search_searchnumber xn WHERE xn.index_key = %s "
                f"AND xn.object_id = {column} AND xn.name = %s AND {' AND '.join(bounds)})"
            )
            params += [self.key, name, *values]
        return (" AND ".join(parts) or "1 = 1"), params


def clean_filters(key, filters, ranges) -> Filters:
    facets = {}
    for facet, values in (filters or {}).items():
        values = [str(v)[:100] for v in (values or []) if str(v)][:MAX_FILTER_VALUES]
        if values:
            facets[str(facet)[:40]] = values
    clean_ranges = {}
    for name, bounds in (ranges or {}).items():
        try:
            low, high = bounds
            low = None if low is None else float(low)
            high = None if high is None else float(high)
        except (TypeError, ValueError):
            continue
        if low is not None and not math.isfinite(low):
            low = None
        if high is not None and not math.isfinite(high):
            high = None
        if low is not None or high is not None:
            clean_ranges[str(name)[:40]] = (low, high)
    return Filters(key, facets, clean_ranges)


def order_by(sort: str, key: str) -> tuple[str, str, list]:
    """(join, order by, params) for a sort; unknown sorts fall back to relevance."""
    relevance = "m.tier DESC, m.score DESC, m.object_id"
    name, descending = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if not name or name == "relevance":
        return "", relevance, []
    join = (
        "LEFT JOIN search_searchnumber n ON n.index_key = %s AND n.object_id = m.object_id "
        "AND n.name = %s"
    )
    direction = "DESC" if descending else "ASC"
    return join, f"(n.value IS NULL), n.value {direction}, {relevance}", [key, name[:40]]


def page_sql(base_sql, base_params, flt, sort, key, page, page_size, *, with_tiers=False):
    where, where_params = flt.sql()
    join, order, order_params = order_by(sort, key)
    sql = (
        f"WITH m AS ({base_sql}) SELECT m.object_id, COUNT(*) OVER (), m.tier FROM m {join} "
        f"WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
    )
    params = [*base_params, *order_params, *where_params, page_size, (page - 1) * page_size]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if rows:
            if with_tiers:
                return rows[0][1], [(row[0], row[2]) for row in rows]
            return rows[0][1], [row[0] for row in rows]
        cursor.execute(
            f"WITH m AS ({base_sql}) SELECT COUNT(*) FROM m WHERE {where}",
            [*base_params, *where_params],
        )
        return cursor.fetchone()[0], []


def reranked(base_sql, base_params, flt, key, query, page, page_size):
    """The first RERANK_DEPTH candidates in backend order, re-scored by rerank.score()."""
    count, candidates = page_sql(
        base_sql, base_params, flt, "relevance", key, 1, RERANK_DEPTH, with_tiers=True
    )
    if not candidates:
        if page > 1:
            return page_sql(base_sql, base_params, flt, "relevance", key, page, page_size)
        return count, []
    rows = SearchEntry.objects.filter(index_key=key, object_id__in=[c for c, _ in candidates])
    fields = {
        object_id: {"title": title, "keywords": keywords, "body": body}
        for object_id, title, keywords, body in rows.values_list(
            "object_id", "title", "keywords", "body"
        )
    }
    ranked = sorted(
        candidates, key=lambda c: (-c[1], -rerank_score(query, fields.get(c[0], {})), c[0])
    )
    start = (page - 1) * page_size
    return count, [object_id for object_id, _ in ranked[start : start + page_size]]


def rerank_candidates(key, query, candidates: list[int]) -> list[int]:
    """``candidates`` ordered by (tier, rerank score), both computed from the token strings."""
    rows = SearchEntry.objects.filter(index_key=key, object_id__in=candidates).values_list(
        "object_id", "title", "keywords", "body"
    )
    scored = []
    for object_id, title, keywords, body in rows:
        fields = {"title": title, "keywords": keywords, "body": body}
        tier, score = tier_and_score(query, fields)
        scored.append((-tier, -score, object_id))
    return [object_id for *_, object_id in sorted(scored)]


def facet_counts(
    source_sql, source_params, flt: Filters, facets: list[str], scale: float = 1.0
) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet over the objects ``source_sql`` selects (filtered, each facet without
    its own filter): one grouped query per distinct filter set, reading the covering
    (index, object, facet, value) index once per matched object. ``scale`` > 1 when the
    source is a bucket sample (the counts are then estimates)."""
    counts: dict[str, list[tuple[str, int]]] = {}
    groups: dict[str | None, list[str]] = {}
    for facet in facets:
        groups.setdefault(facet if facet in flt.facets else None, []).append(facet)
    for without, names in groups.items():
        where, where_params = flt.sql(without=without)
        marks = ", ".join(["%s"] * len(names))
        sql = (
            f"SELECT f.facet, f.value, COUNT(*) FROM ({source_sql}) m "
            "CROSS JOIN search_searchfacet f WHERE f.index_key = %s "
            f"AND f.object_id = m.object_id AND f.facet IN ({marks}) AND {where} "
            "GROUP BY f.facet, f.value"
        )
        found: dict[str, list[tuple[str, int]]] = {name: [] for name in names}
        with connection.cursor() as cursor:
            cursor.execute(sql, [*source_params, flt.key, *names, *where_params])
            for facet, value, count in cursor.fetchall():
                found[facet].append((value, max(1, round(count * scale))))
        for name, pairs in found.items():
            counts[name] = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
    return {facet: counts[facet] for facet in facets}


def count_of(source_sql, source_params, flt: Filters) -> int:
    where, where_params = flt.sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM ({source_sql}) m WHERE {where}", [*source_params, *where_params]
        )
        return cursor.fetchone()[0]


def recent(engine, ready: str, flt: Filters, key: str, limit: int, offset: int = 0) -> list[int]:
    """Object ids matching ``ready``, newest entry first, unranked (stops after ``limit``)."""
    where, where_params = flt.sql(column="e.object_id")
    with connection.cursor() as cursor:
        cursor.execute(engine.recent_sql(where), [ready, key, *where_params, limit, offset])
        return [row[0] for row in cursor.fetchall()]

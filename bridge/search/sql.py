"""The SQL shared by both backends: filters, sorting, paging, re-ranking and facet counts.

Every statement works on ``m``, the backend's matches (object_id, score, tier) of one index.
"""

# ruff: noqa: S608 — only constants and %s placeholders are interpolated; values are parameters.
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from django.db import connection

from bridge.search.models import BUCKETS, RECORD_SEPARATOR, UNIT_SEPARATOR, SearchEntry
from bridge.search.rerank import RERANK_DEPTH, tier_and_score

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


def reranked(base_sql, base_params, flt, key, query, page, page_size, head=()):
    """The first RERANK_DEPTH candidates in backend order, and the ``head`` candidates (the
    best title and keyword matches), ordered by rerank.tier_and_score(). The head keeps a
    listing named by the query among the candidates when thousands of longer descriptions
    mention it: bm25 / ts_rank over every field may rank those first (issue 14)."""
    count, candidates = page_sql(
        base_sql, base_params, flt, "relevance", key, 1, RERANK_DEPTH, with_tiers=True
    )
    if not candidates:
        if page > 1:
            return page_sql(base_sql, base_params, flt, "relevance", key, page, page_size)
        return count, []
    ranked = rerank_candidates(
        key, query, list(dict.fromkeys([*head, *(c for c, _ in candidates)]))
    )
    start = (page - 1) * page_size
    return count, ranked[start : start + page_size]


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


def packed_facets(
    engine,
    ready: str | None,
    key: str,
    flt: Filters,
    buckets: int = BUCKETS,
    top: int = 0,
    low: int = 1,
) -> list[str]:
    """The packed facet values of every object matching ``ready`` (None: the whole index)
    in a sample of buckets/BUCKETS of the index (``low``..``top``: its entry ids) that passes
    the range filters; facet filters are applied in Python (passing, facet_counts), so one
    read serves the count and every facet."""
    where, where_params = Filters(flt.key, {}, flt.ranges).sql(column="e.object_id")
    slices = [(ready, "1 = 1", [])]
    if buckets < BUCKETS:
        slices = engine.sampled(ready, buckets, top, low)
    if not slices:  # no id to read (an empty span): no rows, rather than an empty statement
        return []
    statements, params = [], []
    for expression, sample, sample_params in slices:
        if expression is None:
            sql = f"SELECT e.facet_values FROM {engine.entries} e WHERE e.index_key = %s"
            params += [key]
        else:
            sql = engine.match_sql("e.facet_values")
            params += [expression, key]
        statements.append(f"{sql} AND {sample} AND {where}")
        params += [*sample_params, *where_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(statements), params)
        return [row[0] for row in cursor.fetchall()]


def _chosen(selected: dict[str, list[str]]) -> dict[str, set[str]]:
    return {
        facet: {facet + UNIT_SEPARATOR + v for v in values} for facet, values in selected.items()
    }


def passing(packed: list[str], selected: dict[str, list[str]]) -> int:
    """How many of the packed objects pass every facet filter in ``selected``."""
    if not selected:
        return len(packed)
    chosen = _chosen(selected).values()
    return sum(
        1
        for values in packed
        if not any(wanted.isdisjoint(values.split(RECORD_SEPARATOR)) for wanted in chosen)
    )


def facet_counts(
    packed: list[str], flt: Filters, facets: list[str], scale: float = 1.0
) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet over the packed objects, each facet without its own filter: an
    object failing no facet filter counts for every facet, one failing exactly one counts
    only for that facet. ``scale`` > 1 when the objects are a bucket sample (estimates)."""
    wanted: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    if not facets:
        return {}
    for pair, count in _count_pairs(packed, flt.facets).items():
        facet, _, value = pair.partition(UNIT_SEPARATOR)
        if facet in wanted:
            wanted[facet][value] = max(1, round(count * scale))
    return {
        facet: sorted(values.items(), key=lambda pair: (-pair[1], pair[0]))
        for facet, values in wanted.items()
    }


def _count_pairs(packed: list[str], selected: dict[str, list[str]]) -> Counter:
    counter: Counter = Counter()
    if not selected:
        for values in packed:
            if values:
                counter.update(values.split(RECORD_SEPARATOR))
        return counter
    chosen = _chosen(selected)
    for values in packed:
        pairs = values.split(RECORD_SEPARATOR) if values else []
        failed = [facet for facet, wanted in chosen.items() if wanted.isdisjoint(pairs)]
        if not failed:
            counter.update(pairs)
        elif len(failed) == 1:
            prefix = failed[0] + UNIT_SEPARATOR
            counter.update(pair for pair in pairs if pair.startswith(prefix))
    return counter


def by_number(
    engine, ready: str | None, flt: Filters, key: str, sort: str, limit: int, offset: int
) -> list[int]:
    """Object ids in the order of one number, walking its (index, name, value, object) index
    and stopping after ``limit``; with ``ready``, only objects whose entry matches it (one
    lookup per row read). For huge result sets, where sorting every match costs seconds;
    objects without the number are not listed."""
    name, descending = (sort[1:], True) if sort.startswith("-") else (sort, False)
    where, where_params = flt.sql(column="n.object_id")
    match, match_params = "1 = 1", []
    if ready is not None:
        match, match_params = engine.matches_object("n.object_id"), [ready, key]
    direction = "DESC" if descending else "ASC"
    sql = (
        f"SELECT n.object_id FROM search_searchnumber n WHERE n.index_key = %s AND n.name = %s "
        f"AND {match} AND {where} ORDER BY n.value {direction}, n.object_id {direction} "
        "LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, name[:40], *match_params, *where_params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def best(engine, slices, flt: Filters, key: str, limit: int, offset: int = 0) -> list[int]:
    """The ``limit`` best-scored (bm25 / ts_rank) object ids matching any of ``slices``
    ((ready expression, SQL condition, its parameters), as Backend.sampled gives them): the
    candidates of a huge result set are chosen by relevance, never by age (issue 14)."""
    if not slices:  # an empty sample: "FROM () s" would be a syntax error
        return []
    slices = engine.scoring_slices(slices)
    where, where_params = flt.sql(column="e.object_id")
    statements, params = [], []
    for ready, condition, condition_params in slices:
        sql, repeat = engine.scored_sql(f"{condition} AND {where}")
        statements.append(sql)
        params += [*([ready] * repeat), key, *condition_params, *where_params]
    sql = (
        f"SELECT object_id FROM ({' UNION ALL '.join(statements)}) s "
        "ORDER BY score DESC, object_id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return list(dict.fromkeys(row[0] for row in cursor.fetchall()))

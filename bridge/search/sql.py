"""The SQL shared by both backends: filters, sorting, paging, re-ranking, and the facets of
a sample read (facets.py counts them).

Every statement works on ``m``, the backend's matches (object_id, score, tier, facet_values)
of one index.
"""

# ruff: noqa: S608 — only constants and %s placeholders are interpolated; values are parameters.
from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import connection

from bridge.search.backends import backend
from bridge.search.backends.base import strata_beyond
from bridge.search.candidates import rerank_candidates
from bridge.search.facets import FacetRows, Packed
from bridge.search.models import (
    BUCKETS,
    UNIT_SEPARATOR,
    without_separators,
)
from bridge.search.rerank import RERANK_DEPTH

MAX_FILTER_VALUES = 50


@dataclass
class Filters:
    """SQL conditions for facet filters (on an entry's packed facet_values) and ranges."""

    key: str
    facets: dict[str, list[str]]
    ranges: dict[str, tuple[float | None, float | None]]

    def sql(self, column: str = "m.object_id", packed: str | None = None) -> tuple[str, list]:
        """Conditions on the object ``column``. Facet filters test ``packed``, the row's own
        facet_values, as substrings (no other read); without it, one probe of the object's
        entry tests them all. A range is a correlated EXISTS: one index probe per candidate
        row, so the cost follows the matches, not how many objects carry the value."""
        parts, params = [], []
        if self.facets:
            tests, test_params = _facet_tests(self.facets, packed or "xf.facet_values")
            if packed:
                parts.append(tests)
                params += test_params
            else:
                parts.append(
                    "EXISTS (SELECT 1 FROM search_searchentry xf WHERE xf.index_key = %s "
                    f"AND xf.object_id = {column} AND {tests})"
                )
                params += [self.key, *test_params]
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


def _facet_tests(facets: dict[str, list[str]], packed: str) -> tuple[str, list]:
    """Every facet has one of its values among the pairs of ``packed`` (pack_facets)."""
    engine = backend()
    parts, params = [], []
    for facet, values in facets.items():
        test, test_params = engine.holds_any_pair(
            packed, [facet + UNIT_SEPARATOR + value for value in values]
        )
        parts.append(test)
        params += test_params
    return " AND ".join(parts), params


def clean_filters(key, filters, ranges) -> Filters:
    facets = {}
    for facet, values in (filters or {}).items():
        # Cut and cleaned as the indexed values were (services._rows), so they compare alike.
        values = [without_separators(str(v)[:100]) for v in (values or []) if str(v)]
        if values := values[:MAX_FILTER_VALUES]:
            facets[without_separators(str(facet)[:40])] = values
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


def order_by(sort: str, key: str, value: str = "n.value") -> tuple[str, str, list]:
    """(join, order by, params) for a sort; unknown sorts fall back to relevance. The join
    brings a number sort's ``value`` (n.value); a caller that brings it itself names it."""
    relevance = "m.tier DESC, m.score DESC, m.object_id"
    name, descending = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if not name or name == "relevance":
        return "", relevance, []
    join = (
        "LEFT JOIN search_searchnumber n ON n.index_key = %s AND n.object_id = m.object_id "
        "AND n.name = %s"
    )
    direction = "DESC" if descending else "ASC"
    return join, f"({value} IS NULL), {value} {direction}, {relevance}", [key, name[:40]]


def page_sql(base_sql, base_params, flt, sort, key, page, page_size, *, with_tiers=False):
    where, where_params = flt.sql(packed="m.facet_values")
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


def passing_rows(base_sql, base_params, flt, sort, key, limit) -> list[tuple[int, str]]:
    """(object_id, facet_values) of the first ``limit`` matches passing ``flt``, in ``sort``
    order (page_sql's), for a caller that counts, pages and facets them itself."""
    where, where_params = flt.sql(packed="m.facet_values")
    _join, order, number = order_by(sort, key, value="m.value")
    value = "NULL"
    if number:  # looked up for the passing rows alone, one probe each
        value = (
            "(SELECT n.value FROM search_searchnumber n WHERE n.index_key = %s "
            "AND n.name = %s AND n.object_id = m.object_id)"
        )
    # Neither planner can estimate the filters: PostgreSQL joined every "created" number of
    # the index (100,000, hashed: 43 of 118 ms) to sort a supplier's 500.
    sql = (
        f"WITH m AS MATERIALIZED (SELECT m.*, {value} AS value FROM ({base_sql}) m "
        f"WHERE {where}) SELECT m.object_id, m.facet_values FROM m ORDER BY {order} LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*number, *base_params, *where_params, limit])
        return cursor.fetchall()


def reranked(base_sql, base_params, flt, key, query, page, page_size, head=()):
    """The first RERANK_DEPTH candidates in backend order and the ``head`` (the best title and
    keyword matches), ordered by rerank.Ranker. The head keeps a listing named by the query
    among them where bm25 / ts_rank rank first thousands of descriptions that mention it."""
    count, candidates = page_sql(
        base_sql, base_params, flt, "relevance", key, 1, RERANK_DEPTH, with_tiers=True
    )
    if not candidates:
        if page > 1:
            return page_sql(base_sql, base_params, flt, "relevance", key, page, page_size)
        return count, []
    ranked = rerank_candidates(key, query, [*head, *(c for c, _ in candidates)], page * page_size)
    start = (page - 1) * page_size
    return count, ranked[start : start + page_size]


def packed_facets(
    engine,
    ready: str | None,
    key: str,
    flt: Filters,
    buckets: int = BUCKETS,
    top: int = 0,
    low: int = 1,
    *,
    scored: bool = False,
    read: tuple[int, Packed] | None = None,
) -> Packed:
    """The packed facet values of every object matching ``ready`` (None: the whole index)
    in a sample of buckets/BUCKETS of the index (``low``..``top``: its entry ids) that passes
    the range filters, and their objects' ids (Packed); facet filters are applied in Python
    (passing, facet_counts), so one read serves the count, every facet and the candidates.
    ``scored``: also their scores, where the backend selects them with the sample's rows
    (Backend.sample_score), for ``best``. ``read``: a thinner sample of these strata read
    before (its buckets and its rows): only the ids it lacks are read (strata_beyond), and
    its rows join theirs (at 100k on PostgreSQL, «ручной работы вышивка» 55.5 → 49.1 ms);
    the matches it estimates tell the backend how to read them (Backend.sampled)."""
    where, where_params = Filters(flt.key, {}, flt.ranges).sql(column="e.object_id")
    slices, beyond = [(ready, "1 = 1", [])], None
    if buckets < BUCKETS:
        beyond, matches = None, None
        if read is not None:
            beyond = strata_beyond(buckets, read[0], top, low)
            matches = len(read[1]) * BUCKETS / read[0]
        slices = engine.sampled(ready, buckets, top, low, ranges=beyond, matches=matches)
    score = engine.sample_score if scored and ready is not None else None
    # No id to read (an empty span, or nothing beyond ``read``): no rows, no empty statement
    rows = _sample_rows(engine, key, slices, score, where, where_params) if slices else []
    packed = Packed(row[1] for row in rows)
    packed.ids = [row[0] for row in rows]
    if score:
        packed.scores = [row[2] for row in rows]
    return packed if beyond is None else read[1].joined(packed)


def _sample_rows(engine, key, slices, score, where, where_params) -> list[tuple]:
    """(object_id, facet_values[, score]) of the entries of ``slices`` passing ``where``."""
    statements, params = [], []
    columns = "e.object_id, e.facet_values" + (f", {score}" if score else "")
    for expression, sample, sample_params in slices:
        if expression is None:
            sql = f"SELECT {columns} FROM {engine.entries} e WHERE e.index_key = %s"
            params += [key]
        else:
            sql = engine.match_sql(columns)
            params += [*([expression] if score else []), expression, key]
        statements.append(f"{sql} AND {sample} AND {where}")
        params += [*sample_params, *where_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(statements), params)
        return cursor.fetchall()


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


def sample_matches(engine, slices, flt: Filters, key: str, limit: int) -> list[int]:
    """Object ids of the entries matching ``slices`` (as Backend.sampled gives them), at most
    ``limit``, unscored: one id range seek per slice, whatever the size of the index. (FTS5's
    bm25 counts each phrase's documents over the whole index per statement.)"""
    if not slices:
        return []
    where, where_params = flt.sql(column="e.object_id", packed="e.facet_values")
    statements, params = [], []
    for ready, condition, condition_params in slices:
        statements.append(f"{engine.match_sql()} AND {condition} AND {where}")
        params += [ready, key, *condition_params, *where_params]
    with connection.cursor() as cursor:
        cursor.execute(f"{' UNION ALL '.join(statements)} LIMIT %s", [*params, limit])
        return [row[0] for row in cursor.fetchall()]


def best(
    engine,
    slices,
    flt: Filters,
    key: str,
    limit: int,
    offset: int = 0,
    rows: FacetRows | None = None,
) -> list[int]:
    """The ``limit`` best-scored (bm25 / ts_rank) object ids matching any of ``slices``
    ((ready expression, SQL condition, its parameters), as Backend.sampled gives them): the
    candidates of a huge result set are chosen by relevance, never by age (issue 14).
    ``rows``: the FacetRows of the read that drew ``slices``; where that read scored them
    (packed_facets), they are ranked by those scores, as the statement would, with none."""
    if rows is not None and rows.passed_scores is not None:
        ranked = sorted(zip(rows.passed_scores, rows.passed_ids, strict=True), key=_best_first)
        return [object_id for _score, object_id in ranked[offset : offset + limit]]
    if not slices:  # an empty sample: "FROM () s" would be a syntax error
        return []
    slices = engine.scoring_slices(slices)
    where, where_params = flt.sql(column="e.object_id", packed="e.facet_values")
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


def _best_first(scored: tuple[float, int]) -> tuple[float, int]:
    """``best``'s order: the highest score first, then the lowest object id."""
    return -scored[0], scored[1]

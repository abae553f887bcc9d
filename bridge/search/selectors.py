"""Reads: search(). Never raises for any q, filter value or page (only for an unknown key)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection

from bridge.core.metrics import timed_search
from bridge.search import head, registry
from bridge.search.analysis import Token
from bridge.search.backends import Backend, backend
from bridge.search.candidates import rerank_candidates, scored_candidates
from bridge.search.facets import FacetRows, facet_counts, narrowed_facet_counts
from bridge.search.highlight import Matcher, highlight, snippet
from bridge.search.models import BUCKETS, SearchEntry, SearchNumber
from bridge.search.query import Query, build_query, concept_query
from bridge.search.rerank import BEST_BODY_ONLY, RERANK_DEPTH
from bridge.search.sql import (
    best,
    by_number,
    clean_filters,
    packed_facets,
    page_sql,
    passing_rows,
    reranked,
    sample_matches,
)
from bridge.search.thesaurus import current
from bridge.search.typos import explicit, tolerate_typos, vocabulary

MAX_PAGE_SIZE = 100
MAX_QUERY_CHARS = 1_000
# Words of a query searched for: a pasted paragraph would otherwise become an expression of
# hundreds of terms, each tried against the vocabulary for typos (issue 14, bad input).
MAX_TERMS = 24
# Result sets estimated above EXACT_LIMIT are counted and faceted from a sample of about
# SAMPLE_TARGET objects (the first sample covers about SAMPLE_TARGET entries) and ranked from the
# HEAD_CANDIDATES best title/keyword matches and the RERANK_DEPTH best of the sample
# (docs/decisions/0005-search-speed.md, issue 14).
EXACT_LIMIT = 5_000
SAMPLE_TARGET = 2_000
HEAD_CANDIDATES = 100
THIN_SAMPLE = SAMPLE_TARGET // 2
# The most rows _narrowed reads: the sample's estimate of the passing matches may be low.
NARROW_LIMIT = 4 * EXACT_LIMIT
# Index entries per sample entry above which a sample is re-ranked whole, not left to bm25's
# fixed cost (SQLite; decisions 0026, 0029): several words cost more to re-rank.
BM25_PER_CANDIDATE = 50
BM25_PER_WORDS_CANDIDATE = 200


@dataclass
class Estimate:
    buckets: int  # of BUCKETS
    rows: FacetRows  # facet values of the sampled matches passing the range filters
    top: int = 0  # the index's highest entry id when sampled
    low: int = 1  # and its lowest
    read: bool = False  # the passing matches are to be read (_narrowed), not sampled again

    @property
    def sampled(self) -> int:
        """Sampled matches passing every filter."""
        return len(self.rows.passed)

    @property
    def matches(self) -> int:
        """All the matches, facet filters aside, as the sample scales to."""
        return math.ceil(self.rows.total * BUCKETS / self.buckets)

    def sample(self, engine: Backend, ready: str | None, matches: float | None = None) -> list:
        return engine.sampled(ready, self.buckets, self.top, self.low, matches=matches)


@dataclass
class SearchResult:
    count: int
    ids: list[int]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    highlights: dict[int, dict[str, str]] = field(default_factory=dict)
    suggestion: str | None = None
    # True when count and facet counts are estimates from a sample (huge result sets)
    approximate: bool = False


def _default_sort(key: str) -> str:
    has_created = SearchNumber.objects.filter(index_key=key, name="created").exists()
    return "-created" if has_created else "relevance"


def search(
    *,
    key: str,
    q: str = "",
    filters: dict[str, list[str]] | None = None,
    ranges: dict[str, tuple[float | None, float | None]] | None = None,
    facets: Sequence[str] = (),
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
    concepts: Sequence[str] = (),
) -> SearchResult:
    """``q`` is what a person typed; ``concepts`` (thesaurus ids, instead of ``q``) finds the
    objects tagged with or naming any of them, in any language: a heritage page, "related"."""
    with timed_search(key), backend().planned():  # bridge_search_duration_seconds in /metrics
        return _search(
            key=key,
            q=q,
            filters=filters,
            ranges=ranges,
            facets=facets,
            sort=sort,
            page=page,
            page_size=page_size,
            concepts=concepts,
        )


def _search(*, key, q, filters, ranges, facets, sort, page, page_size, concepts) -> SearchResult:
    registry.get(key)  # unknown key: LookupError, a programming error
    engine = backend()
    thesaurus = current()
    q = (q or "")[:MAX_QUERY_CHARS]
    if concepts and q.strip():
        raise ValueError("search by q or by concepts, not both")
    query = concept_query(concepts) if concepts else build_query(q, thesaurus)
    query = Query(query.terms[:MAX_TERMS], query.extra)
    if (q.strip() or concepts) and not query.terms:
        return SearchResult(0, [], {str(f): [] for f in facets})
    *span, words_version = _span(engine, key)  # first: on PostgreSQL it sets the planner
    suggested: list[str] = []
    replacements: list[Token] = []
    flt = clean_filters(key, filters, ranges)
    page_size = max(1, min(int(page_size or 20), MAX_PAGE_SIZE))
    page = max(1, int(page or 1))
    facets = [str(f)[:40] for f in facets]
    ready = None
    if concepts:
        ready = engine.text(engine.match_any(query))
    elif query.terms:
        original = [t.token.key for t in query.terms]
        words = vocabulary(key, version=words_version)
        query, suggested, replacements = tolerate_typos(engine, key, query, thesaurus, words)
        query = explicit(query, words)
        ready = engine.text(engine.match_any(query))
    elif sort == "relevance":
        sort = _default_sort(key)
    # The sampled path's best() ranks a sample of several words; one word's, rarely (the head)
    scored = len(query.terms) + len(query.extra) > 1 and sort == "relevance"
    estimate = _estimate(engine, key, ready, flt, span, scored=scored)
    if estimate is None:
        result = _exact(engine, key, query, ready, flt, facets, sort, page, page_size)
    elif flt.facets and (
        estimate.read or estimate.sampled * BUCKETS / estimate.buckets <= EXACT_LIMIT
    ):
        # (Without facet filters a second, thicker sample may still estimate few: as many
        # as were estimated many at first, so sampled as before.)
        result = _narrowed(engine, key, query, flt, facets, sort, page, page_size, estimate)
    else:
        result = _sampled(engine, key, query, ready, flt, facets, sort, page, page_size, estimate)
    if concepts:
        return result
    if query.terms and result.ids:
        tokens = [t.token for t in query.terms] + replacements
        result.highlights = _highlights(key, result.ids, Matcher.for_tokens(tokens, thesaurus))
    if result.count == 0 and query.terms and suggested != original:
        result.suggestion = " ".join(suggested)
    return result


def _span(engine: Backend, key: str) -> tuple[int, int, int | None]:
    """The lowest and highest entry id of index ``key``, between which the samples' id ranges
    lie (an index written after others, or rebuilt, starts far above id 1: PostgreSQL's
    sequences never go back), and its vocabulary's version (typos.vocabulary), in one
    statement that on PostgreSQL also sets the search's planner settings."""
    with connection.cursor() as cursor:
        cursor.execute(engine.span_sql(), [key, key, key])
        low, top, version = cursor.fetchone()[:3]
    return (low or 1), (top or 0), version


def _estimate(engine, key, ready, flt, span: Sequence[int], scored=False) -> Estimate | None:
    """None when the matches (facet filters aside) are few enough to read, count and rank
    exactly; else the packed facets (and, ``scored``, the scores: sql.packed_facets) of a
    sample of at least SAMPLE_TARGET matches (or the whole index). The first sample covers
    about SAMPLE_TARGET entries of ``span`` (_span)."""
    low, top = span
    size = max(top - low + 1, 1)
    buckets = max(1, min(BUCKETS, math.ceil(BUCKETS * SAMPLE_TARGET / size)))
    packed = packed_facets(engine, ready, key, flt, buckets, top, low, scored=scored)
    if len(packed) * BUCKETS / buckets <= EXACT_LIMIT:
        return None
    rows = FacetRows(packed, flt.facets)
    sampled = len(rows.passed)
    # Only a thin sample of many passing matches is drawn again: one of 1,900 matches
    # estimates as well as one of 2,000, and a second read of a common word cost a third of
    # its search. Few passing matches are counted exactly (_narrowed).
    thin = sampled < THIN_SAMPLE and sampled * BUCKETS / buckets > EXACT_LIMIT
    if thin and buckets < BUCKETS:
        thicker = min(BUCKETS, math.ceil(buckets * SAMPLE_TARGET / max(sampled, 1)))
        passing, resampled = sampled * BUCKETS / buckets, len(packed) * thicker / buckets
        if _reads_instead(engine, ready, flt, passing, resampled):
            return Estimate(buckets, rows, top, low, read=True)
        read = (buckets, packed)  # the thicker sample holds it: only the rest is read
        buckets = thicker
        packed = packed_facets(engine, ready, key, flt, buckets, top, low, scored=scored, read=read)
        rows = FacetRows(packed, flt.facets)
    return Estimate(buckets, rows, top, low)


def _reads_instead(engine, ready, flt, passing: float, resampled: float) -> bool:
    """Whether _narrowed reads the ``passing`` entries rather than _estimate draw a thicker
    sample of ``resampled`` rows: without words, through an index of facet pairs
    (Backend.facet_index), up to NARROW_LIMIT, one costing about four sample rows (0026)."""
    indexed = flt.facets and ready is None and getattr(engine, "facet_index", False)
    return bool(indexed) and passing <= NARROW_LIMIT and 4 * passing <= resampled


def _base(engine, key, query, flt, matches: int = 0) -> tuple[str, list]:
    """The matches of ``query`` (every entry without terms) as ``m`` rows: object_id, score,
    tier, facet_values; narrowed first by the backend's index of facet pairs without terms,
    and with them when the filters hold fewer entries than ``matches`` (0: never)."""
    if query.terms:
        base_sql, base_params = engine.ranked_sql(query)
        prefilter, params = "", []
        if matches:
            prefilter, params = engine.facet_prefilter(flt.facets, fewer_than=matches)
        return base_sql + (f" AND {prefilter}" if prefilter else ""), [*base_params, key, *params]
    prefilter, params = engine.facet_prefilter(flt.facets)
    return (
        "SELECT e.object_id AS object_id, 0 AS score, 0 AS tier, e.facet_values "  # noqa: S608
        f"FROM {engine.entries} e WHERE e.index_key = %s"  # the table: a backend's constant
        + (f" AND {prefilter}" if prefilter else "")
    ), [key, *params]


def _exact(engine, key, query, ready, flt, facets, sort, page, page_size) -> SearchResult:
    base_sql, base_params = _base(engine, key, query, flt)
    if query.terms and sort == "relevance" and page * page_size <= RERANK_DEPTH:
        named = [object_id for object_id, _score in _head(key, query, flt)]
        count, ids = reranked(base_sql, base_params, flt, key, query, page, page_size, named)
    else:
        count, ids = page_sql(base_sql, base_params, flt, sort, key, page, page_size)
    result = SearchResult(count, ids)
    if facets:
        rows = FacetRows(packed_facets(engine, ready, key, flt), flt.facets)
        result.facets = facet_counts(rows, facets)
    return result


def _narrowed(engine, key, query, flt, facets, sort, page, page_size, estimate) -> SearchResult:
    """Few matches pass the facet filters among many (a supplier's 500 materials of 100,000):
    they are read in one statement, the filters tested in SQL, then counted, paged and
    re-ranked exactly. Reading every match's facets for the counts cost 0.5–0.7 s at 100k; a
    filtered facet's other values are counted from the sample instead (approximate)."""
    scale = BUCKETS / estimate.buckets
    base_sql, base_params = _base(engine, key, query, flt, estimate.matches)
    rows = passing_rows(base_sql, base_params, flt, sort, key, NARROW_LIMIT)
    capped = len(rows) == NARROW_LIMIT  # more pass than the sample said: page as before
    start = (page - 1) * page_size
    count = round(estimate.sampled * scale) if capped else len(rows)
    if query.terms and sort == "relevance" and page * page_size <= RERANK_DEPTH:
        named = [object_id for object_id, _score in _head(key, query, flt)]
        candidates = [*named, *(object_id for object_id, _packed in rows[:RERANK_DEPTH])]
        ids = rerank_candidates(key, query, candidates, start + page_size)
        ids = ids[start : start + page_size]
    elif capped and start + page_size > len(rows):
        count, ids = page_sql(base_sql, base_params, flt, sort, key, page, page_size)
    else:
        ids = [object_id for object_id, _packed in rows[start : start + page_size]]
    # Estimated: a filtered facet's counts (its other values), or everything past the cap.
    result = SearchResult(count, ids, approximate=capped or any(f in flt.facets for f in facets))
    if facets and capped:
        result.facets = facet_counts(estimate.rows, facets, scale=scale)
    elif facets:
        passed = [packed for _object_id, packed in rows]
        result.facets = narrowed_facet_counts(passed, estimate.rows, facets, scale)
    return result


def _head(key, query, flt) -> list[tuple[int, float]]:
    """The HEAD_CANDIDATES best matches in the title or keywords, from the head postings,
    with their head score: a bounded read however many titles hold the words
    (docs/decisions/0018)."""
    return head.candidates(key, query, flt, HEAD_CANDIDATES)


def _head_suffices(query: Query, named: list[tuple[int, float]]) -> bool:
    """Whether the head alone holds the first RERANK_DEPTH of a one-word query: it does when
    it is full and its weakest entry scores at least what a match in the body alone can
    (rerank.BEST_BODY_ONLY), since the head is the best title and keyword matches. The sample's
    best (bm25 / ts_rank over ~2,000 entries) is then not read. With several words an entry
    holding all of them, one in its body, ranks first (rerank.Ranker): only the sample brings it."""
    return (
        len(query.terms) == 1
        and not query.extra
        and len(named) >= RERANK_DEPTH
        and named[-1][1] >= BEST_BODY_ONLY
    )


def _sampled(engine, key, query, ready, flt, facets, sort, page, page_size, estimate):
    """A huge result set (a word in a large share of the index, or no q): count and facets are
    estimated from a bucket sample; the first RERANK_DEPTH by relevance are re-ranked from a
    candidate set chosen by relevance (the best title and keyword matches, and the best of the
    sample); deeper pages list the sample by score."""
    scale = BUCKETS / estimate.buckets
    result = SearchResult(round(estimate.sampled * scale), [], approximate=True)
    if facets:
        result.facets = facet_counts(estimate.rows, facets, scale=scale)
    start = (page - 1) * page_size
    if query.terms and sort == "relevance":
        # Candidates by relevance: the best title and keyword matches (the head postings),
        # then the sample's every-word entries or its best (_with_sample). Never the newest:
        # an old listing named by the query must not lose to new ones that mention it in
        # passing (issue 14).
        sample = estimate.sample(engine, ready, estimate.matches)
        if page * page_size <= RERANK_DEPTH:
            named = _head(key, query, flt)
            ids = [object_id for object_id, _score in named]
            if _head_suffices(query, named):
                ranked = rerank_candidates(key, query, ids, page * page_size)
            else:
                ranked = _with_sample(
                    engine, key, query, flt, estimate, sample, ids, page * page_size
                )
            result.ids = ranked[start : start + page_size]
        else:
            result.ids = best(engine, sample, flt, key, page_size, start, estimate.rows)
    elif sort.lstrip("-") not in ("", "relevance") and (
        ids := by_number(engine, ready, flt, key, sort, page_size, start)
    ):
        result.ids = ids
    else:
        base_sql, base_params = _base(engine, key, query, flt)
        _count, result.ids = page_sql(base_sql, base_params, flt, sort, key, page, page_size)
    return result


def _with_sample(engine, key, query, flt, estimate, sample, named, end) -> list[int]:
    """The head's entries ``named`` and the sample's best, ranked (rerank.Ranker), enough
    for the first ``end``. Where bm25 costs more than re-ranking (unscored_candidates: SQLite):
    - a sample small beside the index (BM25_PER_CANDIDATE, BM25_PER_WORDS_CANDIDATE for
      several words) is re-ranked whole, its ids as _estimate read them (passed_ids);
    - with several words, first its entries in tier 2 or above (every word, one in the title
      or keywords: Backend.named_with_every_term): every entry that could rank above them is
      among them, so when they fill the first ``end`` places nothing else is scored.
    Otherwise bm25 / ts_rank's RERANK_DEPTH best of the sample join the head."""
    scored, rows = [], None
    limit = engine.unscored_candidates
    one_word = len(query.terms) == 1 and not query.extra
    per_candidate = BM25_PER_CANDIDATE if one_word else BM25_PER_WORDS_CANDIDATE
    whole = min(4 * limit, (estimate.top - estimate.low + 1) // per_candidate)
    if whole and estimate.sampled <= whole:
        rows = estimate.rows.passed_ids
        if rows is None:  # not kept: read again
            rows = sample_matches(engine, sample, flt, key, whole + 1)
        rows = rows if len(rows) <= whole else None
    if rows is not None and one_word:
        return rerank_candidates(key, query, [*named, *rows], end)
    if len(query.terms) > 1 and limit:
        slices = estimate.sample(engine, engine.named_with_every_term(query))
        every = sample_matches(engine, slices, flt, key, limit + 1)
        if len(every) <= limit:
            scored = sorted(scored_candidates(key, query, [*named, *every], end))
            if len(scored) >= end and -scored[end - 1][0] >= 2:
                return [object_id for *_, object_id in scored]
    seen = {object_id for *_, object_id in scored}
    if rows is None:
        rows = best(engine, sample, flt, key, RERANK_DEPTH, rows=estimate.rows)
    scored += scored_candidates(key, query, [i for i in [*named, *rows] if i not in seen], end)
    return [object_id for *_, object_id in sorted(scored)]


def _highlights(key, ids, matcher: Matcher) -> dict[int, dict[str, str]]:
    rows = SearchEntry.objects.filter(index_key=key, object_id__in=ids).values_list(
        "object_id", "display_title", "display_body"
    )
    return {
        object_id: {"title": highlight(title, matcher), "snippet": snippet(body, matcher)}
        for object_id, title, body in rows
    }


def index_megabytes() -> float:
    """The search tables and their indexes (full-text included) on disk, in MB."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%' "
                "OR name LIKE 'sqlite_autoindex_search_%'"
            )
        else:
            cursor.execute(
                "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c "
                "WHERE c.relkind = 'r' AND c.relname LIKE 'search_%'"
            )
        return float(cursor.fetchone()[0] or 0) / 1e6

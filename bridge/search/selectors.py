"""Reads: search(). Never raises for any q, filter value or page (only for an unknown key)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection

from bridge.search import registry
from bridge.search.analysis import Token, analyse
from bridge.search.backends import Backend, backend
from bridge.search.highlight import Matcher, highlight, snippet
from bridge.search.models import BUCKETS, SearchEntry, SearchNumber
from bridge.search.query import Query, Term, build_query, merged, term_for
from bridge.search.rerank import RERANK_DEPTH
from bridge.search.sql import (
    clean_filters,
    count_of,
    facet_counts,
    page_sql,
    recent,
    rerank_candidates,
    reranked,
)
from bridge.search.thesaurus import current
from bridge.search.typos import Vocabulary, allowed_edits, suggestion_edits, vocabulary

MAX_PAGE_SIZE = 100
MAX_QUERY_CHARS = 1_000
# Result sets estimated above EXACT_LIMIT are counted and faceted from a sample of about
# SAMPLE_TARGET objects (starting with FIRST_SAMPLE of the 256 buckets) and ranked from at most
# 3 × CANDIDATES candidates (docs/decisions/0005-search-speed.md).
EXACT_LIMIT = 5_000
SAMPLE_TARGET = 2_000
FIRST_SAMPLE = 4
CANDIDATES = 50


@dataclass
class SearchResult:
    count: int
    ids: list[int]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    highlights: dict[int, dict[str, str]] = field(default_factory=dict)
    suggestion: str | None = None
    # True when count and facet counts are estimates from a sample (huge result sets)
    approximate: bool = False


def _present(engine: Backend, key: str, term: Term, words: Vocabulary) -> bool:
    if term.token.key in words.words:
        return True
    sql, params = engine.ids_sql(engine.term(term))
    with connection.cursor() as cursor:
        cursor.execute(sql + " LIMIT 1", [*params, key])
        return cursor.fetchone() is not None


def _tolerate_typos(engine, key, query: Query, thesaurus):
    """Replace absent terms by their closest vocabulary words. Also returns the suggestion
    words (the closest word, or the term itself) for "did you mean", and the replacement
    tokens (highlighted like the query's own)."""
    words = vocabulary(key)
    terms, suggested, replacements = [], [], []
    for term in query.terms:
        if _present(engine, key, term, words):
            terms.append(term)
            suggested.append(term.token.key)
            continue
        candidates = words.closest(term.token.key, allowed_edits(term.token.key))
        if candidates:
            tokens = [t for word in candidates for t in analyse(word)[:1]]
            replacements += tokens
            terms.append(merged([term, *(term_for(t, thesaurus) for t in tokens)]))
        else:
            terms.append(term)
        near = candidates or words.closest(term.token.key, suggestion_edits(term.token.key), 1)
        suggested.append(near[0] if near else term.token.key)
    return Query(terms, query.extra), suggested, replacements


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
) -> SearchResult:
    registry.get(key)  # unknown key: LookupError, a programming error
    engine = backend()
    thesaurus = current()
    q = (q or "")[:MAX_QUERY_CHARS]
    query = build_query(q, thesaurus)
    if q.strip() and not query.terms:
        return SearchResult(0, [], {str(f): [] for f in facets})
    suggested: list[str] = []
    replacements: list[Token] = []
    flt = clean_filters(key, filters, ranges)
    page_size = max(1, min(int(page_size or 20), MAX_PAGE_SIZE))
    page = max(1, int(page or 1))
    facets = [str(f)[:40] for f in facets]
    ready = None
    if query.terms:
        original = [t.token.key for t in query.terms]
        query, suggested, replacements = _tolerate_typos(engine, key, query, thesaurus)
        ready = engine.text(engine.match_any(query))
    elif sort == "relevance":
        sort = _default_sort(key)
    estimate = _estimate(engine, key, ready, flt)
    if estimate is None:
        result = _exact(engine, key, query, ready, flt, facets, sort, page, page_size)
    else:
        result = _sampled(engine, key, query, ready, flt, facets, sort, page, page_size, estimate)
    if query.terms and result.ids:
        tokens = [t.token for t in query.terms] + replacements
        result.highlights = _highlights(key, result.ids, Matcher.for_tokens(tokens, thesaurus))
    if result.count == 0 and query.terms and suggested != original:
        result.suggestion = " ".join(suggested)
    return result


def _estimate(engine, key, ready, flt) -> tuple[int, int] | None:
    """None when the filtered matches are few enough to count and rank exactly; else
    (sampled matches, buckets sampled) from a sample of at least SAMPLE_TARGET objects."""
    buckets = FIRST_SAMPLE
    params = [engine.sample(ready, buckets), key]
    sampled = count_of(engine.match_sql(), params, flt)
    if sampled * BUCKETS / buckets <= EXACT_LIMIT:
        return None
    if sampled < SAMPLE_TARGET:
        buckets = min(BUCKETS, math.ceil(buckets * SAMPLE_TARGET / max(sampled, 1)))
        params = [engine.sample(ready, buckets), key]
        sampled = count_of(engine.match_sql(), params, flt)
    return sampled, buckets


def _exact(engine, key, query, ready, flt, facets, sort, page, page_size) -> SearchResult:
    if query.terms:
        base_sql, base_params = engine.ranked_sql(query)
        base_params = [*base_params, key]
        source = (engine.match_sql(), [ready, key])
    else:
        base_sql = (
            "SELECT e.object_id AS object_id, 0 AS score, 0 AS tier "
            "FROM search_searchentry e WHERE e.index_key = %s"
        )
        base_params = [key]
        source = ("SELECT e.object_id FROM search_searchentry e WHERE e.index_key = %s", [key])
    if query.terms and sort == "relevance" and page * page_size <= RERANK_DEPTH:
        count, ids = reranked(base_sql, base_params, flt, key, query, page, page_size)
    else:
        count, ids = page_sql(base_sql, base_params, flt, sort, key, page, page_size)
    result = SearchResult(count, ids)
    result.facets = facet_counts(*source, flt, facets) if facets else {}
    return result


def _sampled(engine, key, query, ready, flt, facets, sort, page, page_size, estimate):
    """A huge result set (a word in a large share of the index, or no q): count and facets are
    estimated from a bucket sample; the first RERANK_DEPTH by relevance are re-ranked from a
    bounded candidate set (newest matches in the title, of every term, and overall)."""
    sampled, buckets = estimate
    scale = BUCKETS / buckets
    result = SearchResult(round(sampled * scale), [], approximate=True)
    if facets:
        source = (engine.match_sql(), [engine.sample(ready, buckets), key])
        result.facets = facet_counts(*source, flt, facets, scale=scale)
    start = (page - 1) * page_size
    if query.terms and sort == "relevance" and page * page_size <= RERANK_DEPTH:
        candidates = dict.fromkeys(recent(engine, engine.title(query), flt, key, CANDIDATES))
        if len(query.terms) > 1:
            every = engine.text(engine.all_of([engine.term(t) for t in query.terms]))
            candidates.update(dict.fromkeys(recent(engine, every, flt, key, CANDIDATES)))
        candidates.update(dict.fromkeys(recent(engine, ready, flt, key, CANDIDATES)))
        result.ids = rerank_candidates(key, query, list(candidates))[start : start + page_size]
    elif query.terms and sort == "relevance":
        result.ids = recent(engine, ready, flt, key, page_size, start)
    else:
        base_sql = (
            "SELECT e.object_id AS object_id, 0 AS score, 0 AS tier "
            "FROM search_searchentry e WHERE e.index_key = %s"
        )
        base_params = [key]
        if query.terms:
            base_sql, base_params = engine.ranked_sql(query)
            base_params = [*base_params, key]
        _count, result.ids = page_sql(base_sql, base_params, flt, sort, key, page, page_size)
    return result


def _highlights(key, ids, matcher: Matcher) -> dict[int, dict[str, str]]:
    rows = SearchEntry.objects.filter(index_key=key, object_id__in=ids).values_list(
        "object_id", "display_title", "display_body"
    )
    return {
        object_id: {"title": highlight(title, matcher), "snippet": snippet(body, matcher)}
        for object_id, title, body in rows
    }

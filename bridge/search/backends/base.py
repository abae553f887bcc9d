"""What a full-text backend supplies: SQL that selects matching entries of one index.

Both backends return rows (object_id, score, tier, facet_values) where a higher score is
better and tier orders, before the score, documents holding every query term (2) and the exact
phrase (1); facet filters test the packed facet_values.
Everything else — filters, facets, numbers, sorting, paging — is plain SQL shared by both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import nullcontext

from django.db import connection

from bridge.search.models import BUCKETS
from bridge.search.query import Alternative, Query, Term

# Systematic sample: this many equal id ranges, evenly spaced (see strata).
STRATA = 8


def strata(buckets: int, top: int, low: int = 1) -> list[tuple[int, int]]:
    """Up to STRATA id ranges spread over low..top (one index's entry ids), together
    buckets/BUCKETS of them: both engines seek an id range directly and read its rows together
    (they were written together). The span is the index's own: an index written after others
    (or rebuilt) lies high in the id space, and ranges over 1..top missed it.

    Stratum s is the ids from s/STRATA to (s + 1)/STRATA of the span; its range starts at the
    stratum's first id and is as wide as the sample's cumulative share grows over the stratum
    (ceil(ids before × buckets / BUCKETS)). So the ranges never overlap nor leave the span
    (an entry read twice would count twice in the estimate and the facets), together they
    hold ceil(span × buckets / BUCKETS) ids, the share the estimate scales back by
    (selectors._sampled), and buckets = BUCKETS reads every id once. A stratum whose share
    rounds to no id is left out: a span of 4 ids at buckets = 128 is read as ids 1 and 3,
    and an empty span (top < low) gives no range at all."""
    span = max(0, top - low + 1)
    edges = [stratum * span // STRATA for stratum in range(STRATA + 1)]
    share = [-(-edge * buckets // BUCKETS) for edge in edges]  # ceil, in integers
    return [
        (low + edges[s], low + edges[s] + share[s + 1] - share[s] - 1)
        for s in range(STRATA)
        if share[s + 1] > share[s]
    ]


def strata_beyond(buckets: int, read: int, top: int, low: int = 1) -> list[tuple[int, int]] | None:
    """The ids of the sample strata(buckets, top, low) that the thinner strata(read, top, low)
    lacks, as ranges: each stratum's range starts at the same id in both, so a thicker sample
    is a thinner one read before, plus these (selectors._estimate reads only these). None
    where a stratum of the thinner one is the wider (ceil rounds the shares of some pairs
    so): the thicker one is then read whole."""
    thinner = dict(strata(read, top, low))
    beyond = []
    for start, end in strata(buckets, top, low):
        done = thinner.pop(start, start - 1)
        if done > end:
            return None
        if done < end:
            beyond.append((done + 1, end))
    return None if thinner else beyond


class Backend(ABC):
    vendor: str
    # The most entries of a sample holding every word of a query that are re-ranked as
    # candidates instead of scoring the whole sample (selectors._with_sample); 0: never.
    unscored_candidates = 0
    # The table whose rows (alias e: id, index_key, object_id, facet_values, anchored) the
    # shared SQL reads when no text is matched (q-less counts and facets).
    entries = "search_searchentry"
    # Whether the entries passing the facet filters are found through an index of their
    # pairs (facet_prefilter's, or the one holds_any_pair's test reads), so that a filter
    # without words may read them rather than sample them (selectors._reads_instead).
    facet_index = False
    # SQL of a match's score (bm25 / ts_rank; its one parameter the ready expression) that the
    # read drawing a sample also selects, where scoring costs little beside matching, so that
    # the sample's best need no statement of their own (sql.best); None: they do.
    sample_score: str | None = None

    def facet_prefilter(
        self, facets: dict[str, list[str]], *, fewer_than: int = 0
    ) -> tuple[str, list]:
        """A condition that lets through at least every entry passing the facet filters, from
        an index of facet pairs, and its parameters: on ``e.id`` (an entry of ``entries``), or
        with ``fewer_than`` on the text match of ranked_sql, whose statement it ends, and only
        when the filters hold fewer entries than that. "" where the filters' own test
        (holds_any_pair) is answered from an index already."""
        return "", []

    @abstractmethod
    def holds_any_pair(self, packed: str, pairs: list[str]) -> tuple[str, list]:
        """SQL and its parameters, true when ``packed`` (an SQL expression: a packed
        facet_values string) holds one of ``pairs`` (each "facet US value"; sql.Filters)."""

    def planned(self):
        """A context for the statements of one search (PostgreSQL: a transaction, for the
        planner settings that span_sql sets)."""
        return nullcontext()

    def span_sql(self) -> str:
        """SELECT the lowest and highest entry id of one index, two seeks on its (index_key,
        id) index, and its vocabulary's newest word id (typos.vocabulary's version), for the
        index's key thrice. The first statement of every search (selectors._span)."""
        edge = "SELECT id FROM search_searchentry WHERE index_key = %s ORDER BY id"
        words = "SELECT MAX(id) FROM search_searchword WHERE index_key = %s"
        return f"SELECT ({edge} LIMIT 1), ({edge} DESC LIMIT 1), ({words})"

    # --- expression rendering (per vendor) ---
    @abstractmethod
    def alternative(self, alternative: Alternative) -> str:
        """One way a query word may match (word, loose form, stem prefix or concept)."""

    @abstractmethod
    def any_of(self, parts: list[str]) -> str:
        """Expressions joined so that any one matches."""

    @abstractmethod
    def all_of(self, parts: list[str]) -> str:
        """Expressions joined so that all must match."""

    @abstractmethod
    def phrase(self, keys: tuple[str, ...]) -> str:
        """The words in this order, next to each other."""

    def term(self, term: Term) -> str:
        return self.any_of([self.alternative(a) for a in term.alternatives])

    def match_any(self, query: Query) -> str:
        parts = [self.term(term) for term in query.terms]
        parts += [self.alternative(a) for a in query.extra]
        return self.any_of(parts)

    # --- SQL (per vendor) ---
    @abstractmethod
    def text(self, expression: str) -> str:
        """A ready expression: ``expression`` in any text field."""

    @abstractmethod
    def ranked_sql(self, query: Query) -> tuple[str, list]:
        """SELECT object_id, score, tier, facet_values of entries matching ``query``; the caller
        adds ``AND e.index_key = %s``-style conditions through the returned WHERE tail."""

    @abstractmethod
    def ids_sql(self, match: str) -> tuple[str, list]:
        """SELECT object_id of entries matching the rendered expression ``match`` (unranked)."""

    @abstractmethod
    def match_sql(self, columns: str = "e.object_id AS object_id") -> str:
        """SELECT ``columns`` (of entry ``e``) of the entries matching a ready expression
        (first parameter) in one index (second parameter), unranked."""

    @abstractmethod
    def sampled(
        self,
        ready: str | None,
        buckets: int,
        top: int,
        low: int = 1,
        ranges=None,
        matches: float | None = None,
    ) -> list[tuple[str | None, str, list]]:
        """Slices of a sample of about buckets/BUCKETS of the entries matching ``ready``
        (None: every entry), ``low``..``top`` being the index's entry ids: per slice (ready expression,
        SQL condition on ``e`` or the full-text table, its parameters). ``ranges``: the id
        ranges to read instead of the sample's strata, a part of them (strata_beyond).
        ``matches``: the entries matching ``ready`` in the whole index, as a thinner sample
        estimated them, where one was read; a backend may read the slices otherwise then."""

    def scoring_slices(self, slices: list[tuple[str | None, str, list]]):
        """The slices of a sample as ``best`` scores them (by default, as they are)."""
        return slices

    @abstractmethod
    def scored_sql(self, where: str) -> tuple[str, int]:
        """SELECT object_id, score (bm25 / ts_rank, higher is better) of the entries matching a
        ready expression in one index and the SQL condition ``where`` (on ``e`` or the full-text
        table); also how many times the expression is a parameter before the index key."""

    @abstractmethod
    def matches_object(self, column: str) -> str:
        """An SQL condition: the entry of the object in ``column`` matches a ready expression
        (first parameter) in one index (second parameter)."""

    @abstractmethod
    def add_rows(self, cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert ``rows`` into ``table``, a value per column of ``columns``, in as few
        statements as the database allows: the entry table's triggers cost per statement."""

    def add_words(self, cursor, key: str, words: list[str]) -> None:
        """Add ``words`` to index ``key``'s vocabulary; those it holds already stay as they are."""
        cursor.executemany(
            "INSERT INTO search_searchword (index_key, word) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            [(key, word) for word in words],
        )

    def any_match(self, match: str, key: str) -> bool:
        """Whether any entry of index ``key`` matches the rendered expression ``match``."""
        sql, params = self.ids_sql(match)
        with connection.cursor() as cursor:
            cursor.execute(sql + " LIMIT 1", [*params, key])
            return cursor.fetchone() is not None

    @abstractmethod
    def head(self, expression: str) -> str:
        """A ready expression: ``expression`` in the title or keywords (rerank.HEAD_FIELDS)."""

    def named_with_every_term(self, query: Query) -> str:
        """A ready expression for the entries rerank.Ranker puts in tier 2 or above: every
        term (or a concept that the whole query names) in some field, and one of them in the
        title or keywords (a listing about the query)."""
        every = self.all_of([self.term(term) for term in query.terms])
        if query.extra:
            every = self.any_of([every, *map(self.alternative, query.extra)])
        return self.all_of([self.text(every), self.head(self.match_any(query))])

    def tiers(self, query: Query) -> list[tuple[str, int]]:
        """(ready expression, tier weight) for the AND and phrase boosts; the phrase counts in
        the title and keywords only (rerank.Ranker)."""
        if len(query.terms) < 2:
            return []
        return [
            (self.text(self.all_of([self.term(term) for term in query.terms])), 2),
            (self.head(self.phrase(query.phrase)), 1),
        ]

"""PostgreSQL: a tsvector (weights A/B/C from title/keywords/body) in the narrow table
search_vector, indexed with GIN (migration 0014, decision 0025), ranked with ts_rank.

Query text is cast to tsquery, never parsed by a text-search configuration, so lexemes are
exactly the analyser's tokens, as in the tsvector built by migration 0002.

search_vector (migration 0007) holds, per entry, only what matching, sampling and facet counts
read: id (= the entry's id), index_key, object_id, facet_values, vector. Every statement
aliases it ``e``, like the entry table, so the shared SQL of bridge.search.sql works on both.
"""

# ruff: noqa: S608 — only constants and %s placeholders are interpolated; query text is a parameter.
from __future__ import annotations

import re
from contextlib import nullcontext

from django.db import connection, transaction

from bridge.search.models import BUCKETS
from bridge.search.query import Alternative, Query
from bridge.search.rerank import UNANCHORED

from .base import Backend, strata

TABLE = "search_vector"
# Per search, in a transaction (SET LOCAL; see planned and span_sql): the planner costs ``@@``
# at ~0 and then prefers a sequential scan for a word in a few % of the entries, rechecking
# every vector (1.6 s at 100k on the wide table); and JIT compiles those "expensive" plans.
PLANNER = "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"

# ts_rank weights {D, C, B, A}: body 1, keywords 2, title 3 — FTS5's bm25 weights, scaled. A
# description that is not about what its title and keywords name (search_searchentry.anchored)
# is written at weight D, counting rerank.UNANCHORED of a body, as the re-ranker counts it: the
# candidates are then chosen as they will be ordered (migration 0011, issue 14).
WEIGHTS = f"{{{UNANCHORED / 3:.4f}, 0.3333, 0.6667, 1.0}}"
# A sample of at least 1/WIDE of the index is read in one statement (sampled), and one whose
# word has at most POSTINGS_PER_ID matches in the index per id it reads: a GIN posting costs
# a quarter to a third of reading an id's row and testing its vector (_from_postings).
WIDE = 10
POSTINGS_PER_ID = 4


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresBackend(Backend):
    vendor = "postgresql"
    entries = TABLE
    # ts_rank costs per row it reads: ranking a sample of ~2,000 takes 6–9 ms at 100k, about
    # what reading its every-word entries alone does, so the sample is ranked (issue 14).
    unscored_candidates = 0
    # The filters' own test reads the GIN index of pairs (migration 0015): at 1M, a fibre and
    # a price band without words read 11,651 entries in 186 ms, where a thicker sample took
    # 1,373 ms.
    facet_index = True
    # Matching dominates a sample's read: a three-word query's ~2,000 sampled matches at 100k
    # read in 19.3 ms, and ranked by ts_rank in another statement in 20.8 ms.
    sample_score = f"ts_rank('{WEIGHTS}', e.vector, %s::tsquery, 1)"

    def alternative(self, alternative: Alternative) -> str:
        return _lexeme(alternative.text) + (":*" if alternative.prefix else "")

    def any_of(self, parts: list[str]) -> str:
        return "(" + " | ".join(parts) + ")"

    def all_of(self, parts: list[str]) -> str:
        return "(" + " & ".join(parts) + ")"

    def phrase(self, keys: tuple[str, ...]) -> str:
        return "(" + " <-> ".join(_lexeme(key) for key in keys) + ")"

    def holds_any_pair(self, packed: str, pairs: list[str]) -> tuple[str, list]:
        # The pairs as an array, the expression of the GIN index search_vector_pairs
        # (migration 0015): a filter without words reads its rows from that index, not
        # every narrow row of the index key (a supplier's 500 of 100,000: 110 → 3 ms).
        return f"string_to_array({packed}, chr(30)) && %s::text[]", [pairs]

    # --- ready-to-match expressions ---
    def text(self, expression: str) -> str:
        return expression

    def head(self, expression: str) -> str:
        # Every lexeme restricted to weights A (title) and B (keywords); a phrase keeps them.
        return re.sub(
            r"'((?:[^']|'')*)'(:\*)?",
            lambda m: m.group(0) + ("AB" if m.group(2) else ":AB"),
            expression,
        )

    def title(self, query: Query) -> str:
        """``match_any`` restricted to title lexemes (weight A)."""
        parts = [
            _lexeme(a.text) + (":*A" if a.prefix else ":A")
            for term in query.terms
            for a in term.alternatives
        ]
        parts += [_lexeme(a.text) + ":A" for a in query.extra]
        return self.any_of(parts)

    def add_rows(self, cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        # COPY: one statement, so the entry table's triggers run once (migration 0020), and
        # psycopg formats its rows in C. 2,000 entries took 0.70 s sent row by row.
        if not rows:
            return
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def add_words(self, cursor, key: str, words: list[str]) -> None:
        # One statement with one array: a batch brings ~30,000 words, nearly all known, and a
        # statement per word took 6 of the 41 s of indexing 10,000 documents.
        cursor.execute(
            "INSERT INTO search_searchword (index_key, word) "
            "SELECT %s, unnest(%s::varchar[]) ON CONFLICT DO NOTHING",
            [key, words],
        )

    def planned(self):
        if connection.in_atomic_block:
            # The caller's transaction: the settings last until it ends (no savepoint and no
            # RESET, two statements fewer per search; searches run in views, not in atomic
            # blocks, so this is the tests' case and the odd service's).
            return nullcontext()
        return transaction.atomic()  # SET LOCAL lasts until this transaction ends

    def span_sql(self) -> str:
        # The planner settings ride on a search's first own statement.
        return f"{super().span_sql()}, {PLANNER}"

    def sampled(self, ready, buckets, top, low=1, ranges=None, matches=None):
        # Id ranges, as on SQLite: a bucket range (a hash of the object id, dropped in
        # migration 0009) read its sample from rows spread over the whole table, one heap
        # page per row (~4,000 pages for a common word at 100k); rows of an id range share
        # their pages.
        ranges = strata(buckets, top, low) if ranges is None else ranges
        if ready is None or len(ranges) < 2 or not self._from_postings(buckets, ranges, matches):
            return [(ready, "e.id BETWEEN %s AND %s", [start, end]) for start, end in ranges]
        either = " OR ".join(["e.id BETWEEN %s AND %s"] * len(ranges))
        return [(ready, f"({either})", [bound for bounds in ranges for bound in bounds])]

    @staticmethod
    def _from_postings(buckets: int, ranges, matches: float | None) -> bool:
        """Whether one statement (the word's GIN postings ANDed with the ranges' ids) reads
        the sample rather than range by range (each range's ids through the primary key,
        testing every vector): a sample of 1/WIDE of the index or more (0022), or one whose
        word's matches in the whole index, as a thinner sample estimated them, are at most
        POSTINGS_PER_ID per id it reads. The first form costs per match in the index, the
        second per id read: at 1M, «zardozi»'s thicker sample (11/256 of the ids; 49,314
        matches, 39,062 ids to read) reads in 15–24 ms against 52–81 (decision 0032)."""
        if buckets * WIDE >= BUCKETS:
            return True
        ids = sum(end - start + 1 for start, end in ranges)
        return matches is not None and matches <= POSTINGS_PER_ID * ids

    # --- SQL ---
    def match_sql(self, columns: str = "e.object_id AS object_id") -> str:
        return f"SELECT {columns} FROM {TABLE} e WHERE e.vector @@ %s::tsquery AND e.index_key = %s"

    def matches_object(self, column: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {TABLE} x WHERE x.vector @@ %s::tsquery "
            f"AND x.index_key = %s AND x.object_id = {column})"
        )

    def scored_sql(self, where: str) -> tuple[str, int]:
        return (
            f"SELECT e.object_id AS object_id, ts_rank('{WEIGHTS}', e.vector, %s::tsquery, 1) "
            f"AS score FROM {TABLE} e "
            f"WHERE e.vector @@ %s::tsquery AND e.index_key = %s AND {where}"
        ), 2

    def ranked_sql(self, query: Query) -> tuple[str, list]:
        tier_sql, params = ["0"], []
        for expression, weight in self.tiers(query):
            tier_sql.append(f"CASE WHEN e.vector @@ %s::tsquery THEN {weight} ELSE 0 END")
            params.append(expression)
        match = self.match_any(query)
        sql = (
            f"SELECT e.object_id AS object_id, ts_rank('{WEIGHTS}', e.vector, %s::tsquery, 1) "
            f"AS score, {' + '.join(tier_sql)} AS tier, e.facet_values FROM {TABLE} e "
            "WHERE e.vector @@ %s::tsquery AND e.index_key = %s"
        )
        return sql, [match, *params, match]

    def ids_sql(self, match: str) -> tuple[str, list]:
        return self.match_sql(), [match]

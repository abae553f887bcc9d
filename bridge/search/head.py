"""Head postings: for each token of an entry's title and keywords, what it adds to the
re-ranker's score (rerank.head_impacts), kept per token in descending order, at most KEEP
per token (docs/decisions/0018-head-postings.md).

The head of a search (the HEAD_CANDIDATES best title and keyword matches, issue 14) is read
from here: for each way a query word may match, the KEEP best entries are the first rows of
one index range, so the head costs the same for a word in 10 titles or in 50,000. Ranking
every title match with bm25 / ts_rank instead cost 350–600 ms at 100k on PostgreSQL.

Rows are deleted with their entries (services), inside the same transaction. An indexing
call keeps, per token, only its KEEP best new postings in memory (Best) and writes them when it
ends; the lists are then cut back to KEEP (prune) once, so a common token's list is read once
per call, and the rows a cut would delete are never written.
"""

# ruff: noqa: S608 — only constants and %s placeholders are interpolated; values are parameters.
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from bridge.search.query import Query
from bridge.search.rerank import HEAD_FIELDS, head_impacts

TABLE = "search_searchhead"
# Impacts are stored as integers (3 bytes in SQLite instead of a float's 8).
SCALE = 10_000
# Entries kept per token: twice what a head reads, so removing entries rarely leaves a list
# short before the next rebuild (a cut entry is not brought back when others go).
KEEP = 200
# Index ranges read per search: a long query's words share them, every word gets at least 4.
MAX_READS = 128
# The first code point above every other: a prefix's range ends below prefix + LAST.
LAST = "\U0010ffff"
CHUNK = 500
MAX_TOKEN = 200  # the column's length


def postings(key: str, object_id: int, fields: dict[str, str]) -> list[tuple[str, str, int, int]]:
    """(index_key, token, impact, object_id) rows of one entry's token strings."""
    return [
        (key, token, round(impact * SCALE), object_id)
        for token, impact in head_impacts(fields).items()
        if len(token) <= MAX_TOKEN  # a longer "word" is no name anyone searches by
    ]


class Best:
    """Per token, the KEEP best postings added so far: the ones a prune could keep."""

    def __init__(self) -> None:
        # token → heap of (impact, -object_id): its root is the posting a prune cuts first.
        self._lists: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.objects: set[int] = set()

    def add(self, object_id: int, fields: dict[str, str]) -> None:
        """The postings of one entry's token strings (as postings() makes them), straight into
        the lists: building each as a row first was a tenth of a chunk's indexing time."""
        lists = self._lists
        self.objects.add(object_id)
        negative = -object_id
        for token, impact in head_impacts(fields).items():
            if len(token) > MAX_TOKEN:
                continue
            heap, item = lists[token], (round(impact * SCALE), negative)
            if len(heap) < KEEP:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)

    def rows(
        self, key: str, last: dict[str, tuple[int, int]] | None = None
    ) -> list[tuple[str, str, int, int]]:
        """The kept postings in the table's order (appending to a b-tree is its cheapest write),
        less those that rank below ``last[token]`` (lists): a prune would cut them."""
        last = last or {}
        return sorted(
            (key, token, impact, -negative)
            for token, heap in self._lists.items()
            for impact, negative in heap
            if token not in last or (impact, negative) > last[token]
        )

    def tokens(self) -> list[str]:
        return list(self._lists)

    def clear(self) -> None:
        self._lists.clear()
        self.objects.clear()


def write(cursor, rows: list[tuple[str, str, int, int]]) -> None:
    if rows and connection.vendor == "postgresql":
        # One statement with four arrays rather than a statement per row (round trips).
        cursor.execute(
            f"INSERT INTO {TABLE} (index_key, token, impact, object_id) SELECT * FROM "
            "unnest(%s::varchar[], %s::varchar[], %s::integer[], %s::bigint[])",
            [list(column) for column in zip(*rows, strict=True)],
        )
    elif rows:
        cursor.executemany(
            f"INSERT INTO {TABLE} (index_key, token, impact, object_id) VALUES (%s, %s, %s, %s)",
            rows,
        )


def forget(cursor, key: str, ids: list[int]) -> list[int]:
    """Delete the postings of these objects' current entries; returns the ids that have an
    entry. They are found through the entries' own tokens (the table is ordered by token,
    not by object), so call this before the entries are deleted."""
    found = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        cursor.execute(
            f"SELECT object_id, {', '.join(HEAD_FIELDS)} FROM search_searchentry "
            f"WHERE index_key = %s AND object_id IN ({marks})",
            [key, *chunk],
        )
        rows = cursor.fetchall()
        found += [object_id for object_id, *_strings in rows]
        pairs = [
            (key, token, object_id)
            for object_id, *strings in rows
            for token in {t for text in strings for t in (text or "").split()}
        ]
        if pairs and connection.vendor == "postgresql":
            # One statement for the chunk: a statement per posting (~65 per entry) cost 51 s
            # to re-index 2,000 entries, in round trips.
            cursor.execute(
                f"DELETE FROM {TABLE} h USING unnest(%s::varchar[], %s::bigint[]) "
                "AS d(token, object_id) "
                "WHERE h.index_key = %s AND h.token = d.token AND h.object_id = d.object_id",
                [
                    [token for _k, token, _o in pairs],
                    [object_id for _k, _t, object_id in pairs],
                    key,
                ],
            )
        elif pairs:
            cursor.executemany(
                f"DELETE FROM {TABLE} WHERE index_key = %s AND token = %s AND object_id = %s",
                pairs,
            )
    return found


def lock(cursor, key: str) -> None:
    """Until the transaction ends, be the only writer of index ``key``'s lists (PostgreSQL;
    SQLite has one writer anyway). Parallel index chunks (decision 0019) cut the same common
    lists: two deletes could lock each other's rows."""
    if connection.vendor == "postgresql":
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"{TABLE}:{key}"])


@dataclass
class Lists:
    """What an indexing call needs of the lists of its tokens, read under lock() (lists)."""

    # Per token whose list is full (KEEP rows), its last row as (impact, -object_id). A new
    # posting ranked below it would be cut by the next prune, so it need not be written: a
    # catch-up chunk of 2,000 wrote ~52,000 postings, and its prune deleted nearly all of
    # them again (100,000 rows with 2 workers: searchable in 116 s instead of 140).
    last: dict[str, tuple[int, int]]
    # Per token with any row, how many (at most KEEP). Only a list that goes past KEEP needs
    # a prune: most of a chunk's ~2,200 tokens are new (one title's number, say).
    rows: dict[str, int]

    def overflowing(self, written: Iterable[str]) -> set[str]:
        """The tokens whose lists hold more than KEEP rows once ``written`` (a token per
        written posting) are in."""
        counts = Counter(written)
        return {token for token, n in counts.items() if self.rows.get(token, 0) + n > KEEP}


def lists(cursor, key: str, tokens: Iterable[str]) -> Lists:
    """The lists of ``tokens`` as they stand. Call it after lock(), so that no other writer
    changes them before the prune."""
    tokens = sorted(set(tokens))
    last, rows = {}, {}
    if not tokens:  # a call that only removed: no statement
        return Lists(last=last, rows=rows)
    if connection.vendor == "postgresql":
        # Per token, two reads of its list in the index's order: its length up to KEEP, and
        # its KEEP-th row (a window over every list cost 0.10 s for a chunk's 2,200 tokens).
        cursor.execute(
            "SELECT t.token, c.n, k.impact, k.object_id FROM unnest(%s::varchar[]) AS t(token) "
            "CROSS JOIN LATERAL (SELECT count(*) AS n FROM (SELECT 1 FROM "
            f"{TABLE} h WHERE h.index_key = %s AND h.token = t.token LIMIT %s) x) c "
            "LEFT JOIN LATERAL (SELECT h.impact, h.object_id FROM "
            f"{TABLE} h WHERE h.index_key = %s AND h.token = t.token "
            "ORDER BY h.impact DESC, h.object_id OFFSET %s LIMIT 1) k ON true WHERE c.n > 0",
            [tokens, key, KEEP, key, KEEP - 1],
        )
        found = cursor.fetchall()
    else:
        found = []
        for start in range(0, len(tokens), CHUNK):
            chunk = tokens[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                "SELECT token, total, impact, object_id FROM (SELECT token, impact, object_id, "
                "ROW_NUMBER() OVER (PARTITION BY token ORDER BY impact DESC, object_id) AS n, "
                "COUNT(*) OVER (PARTITION BY token) AS total "
                f"FROM {TABLE} WHERE index_key = %s AND token IN ({marks})) ranked "
                "WHERE n = min(total, %s)",
                [key, *chunk, KEEP],
            )
            found += [
                (token, min(total, KEEP), impact if total >= KEEP else None, object_id)
                for token, total, impact, object_id in cursor.fetchall()
            ]
    for token, n, impact, object_id in found:
        rows[token] = n
        if impact is not None:
            last[token] = (impact, -object_id)
    return Lists(last=last, rows=rows)


def prune(cursor, key: str, tokens: Iterable[str]) -> None:
    """Cut the lists of ``tokens`` back to their KEEP best rows (ties: the lower object id)."""
    tokens = sorted(set(tokens))
    if not tokens:
        return
    lock(cursor, key)
    if connection.vendor == "postgresql":
        # Each list's rows past KEEP, read in the index's order, then deleted by their place
        # in the table (a join back on the key had the planner read every list per row).
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE ctid = ANY(ARRAY(SELECT x.ctid "
            "FROM unnest(%s::varchar[]) AS t(token) CROSS JOIN LATERAL (SELECT ctid "
            f"FROM {TABLE} WHERE index_key = %s AND token = t.token "
            "ORDER BY impact DESC, object_id OFFSET %s) x))",
            [tokens, key, KEEP],
        )
        return
    for start in range(0, len(tokens), CHUNK):
        chunk = tokens[start : start + CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE index_key = %s AND (token, impact, object_id) IN ("
            "SELECT token, impact, object_id FROM (SELECT token, impact, object_id, "
            "ROW_NUMBER() OVER (PARTITION BY token ORDER BY impact DESC, object_id) AS n "
            f"FROM {TABLE} WHERE index_key = %s AND token IN ({marks})) ranked WHERE n > %s)",
            [key, key, *chunk, KEEP],
        )


def candidates(key: str, query: Query, flt, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` objects with the best head score, best first, with that score: per query
    term, the best impact of its alternatives, summed over the terms (rerank.Ranker's score
    over the title and keywords). Each alternative reads its first ``limit`` rows that pass
    the filters; a prefix reads the rows of every token it starts."""
    groups = [term.alternatives for term in query.terms] + [(a,) for a in query.extra]
    per_group = max(4, MAX_READS // max(len(groups), 1))
    where, where_params = flt.sql(column="h.object_id")
    statements, params = [], []
    for number, alternatives in enumerate(groups):
        for alternative in alternatives[:per_group]:
            if alternative.prefix:
                match, match_params = (
                    "h.token >= %s AND h.token < %s",
                    [
                        alternative.text,
                        alternative.text + LAST,
                    ],
                )
            else:
                match, match_params = "h.token = %s", [alternative.text]
            statements.append(
                f"SELECT * FROM (SELECT {number} AS term, h.object_id, h.impact FROM {TABLE} h "
                f"WHERE h.index_key = %s AND {match} AND {where} "
                f"ORDER BY h.impact DESC, h.object_id LIMIT %s) a{len(statements)}"
            )
            params += [key, *match_params, *where_params, limit]
    if not statements:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(statements), params)
        rows = cursor.fetchall()
    best: dict[int, dict[int, int]] = defaultdict(dict)
    for term, object_id, impact in rows:
        terms = best[object_id]
        terms[term] = max(terms.get(term, 0), impact)
    scored = sorted((-sum(terms.values()), object_id) for object_id, terms in best.items())
    return [(object_id, -total / SCALE) for total, object_id in scored[:limit]]

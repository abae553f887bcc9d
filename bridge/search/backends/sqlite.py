"""SQLite FTS5: external-content table search_fts(title, keywords, body), bm25 3/2/1.

Text expressions name the columns they match (``{title keywords body} :``; the head boosts
``{title keywords} :``). The sampler reads rowid ranges, not a column.
"""

# ruff: noqa: S608 — only constants and %s placeholders are interpolated; query text is a parameter.
from __future__ import annotations

from hashlib import blake2b

from django.db import connection

from bridge.search.models import RECORD_SEPARATOR, UNIT_SEPARATOR
from bridge.search.query import Alternative, Query
from bridge.search.rerank import UNANCHORED

from .base import Backend, strata

TEXT_COLUMNS = "{title keywords body}"
HEAD_COLUMNS = "{title keywords}"
# bm25 with title 3, keywords 2, body 1; an entry whose description is not about what its title
# and keywords name (search_searchentry.anchored) counts rerank.UNANCHORED of it, so the
# candidates are chosen as the re-ranker will order them: thousands of short texts naming a
# word in passing must not crowd out a listing whose own description names it (issue 14).
# FTS5 weighs columns for every row alike, so the whole score is scaled (PostgreSQL scales the
# body alone: its weight D).
SCORE = (
    f"-bm25(search_fts, 3.0, 2.0, 1.0, 0.0) * (CASE WHEN e.anchored THEN 1.0 ELSE {UNANCHORED} END)"
)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def pair_token(pair: str) -> str:
    """A facet pair ("facet US value") as one FTS5 token: letters and digits only, whatever
    the value holds. A collision only lets an extra row through the prefilter; the filter's
    own test of the packed string still drops it."""
    return "f" + blake2b(pair.encode(), digest_size=8).hexdigest()


def facet_tokens(packed: str | None) -> str:
    """The tokens of an entry's packed facet values, for search_facets (migration 0016). The
    SQLite function search_facet_tokens, registered on every connection (apps.py), so that
    triggers keep the table in step with the entries as the narrow table is kept."""
    return " ".join(pair_token(pair) for pair in (packed or "").split(RECORD_SEPARATOR) if pair)


# Parameters per INSERT statement: SQLite's oldest limit.
MAX_PARAMETERS = 999


class SqliteBackend(Backend):
    # CROSS JOIN keeps search_fts the outer loop: with a plain JOIN the planner may scan
    # the entries and re-run the MATCH for every row (20 s instead of 40 ms at 10k).
    vendor = "sqlite"
    # Entry ids, objects, facet values and anchored flags without the token strings and
    # display texts: matches join it, not the wide entry table (migration 0013).
    entries = "search_narrow"
    # bm25 counts each phrase's documents over the whole index once per statement: 15–30 ms
    # for a three-word query at 100k, ten times that at 1M, however few rows it scores. The
    # re-ranker takes ~25 µs an entry, so up to a thousand of them cost less (issue 14).
    unscored_candidates = 1_000
    facet_index = True  # search_facets (migration 0016)

    def add_rows(self, cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        # Many rows per statement: the FTS5 trigger costs most per statement, not per row.
        # 100,000 entries took 10.2 s a row at a time (executemany) and 4.3 s 99 at a time.
        if not rows:
            return
        head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
        values = "(" + ", ".join(["%s"] * len(columns)) + ")"
        per_statement = MAX_PARAMETERS // len(columns)
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                head + ", ".join([values] * len(chunk)),
                [value for row in chunk for value in row],
            )

    def alternative(self, alternative: Alternative) -> str:
        return _quoted(alternative.text) + ("*" if alternative.prefix else "")

    def any_of(self, parts: list[str]) -> str:
        return "(" + " OR ".join(parts) + ")"

    def all_of(self, parts: list[str]) -> str:
        return "(" + " AND ".join(parts) + ")"

    def phrase(self, keys: tuple[str, ...]) -> str:
        return _quoted(" ".join(keys))

    def holds_any_pair(self, packed: str, pairs: list[str]) -> tuple[str, list]:
        # A pair between record separators is a substring of the string between them;
        # values hold no separator (models.without_separators), so it matches only itself.
        holds = f"instr(char(30) || {packed} || char(30), %s) > 0"
        return (
            "(" + " OR ".join([holds] * len(pairs)) + ")",
            [RECORD_SEPARATOR + pair + RECORD_SEPARATOR for pair in pairs],
        )

    def facet_prefilter(
        self, facets: dict[str, list[str]], *, fewer_than: int = 0
    ) -> tuple[str, list]:
        """The entries holding a value of every filtered facet, from search_facets (an FTS5
        index of facet pairs, migration 0016), as a condition on the entry's id.

        Without words a filter tested every entry's packed string: a supplier's 500 of 100,000
        read the whole narrow table (40 ms); the index reads 500 ids (0.5 ms).

        With words (``fewer_than``: the matches estimated) it tests FTS5's rowids before they
        are joined to narrow rows: «шёлк икат» with a technique joined 75,000 matches to test
        them (79 → 57 ms). Its ids are read into a temporary index first, so it is used only
        when they are fewer than the matches, which one bounded count tells; "+ 0" keeps it
        from driving the join (SQLite then ran the text MATCH once per pair row: 5.8 s)."""
        if not facets:
            return "", []
        groups = [
            "(" + " OR ".join(pair_token(facet + UNIT_SEPARATOR + v) for v in values) + ")"
            for facet, values in facets.items()
        ]
        pairs = " AND ".join(groups)
        ids = "(SELECT rowid FROM search_facets WHERE search_facets MATCH %s)"
        if not fewer_than:
            return f"e.id IN {ids}", [pairs]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM (SELECT rowid FROM search_facets "
                "WHERE search_facets MATCH %s LIMIT %s)",
                [pairs, fewer_than],
            )
            if cursor.fetchone()[0] >= fewer_than:
                return "", []
        return f"search_fts.rowid + 0 IN {ids}", [pairs]

    # --- ready-to-MATCH expressions ---
    def text(self, expression: str) -> str:
        return f"{TEXT_COLUMNS} : {expression}"

    def head(self, expression: str) -> str:
        return f"{HEAD_COLUMNS} : {expression}"

    def title(self, query: Query) -> str:
        return "{title} : " + self.match_any(query)

    def sampled(self, ready, buckets, top, low=1, ranges=None, matches=None):
        """Entries in STRATA id ranges spread over the index, together buckets/BUCKETS of its
        ids. FTS5 seeks a rowid range directly (1–2 ms at 1M items); intersecting with a
        bucket column (dropped in migration 0009) read the whole posting lists of common
        words instead (40–90 ms)."""
        column = "e.id" if ready is None else "search_fts.rowid"
        return [
            (ready, f"{column} BETWEEN %s AND %s", [start, end])
            for start, end in (strata(buckets, top, low) if ranges is None else ranges)
        ]

    def scoring_slices(self, slices):
        """A sample's id ranges as one slice: FTS5's bm25 counts each phrase's documents
        over the whole index once per statement, ~30 ms a range for a three-word query at
        100k, so eight ranges in a UNION cost 260–315 ms and one statement 130 ms (the same
        ids). Counting and facets keep the eight ranges: without bm25 they are seeks."""
        if len(slices) < 2 or slices[0][0] is None or any(s[0] != slices[0][0] for s in slices):
            return slices
        bounds = [bound for _ready, _condition, params in slices for bound in params]
        either = " OR ".join(condition for _ready, condition, _params in slices)
        return [
            (
                slices[0][0],
                f"search_fts.rowid BETWEEN %s AND %s AND ({either})",
                [min(bounds), max(bounds), *bounds],
            )
        ]

    # --- SQL ---
    def match_sql(self, columns: str = "e.object_id AS object_id") -> str:
        return (
            f"SELECT {columns} FROM search_fts "
            "CROSS JOIN search_narrow e ON e.id = search_fts.rowid "
            "WHERE search_fts MATCH %s AND e.index_key = %s"
        )

    def matches_object(self, column: str) -> str:
        return (
            "EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s AND search_fts.rowid = "
            f"(SELECT x.id FROM search_searchentry x WHERE x.index_key = %s AND x.object_id = {column}))"
        )

    def scored_sql(self, where: str) -> tuple[str, int]:
        return (
            f"SELECT e.object_id AS object_id, {SCORE} AS score "
            "FROM search_fts CROSS JOIN search_narrow e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND e.index_key = %s AND {where}"
        ), 1

    def ranked_sql(self, query: Query) -> tuple[str, list]:
        tier_sql, params = ["0"], []
        for expression, weight in self.tiers(query):
            tier_sql.append(
                f"CASE WHEN e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) "
                f"THEN {weight} ELSE 0 END"
            )
            params.append(expression)
        sql = (
            f"SELECT e.object_id AS object_id, {SCORE} AS score, "
            f"{' + '.join(tier_sql)} AS tier, e.facet_values "
            "FROM search_fts CROSS JOIN search_narrow e ON e.id = search_fts.rowid "
            "WHERE search_fts MATCH %s AND e.index_key = %s"
        )
        return sql, [*params, self.text(self.match_any(query))]

    def ids_sql(self, match: str) -> tuple[str, list]:
        return self.match_sql(), [self.text(match)]

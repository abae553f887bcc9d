"""PostgreSQL: tsvector column (weights A/B/C from title/keywords/body) with GIN, ts_rank.

Query text is cast to tsquery, never parsed by a text-search configuration, so lexemes are
exactly the analyser's tokens, as in the tsvector built by migration 0002.
"""

# ruff: noqa: S608 — only constants and %s placeholders are interpolated; query text is a parameter.
from __future__ import annotations

import re

from bridge.search.query import Alternative, Query

from .base import Backend

# ts_rank weights {D, C, B, A}: body 1, keywords 2, title 3 — FTS5's bm25 weights, scaled.
WEIGHTS = "{0, 0.3333, 0.6667, 1.0}"


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresBackend(Backend):
    vendor = "postgresql"

    def alternative(self, alternative: Alternative) -> str:
        return _lexeme(alternative.text) + (":*" if alternative.prefix else "")

    def any_of(self, parts: list[str]) -> str:
        return "(" + " | ".join(parts) + ")"

    def all_of(self, parts: list[str]) -> str:
        return "(" + " & ".join(parts) + ")"

    def phrase(self, keys: tuple[str, ...]) -> str:
        return "(" + " <-> ".join(_lexeme(key) for key in keys) + ")"

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

    def sampled(self, ready, buckets, top):
        # A range on the B-tree (index_key, bucket): an OR of many bucket lexemes made the
        # planner scan every vector (70 ms at 10k items), a range is one index condition.
        return [(ready, "e.bucket < %s", [buckets])]

    # --- SQL ---
    def match_sql(self, columns: str = "e.object_id AS object_id") -> str:
        return (
            f"SELECT {columns} FROM search_searchentry e "
            "WHERE e.vector @@ %s::tsquery AND e.index_key = %s"
        )

    def matches_object(self, column: str) -> str:
        return (
            "EXISTS (SELECT 1 FROM search_searchentry x WHERE x.vector @@ %s::tsquery "
            f"AND x.index_key = %s AND x.object_id = {column})"
        )

    def scored_sql(self, where: str) -> tuple[str, int]:
        return (
            f"SELECT e.object_id AS object_id, ts_rank('{WEIGHTS}', e.vector, %s::tsquery, 1) "
            "AS score FROM search_searchentry e "
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
            f"AS score, {' + '.join(tier_sql)} AS tier FROM search_searchentry e "
            "WHERE e.vector @@ %s::tsquery AND e.index_key = %s"
        )
        return sql, [match, *params, match]

    def ids_sql(self, match: str) -> tuple[str, list]:
        return self.match_sql(), [match]

"""Backend-independent relevance for the first RERANK_DEPTH results.

FTS5's bm25 and PostgreSQL's ts_rank order the same matches differently, so the backend's
score only chooses the candidates; their final order comes from this scorer, computed from the
stored token strings — identical on both databases. Per query term it takes the best field
match (title 3 > keywords 2 > body 1; exact word 1.0 > stem 0.75 > thesaurus concept 0.5,
damped by the field's length), plus a quarter of its matches in the other fields.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from bridge.search.documents import CONCEPT, STEM
from bridge.search.query import Alternative, Query

RERANK_DEPTH = 100
FIELD_WEIGHTS = {"title": 3.0, "keywords": 2.0, "body": 1.0}
EXACT, STEMMED, CONCEPTUAL = 1.0, 0.75, 0.5
LENGTH_DAMPING = 0.05


@dataclass(frozen=True)
class _Field:
    words: frozenset[str]
    stems: tuple[str, ...]
    concepts: frozenset[str]
    norm: float

    @classmethod
    def parse(cls, tokens: str, weight: float) -> _Field:
        words, stems, concepts = set(), [], set()
        length = 0
        for token in tokens.split():
            if token.startswith(STEM):
                stems.append(token)
            elif token.startswith(CONCEPT):
                concepts.add(token)
            else:
                words.add(token)
                length += 1
        return cls(
            frozenset(words),
            tuple(sorted(stems)),
            frozenset(concepts),
            weight / (1 + LENGTH_DAMPING * length),
        )

    def strength(self, alternative: Alternative) -> float:
        text = alternative.text
        if text.startswith(CONCEPT):
            return CONCEPTUAL if text in self.concepts else 0.0
        if text.startswith(STEM):
            if alternative.prefix:
                at = bisect_left(self.stems, text)
                hit = at < len(self.stems) and self.stems[at].startswith(text)
            else:
                hit = text in self.stems
            return STEMMED if hit else 0.0
        return EXACT if text in self.words else 0.0


def _parsed(fields: dict[str, str]) -> list[_Field]:
    return [_Field.parse(fields.get(name) or "", w) for name, w in FIELD_WEIGHTS.items()]


def score(query: Query, fields: dict[str, str], parsed: list[_Field] | None = None) -> float:
    parsed = parsed or _parsed(fields)
    total = 0.0
    groups = [term.alternatives for term in query.terms] + [(a,) for a in query.extra]
    for alternatives in groups:
        contributions = [
            field.norm * max((field.strength(a) for a in alternatives), default=0.0)
            for field in parsed
        ]
        best = max(contributions)
        total += best + 0.25 * (sum(contributions) - best)
    return round(total, 9)


def tier_and_score(query: Query, fields: dict[str, str]) -> tuple[int, float]:
    parsed = _parsed(fields)
    return tier(query, fields, parsed), score(query, fields, parsed)


def tier(query: Query, fields: dict[str, str], parsed: list[_Field] | None = None) -> int:
    """The backends' tiers, computed from the stored token strings (for candidate sets chosen
    without the backend's ranking): 2 when every term matches some field, + 1 for the exact
    phrase in one field."""
    if len(query.terms) < 2:
        return 0
    parsed = parsed or _parsed(fields)
    every = all(
        any(field.strength(a) > 0 for field in parsed for a in term.alternatives)
        for term in query.terms
    )
    phrase = " " + " ".join(query.phrase) + " "
    exact = any(phrase in " " + (fields.get(name) or "") + " " for name in FIELD_WEIGHTS)
    return (2 if every else 0) + (1 if exact else 0)

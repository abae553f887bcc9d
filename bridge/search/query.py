"""A search box string → terms of alternatives, the same for every backend.

Each query term matches through any of: its key, its loose key, its stems (as prefixes when
they have 4+ letters, so шелк finds шелковый), and the thesaurus concepts its word names
(documents carry concepts with ancestors, so «шёлк» finds atlas and adras). Labels of several
words that the query spells out (ручной работы → handmade) add optional alternatives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bridge.search.analysis import Thesaurus, Token, query_terms
from bridge.search.documents import CONCEPT, STEM

PREFIX_MIN = 4
MAX_CONCEPTS = 32
_CONCEPT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class Alternative:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Term:
    token: Token
    alternatives: tuple[Alternative, ...]


@dataclass
class Query:
    terms: list[Term]
    extra: list[Alternative] = field(default_factory=list)

    @property
    def phrase(self) -> tuple[str, ...]:
        """Keys of a multi-word query, for the phrase boost."""
        return tuple(t.token.key for t in self.terms) if len(self.terms) > 1 else ()


def term_for(token: Token, thesaurus: Thesaurus) -> Term:
    texts: dict[Alternative, None] = {Alternative(token.key): None, Alternative(token.loose): None}
    for stem in token.stems:
        texts[Alternative(STEM + stem, prefix=len(stem) >= PREFIX_MIN)] = None
    for concept in sorted(thesaurus.concepts_direct([token])):
        texts[Alternative(CONCEPT + concept)] = None
    return Term(token, tuple(texts))


def merged(terms: list[Term]) -> Term:
    """One term whose alternatives are those of all ``terms`` (typo candidates)."""
    alternatives = dict.fromkeys(a for term in terms for a in term.alternatives)
    return Term(terms[0].token, tuple(alternatives))


def build_query(q: str, thesaurus: Thesaurus) -> Query:
    tokens = query_terms(q)
    terms = [term_for(token, thesaurus) for token in tokens]
    single = set().union(*(thesaurus.concepts_direct([t]) for t in tokens)) if tokens else set()
    phrases = thesaurus.concepts_direct(tokens) - single
    return Query(terms, [Alternative(CONCEPT + c) for c in sorted(phrases)])


def concept_query(concept_ids: Iterable[str]) -> Query:
    """A query for the objects that carry any of these thesaurus concepts (documents carry each
    concept they name with its broader ones, so a concept finds its narrower ones too): one term
    per concept, so an object carrying more of them ranks higher. Ids that are not concept
    slugs are left out; they could match nothing."""
    ids = [c for c in dict.fromkeys(str(c) for c in concept_ids) if _CONCEPT_ID.match(c)]
    terms = []
    for position, concept_id in enumerate(ids[:MAX_CONCEPTS]):
        text = CONCEPT + concept_id
        terms.append(Term(Token(text, text, (), position), (Alternative(text),)))
    return Query(terms)

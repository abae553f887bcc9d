"""A listing → its weighted terms, the one representation matching compares.

Terms come from the search engine's analyser and thesaurus, so a listing is compared in the same
way the site search compares a query with a document:
- ``c:<concept>``: thesaurus concepts named in the text (any language or script), the chosen
  keywords and the heritage themes; «Насреддин», «Afandi» and «Афанди» are all ``c:afandi``;
- ``s:<stem>``: the analyser's stems, in both scripts where a word is transliterable (Russian
  «анимационный» also gives ``s:animatsion…``), so words the thesaurus lacks still meet.

Weights say where a term was found (title over summary over description); chosen keywords and
heritage themes weigh most, a concept's broader concepts least. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bridge.search.analysis import Thesaurus, analyse
from bridge.search.analysis.tokens import STOPWORDS

CONCEPT, STEM = "c:", "s:"
FIELD_WEIGHTS = (("title", 3.0), ("summary", 2.0), ("description", 1.0))
CHOSEN_WEIGHT = 4.0  # keywords and heritage themes the author picked
CONCEPT_BONUS = 1.0  # a concept named in the text weighs its field's weight plus this
ANCESTOR_WEIGHT = 0.5
MAX_TERMS = 80  # per listing: bounds the postings of an 8,000-character description
MAX_TERM_CHARS = 80
MIN_STEM = 3
SECONDARY_SHARE = 0.5


@dataclass(frozen=True)
class Text:
    """What matching reads of a listing (a model instance or an import row)."""

    title: str
    summary: str = ""
    description: str = ""
    language: str | None = None
    keywords: tuple[str, ...] = ()
    heritage: tuple[str, ...] = ()


def _bump(terms: dict[str, float], term: str, weight: float) -> None:
    if len(term) <= MAX_TERM_CHARS and weight > terms.get(term, 0.0):
        terms[term] = weight


def _stems(tokens) -> Iterable[tuple[str, float]]:
    """(stem, share of the field's weight): a word's first stem counts fully, its other forms
    (the Latin spelling of a Russian word, a second stemmer's guess) half, so a Russian text is
    not weighed twice."""
    for token in tokens:
        if token.key in STOPWORDS or len(token.key) < MIN_STEM:
            continue
        stems = token.stems or (token.key,)
        for position, stem in enumerate(stems):
            if len(stem) >= MIN_STEM:
                yield stem, (1.0 if position == 0 else SECONDARY_SHARE)


def listing_terms(text: Text, thesaurus: Thesaurus) -> dict[str, float]:
    """term → weight, at most MAX_TERMS of them (concepts first, then the heaviest stems)."""
    concepts: dict[str, float] = {}
    stems: dict[str, float] = {}
    language = text.language or None
    for name, weight in FIELD_WEIGHTS:
        value = getattr(text, name) or ""
        if not value.strip():
            continue
        tokens = analyse(value[:20_000], language)
        for concept_id in thesaurus.concepts_direct(tokens):
            _bump(concepts, CONCEPT + concept_id, weight + CONCEPT_BONUS)
            for ancestor in thesaurus.ancestors(concept_id):
                _bump(concepts, CONCEPT + ancestor, ANCESTOR_WEIGHT)
        for stem, share in _stems(tokens):
            _bump(stems, STEM + stem, weight * share)
    for concept_id in (*text.keywords, *text.heritage):
        if concept_id in thesaurus:
            _bump(concepts, CONCEPT + concept_id, CHOSEN_WEIGHT)
            for ancestor in thesaurus.ancestors(concept_id):
                _bump(concepts, CONCEPT + ancestor, ANCESTOR_WEIGHT)
    ranked = sorted(concepts.items(), key=lambda item: -item[1])
    ranked += sorted(stems.items(), key=lambda item: -item[1])
    return dict(ranked[:MAX_TERMS])

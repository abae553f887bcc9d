"""Reads about thesaurus concepts for people: their labels in the reader's language, the heritage
themes, the concepts a text mentions, and suggestions as one types a keyword in any language,
script or apostrophe (listings and practices take their keywords from here)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from bridge.core.text import fold
from bridge.core.uzbek_script import latin_to_cyrillic
from bridge.search.analysis import Thesaurus, analyse
from bridge.search.analysis.thesaurus import LABEL_LANGUAGES
from bridge.search.thesaurus import current

MAX_SUGGESTIONS = 20


@dataclass(frozen=True)
class ConceptLabel:
    id: str
    label: str  # in the reader's language
    kind: str
    heritage: bool


def concept_label(concept_id: str, language: str, thesaurus: Thesaurus | None = None) -> str:
    """The preferred label for a reader of ``language`` (ru, uz, uz-Cyrl, en)."""
    thesaurus = thesaurus or current()
    label = thesaurus.label(concept_id, language)
    if language.lower() == "uz-cyrl" and thesaurus.labels(concept_id, "uz"):
        return latin_to_cyrillic(label)
    return label


def concept(concept_id: str, language: str) -> ConceptLabel | None:
    thesaurus = current()
    if concept_id not in thesaurus:
        return None
    return ConceptLabel(
        concept_id,
        concept_label(concept_id, language, thesaurus),
        thesaurus.kind(concept_id),
        concept_id in thesaurus.heritage_ids,
    )


def concepts(ids, language: str) -> list[ConceptLabel]:
    """The known ones of ``ids``, in the given order (unknown ids are left out)."""
    return [found for concept_id in ids if (found := concept(concept_id, language))]


def heritage_themes(language: str) -> list[ConceptLabel]:
    """Every heritage theme, by its label in the reader's language."""
    themes = concepts(current().heritage_ids, language)
    return sorted(themes, key=lambda c: fold(c.label))


def concepts_in_text(text: str, language: str | None = None) -> set[str]:
    """The concepts ``text`` names directly (without their broader concepts)."""
    return current().concepts_direct(analyse(text or "", language))


@lru_cache(maxsize=4)
def _word_starts(thesaurus: Thesaurus) -> tuple[list[str], list[tuple[str, int, bool]]]:
    """Every label of every language from each of its word starts, sorted, beside (concept
    id, label length, whether it is the whole label): a prefix is found by bisection, so a
    keystroke costs the matches, not the size of the thesaurus. One index per thesaurus."""
    rows = sorted(
        (folded[at:], concept_id, len(folded), at == 0)
        for concept_id in sorted(thesaurus.ids)
        for language in LABEL_LANGUAGES
        for label in thesaurus.labels(concept_id, language)
        for folded in [fold(label)]
        for at in [0, *(i + 1 for i, char in enumerate(folded) if char == " ")]
    )
    return [row[0] for row in rows], [row[1:] for row in rows]


def concept_suggest(
    q: str, *, language: str, limit: int = 10, heritage_only: bool = False
) -> list[ConceptLabel]:
    """Concepts with a label that starts with ``q`` (or has a word that does), in any language
    or script: «наср», «afan» and «афан» all suggest Nasreddin Afandi. Whole-label prefixes
    come first, then word prefixes, shorter labels first; each concept once, labelled in the
    reader's language."""
    needle = fold(q)[:100]
    if len(needle) < 2:
        return []
    thesaurus = current()
    limit = max(1, min(limit, MAX_SUGGESTIONS))
    keys, found = _word_starts(thesaurus)
    starts, words = {}, {}
    for at in range(bisect_left(keys, needle), len(keys)):
        if not keys[at].startswith(needle):
            break
        concept_id, length, whole = found[at]
        if heritage_only and concept_id not in thesaurus.heritage_ids:
            continue
        bucket = starts if whole else words
        bucket[concept_id] = min(length, bucket.get(concept_id, length))
    ranked = sorted(starts, key=lambda c: (starts[c], c)) + sorted(
        (c for c in words if c not in starts), key=lambda c: (words[c], c)
    )
    return concepts(ranked[:limit], language)

"""Fibres, techniques and colours as the thesaurus knows them — one vocabulary for the import,
the supplier's form, the search index and the pages.

A supplier writes «ipak», «шёлк» or «silk»; all three are the thesaurus concept `silk`, stored by
its id and shown in the reader's language. A word the thesaurus does not know is kept as written
(and the import warns about it): the file is not refused for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from bridge.core.text import fold
from bridge.core.uzbek_script import latin_to_cyrillic
from bridge.search.analysis import Thesaurus, analyse
from bridge.search.concepts import concept_label, concept_suggest
from bridge.search.thesaurus import current

# "Other" is a share of a composition, not a fibre: it is stored as this code.
OTHER = "other"
OTHER_WORDS = frozenset(
    fold(word)
    for word in ("other", "others", "other fibre", "другое", "другие", "прочее", "прочие",
                 "boshqa", "boshqalar", "бошқа")
)  # fmt: skip
OTHER_LABEL = _("other fibre")

# «12 rang», «40 ранг», «14 цветов»: how many colours, not a colour. Stored as written, shown as
# "12 colours" in the reader's language.
COLOUR_COUNT = "colours"
_COUNT = re.compile(r"^(\d{1,4})\s*(?:rang\w*|ранг\w*|цвет\w*|colou?rs?|tus\w*)$", re.IGNORECASE)

# Concepts under these are fibres, whatever their kind (lurex is a yarn of synthetic fibre).
_FIBRE_ROOTS = frozenset({"natural-fibre", "man-made-fibre", "yarn-fibres"})
_KINDS = {
    "fibre": frozenset({"fibre"}),
    # «soʻzana» in the technique column is the craft of making suzani, a product.
    "technique": frozenset({"technique", "craft", "pattern", "product"}),
    "colour": frozenset({"colour"}),
}


@dataclass(frozen=True)
class Term:
    """A word of a listing: its concept (a thesaurus id, OTHER, or "" when the thesaurus does not
    know it) and the word as the supplier wrote it."""

    concept: str
    written: str

    @property
    def known(self) -> bool:
        return bool(self.concept)

    @property
    def key(self) -> str:
        """Two terms with the same key are the same thing (silk = ipak = шёлк)."""
        if self.concept and self.concept != COLOUR_COUNT:
            return self.concept
        return fold(self.written)

    def label(self, language: str | None = None) -> str:
        return term_label(self.concept, self.written, language)


@lru_cache(maxsize=4)
def _members(thesaurus: Thesaurus, kind: str) -> frozenset[str]:
    kinds = _KINDS[kind]
    return frozenset(
        concept
        for concept in thesaurus.ids
        if thesaurus.kind(concept) in kinds
        or (kind == "fibre" and thesaurus.ancestors(concept) & _FIBRE_ROOTS)
    )


# (the thesaurus, {(text, kind): Term}): files repeat the same few words in every row, and
# resolving one took ~0.6 ms, about a sixth of an import's time; reset with the thesaurus.
_known: tuple[Thesaurus | None, dict[tuple[str, str], Term]] = (None, {})
_MAX_KNOWN = 50_000


def _resolve_in(thesaurus: Thesaurus, text: str, kind: str) -> str:
    members = _members(thesaurus, kind)
    named = thesaurus.concepts_direct(analyse(text))
    found = {c for c in named if c in members}
    if not found and kind == "fibre":
        # «polipropilen» names the plastic; the fibre made of it is the one to store.
        found = {c for c in members if thesaurus.ancestors(c) & named}
        found = {c for c in found if not thesaurus.ancestors(c) & found}  # the most general
    else:
        found = {c for c in found if not any(c in thesaurus.ancestors(o) for o in found)}
    if len(found) > 1:
        preferred = {c for c in found if thesaurus.kind(c) in _KINDS[kind]}
        found = preferred or found
    if not found and kind == "colour":
        # «oltin», «indigo»: the colour whose name begins with the word (oltin rang, indigo blue).
        found = {c.id for c in concept_suggest(text, language="en") if c.kind == "colour"}
        found = found if len(found) == 1 else set()
    return min(found) if found else ""


def term(text: str, kind: str) -> Term:
    """The term a supplier's word stands for; ``kind`` is "fibre", "technique" or "colour"."""
    global _known
    thesaurus = current()
    if _known[0] is not thesaurus:
        _known = (thesaurus, {})
    known = _known[1]
    found = known.get((text, kind))
    if found is None:
        found = _term_in(thesaurus, text, kind)
        if len(known) < _MAX_KNOWN:
            known[text, kind] = found
    return found


def _term_in(thesaurus: Thesaurus, text: str, kind: str) -> Term:
    written = " ".join((text or "").split())[:80]
    if kind == "fibre" and fold(written) in OTHER_WORDS:
        return Term(OTHER, written)
    if kind == "colour" and _COUNT.match(written):
        return Term(COLOUR_COUNT, written)
    if kind == "fibre" and written in _members(thesaurus, "fibre"):
        return Term(written, written)  # a concept id, as the form and the API send it
    return Term(_resolve_in(thesaurus, written, kind) if written else "", written)


def term_label(concept: str, written: str, language: str | None = None) -> str:
    """The word in the reader's language when the thesaurus knows it, else as written."""
    language = language or get_language() or "ru"
    if concept == OTHER:
        return str(OTHER_LABEL)
    if concept == COLOUR_COUNT:
        count = int(_COUNT.match(written).group(1))
        return ngettext("%(count)d colour", "%(count)d colours", count) % {"count": count}
    if concept and concept in current():
        return concept_label(concept, language)
    return written


_named: tuple[Thesaurus | None, dict[str, tuple[str, ...]]] = (None, {})


def names_in_every_language(concept: str) -> list[str]:
    """The concept's preferred name in each language (Uzbek in both scripts), for the search
    index's keywords: what people type for it. Synonyms and phrases stay in the thesaurus,
    where the analyser meets them; as keywords «натуральный шёлк» would make every silk a match
    for «natural». Remembered per thesaurus (indexing asks for each fibre of each row)."""
    global _named
    thesaurus = current()
    if _named[0] is not thesaurus:
        _named = (thesaurus, {})
    names = _named[1].get(concept)
    if names is None:
        names = tuple(_names_in(thesaurus, concept))
        if len(_named[1]) < _MAX_KNOWN:
            _named[1][concept] = names
    return list(names)


def _names_in(thesaurus: Thesaurus, concept: str) -> list[str]:
    if concept not in thesaurus:
        return []
    names = [thesaurus.label(concept, language) for language in ("ru", "uz", "en")]
    if thesaurus.labels(concept, "uz"):
        names.append(latin_to_cyrillic(thesaurus.label(concept, "uz")))
    return list(dict.fromkeys(names))


def fibre_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Every fibre the thesaurus knows, as (id, label in the reader's language), by label."""
    language = language or get_language() or "ru"
    concepts = _members(current(), "fibre")
    labelled = [(concept, concept_label(concept, language)) for concept in concepts]
    return sorted(labelled, key=lambda pair: fold(pair[1]))

"""Suggestions as one types in the site-wide search box: thesaurus concepts in any language,
and whatever the registered indexes offer by name (organisations, categories). Names are
matched on folded text (`folded`), so «атл», «atl» and «Атл» meet the same names, and «ёғоч»,
«yogʻoch» and «yog'och» the same category, whichever apostrophe an Uzbek word is typed with."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from bridge.core.versions import Memo
from bridge.search import registry
from bridge.search.analysis.normalise import strip_apostrophes
from bridge.search.analysis.translit import cyrillic_to_latin
from bridge.search.concepts import ConceptLabel, concept_suggest
from bridge.search.registry import Suggestion

# Every sign Uzbek writers use for ʻ and ʼ (strip_apostrophes leaves ` and ´ to the tokeniser).
APOSTROPHES = dict.fromkeys(map(ord, "'`ʻʼ‘’´"), None)
MIN_CHARS = 2
MAX_QUERY = 100


@dataclass(frozen=True)
class SuggestionGroup:
    key: str
    label: str
    items: list[Suggestion]


@dataclass(frozen=True)
class Suggestions:
    q: str
    concepts: list[ConceptLabel] = field(default_factory=list)
    groups: list[SuggestionGroup] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.concepts or self.groups)


def folded(text: str) -> str:
    """One case, one script, no apostrophes, single spaces: the engine's transliteration,
    which reads Uzbek Cyrillic as Uzbek (ё → yo, ғ → gʻ) and Russian as Russian."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = strip_apostrophes(cyrillic_to_latin(text)).translate(APOSTROPHES).replace("kh", "x")
    return " ".join(text.split())


def needle_of(q: str) -> str:
    """The folded query, or "" when it is too short to suggest anything."""
    needle = folded(q[: MAX_QUERY * 2])[:MAX_QUERY]
    return needle if len(needle) >= MIN_CHARS else ""


class FoldedNames:
    """(folded name, item) pairs of a small table, kept while its data version stays
    (bridge.core.versions.Memo): suggestions run on every keystroke, and folding a few
    thousand names each time would cost more than the rest of the request. A change anywhere
    in the namespace makes a new version, so a new or renamed row is suggested at once, in
    every process."""

    def __init__(self, namespace: str, rows):
        self._kept = Memo([namespace], lambda: [(folded(name), item) for name, item in rows()])

    def __call__(self) -> list:
        return self._kept()


def rank(folded: str, needle: str) -> int | None:
    """0 when the name starts with the needle, 1 when one of its later words does (so «ipak»
    finds «Atlas Ipak Yoʻli»), None when it does not match."""
    if folded.startswith(needle):
        return 0
    if f" {needle}" in folded or f'"{needle}' in folded or f"«{needle}" in folded:
        return 1
    return None


def best(candidates, needle: str, limit: int) -> list:
    """The ``limit`` best of (folded name, item) pairs: starts first, then word starts, then
    shorter names; ties in the given order."""
    ranked = []
    for position, (folded, item) in enumerate(candidates):
        found = rank(folded, needle)
        if found is not None:
            ranked.append((found, len(folded), position, item))
    ranked.sort(key=lambda row: row[:3])
    return [row[3] for row in ranked[:limit]]


def suggest(q: str, *, language: str, per_group: int = 5) -> Suggestions:
    """Concepts labelled in ``language`` (ru, uz, uz-Cyrl, en), then each suggesting index's
    names, empty groups left out."""
    needle = needle_of(q)
    if not needle:
        return Suggestions(q=q)
    concepts = concept_suggest(q[:MAX_QUERY], language=language, limit=per_group)
    groups = []
    for index in registry.suggesting():
        items = index.suggest(needle, limit=per_group)
        if items:
            groups.append(
                SuggestionGroup(index.key, str(index.suggest_label or index.label), items)
            )
    return Suggestions(q=q, concepts=concepts, groups=groups)

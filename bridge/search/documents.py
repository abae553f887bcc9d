"""A Document → the analysed token strings stored in SearchEntry.

Each field (title, keywords, body) becomes one space-separated string of namespaced tokens:
the words' keys in text order (so phrases stay adjacent), then loose keys that differ, then
``s_<stem>`` and ``c_<concept id>`` (concepts with their ancestors). Both backends index exactly
these strings, so they match the same documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bridge.search.analysis import Thesaurus, Token, analyse
from bridge.search.analysis.normalise import strip_apostrophes
from bridge.search.analysis.translit import cyrillic_to_latin

STEM = "s_"
CONCEPT = "c_"
MAX_FIELD_CHARS = 50_000
MAX_DISPLAY_BODY = 4_000
FIELDS = ("title", "keywords", "body")
# Stems recorded in the vocabulary: those a prefix query (query.PREFIX_MIN letters) can reach,
# short enough for SearchWord.word.
PREFIX_STEM_MIN, MAX_STEM = 4, 64


@dataclass(frozen=True)
class AnalysedDocument:
    title: str
    keywords: str
    body: str
    words: frozenset[str]  # vocabulary contribution: keys, and "s_" + stems


def tokens_of(text: str, language: str | None) -> list[list[Token]]:
    """Tokens per line: a title holding several translations is detected line by line."""
    text = text[:MAX_FIELD_CHARS]
    if language is not None:
        return [analyse(text, language)]
    return [tokens for line in text.splitlines() if (tokens := analyse(line))]


def field_string(lines: list[list[Token]], thesaurus: Thesaurus) -> str:
    return _field(lines, thesaurus)[0]


def _field(lines: list[list[Token]], thesaurus: Thesaurus) -> tuple[str, set[str]]:
    """(the field's token string, its vocabulary words), in one pass over the tokens."""
    keys: list[str] = []
    loose: dict[str, None] = {}
    stems: dict[str, None] = {}
    concepts: set[str] = set()
    words: set[str] = set()
    for tokens in lines:
        for token in tokens:
            key = token.key
            keys.append(key)
            if token.loose != key:
                loose[token.loose] = None
            prefixed, vocabulary = _derived(key, token.stems)
            for stem in prefixed:
                stems[stem] = None
            words.update(vocabulary)
        concepts |= thesaurus.concepts(tokens)
    string = " ".join([*keys, *loose, *stems, *(CONCEPT + c for c in sorted(concepts))])
    return string, words


@lru_cache(maxsize=100_000)
def _derived(key: str, stems: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(``s_`` stems, vocabulary words) of one analysed word: catalogs repeat their words."""
    prefixed = tuple(STEM + stem for stem in stems)
    vocabulary = [key] if vocabulary_word(key) else []
    vocabulary += [STEM + stem for stem in stems if PREFIX_STEM_MIN <= len(stem) <= MAX_STEM]
    return prefixed, tuple(vocabulary)


def fold(word: str) -> str:
    """The script-independent form typos are compared in."""
    return strip_apostrophes(cyrillic_to_latin(word))


def vocabulary_word(key: str) -> bool:
    return 3 <= len(key) <= 64 and any(char.isalpha() for char in key)


# Field texts up to this long are remembered (FieldCache), up to so many fields and characters.
CACHED_FIELD_CHARS = 2_000
CACHED_FIELDS = 20_000
CACHED_CHARS = 10_000_000


class FieldCache(dict):
    """Analysed fields by (text, language), for one thesaurus: a catalog's keywords repeat (the
    same category, fibres, techniques, colours on row after row), and so do the descriptions
    of a supplier's variants. One per process (fields_for), so that a worker's next chunk of
    an import finds what the last one analysed: 8 % of a chunk's time. Bounded in the length
    of a text, and in entries and characters: a full cache starts afresh."""

    def __init__(self, thesaurus: Thesaurus | None = None) -> None:
        super().__init__()
        self.thesaurus = thesaurus  # the one the entries were analysed with
        self.chars = 0

    def remember(self, key: tuple[str, str | None], value: tuple[str, set[str]]) -> None:
        if len(key[0]) > CACHED_FIELD_CHARS:
            return
        size = len(key[0]) + len(value[0])
        if len(self) >= CACHED_FIELDS or self.chars + size > CACHED_CHARS:
            self.clear()
            self.chars = 0
        self[key] = value
        self.chars += size


_process_fields: FieldCache | None = None


def fields_for(thesaurus: Thesaurus) -> FieldCache:
    """This process's FieldCache for ``thesaurus``; a new thesaurus starts an empty one."""
    global _process_fields
    cache = _process_fields
    if cache is None or cache.thesaurus is not thesaurus:
        cache = _process_fields = FieldCache(thesaurus)
    return cache


def analyse_document(
    document, thesaurus: Thesaurus, cache: FieldCache | None = None
) -> AnalysedDocument:
    """The document's token strings. ``cache`` must not outlive ``thesaurus``."""
    strings = {}
    words: set[str] = set()
    for name in FIELDS:
        text = getattr(document, name) or ""
        key = (text, document.language)
        found = cache.get(key) if cache is not None else None
        if found is None:
            found = _field(tokens_of(text, document.language), thesaurus)
            if cache is not None:
                cache.remember(key, found)
        strings[name] = found[0]
        words |= found[1]
    return AnalysedDocument(**strings, words=frozenset(words))

"""A Document → the analysed token strings stored in SearchEntry.

Each field (title, keywords, body) becomes one space-separated string of namespaced tokens:
the words' keys in text order (so phrases stay adjacent), then loose keys that differ, then
``s_<stem>`` and ``c_<concept id>`` (concepts with their ancestors). Both backends index exactly
these strings, so they match the same documents.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    keys: list[str] = []
    loose: dict[str, None] = {}
    stems: dict[str, None] = {}
    concepts: set[str] = set()
    for tokens in lines:
        for token in tokens:
            keys.append(token.key)
            if token.loose != token.key:
                loose[token.loose] = None
            for stem in token.stems:
                stems[STEM + stem] = None
        concepts |= thesaurus.concepts(tokens)
    return " ".join([*keys, *loose, *stems, *(CONCEPT + c for c in sorted(concepts))])


def fold(word: str) -> str:
    """The script-independent form typos are compared in."""
    return strip_apostrophes(cyrillic_to_latin(word))


def vocabulary_word(key: str) -> bool:
    return 3 <= len(key) <= 64 and any(char.isalpha() for char in key)


def analyse_document(document, thesaurus: Thesaurus) -> AnalysedDocument:
    strings = {}
    words: set[str] = set()
    for name in FIELDS:
        lines = tokens_of(getattr(document, name) or "", document.language)
        strings[name] = field_string(lines, thesaurus)
        words.update(t.key for tokens in lines for t in tokens if vocabulary_word(t.key))
        words.update(
            STEM + stem
            for tokens in lines
            for t in tokens
            for stem in t.stems
            if PREFIX_STEM_MIN <= len(stem) <= MAX_STEM
        )
    return AnalysedDocument(**strings, words=frozenset(words))

"""The analyser: text → tokens with a key, a loose key and stems, identical for documents
and queries."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .detect import LANGUAGES, detect_from_words, latin_word_signals
from .normalise import fold_yo, normalise, strip_apostrophes, unify_apostrophes
from .snowball import english_stems, russian_stems
from .translit import cyrillic_to_latin, has_cyrillic, has_uzbek_cyrillic
from .uzbek_stem import uzbek_stem
from .words import finish, surface_words

MAX_QUERY_TERMS = 32

# Function words a search box drops when the query has other words: they are in most listings,
# so as terms they only decide which listing "has every word" (для, uchun, for). Compared as
# keys, so Uzbek Cyrillic учун / ва are here in Latin.
STOPWORDS = frozenset(
    (  # noqa: SIM905
        "и в во на с со по для из от до к ко о об а но или за у при без под над "
        "va bilan uchun yoki ham hamda "
        "the and of with for in on a an to by from at or"
    ).split()
)


@dataclass(frozen=True, slots=True)
class Token:
    key: str  # normalised word; Uzbek Cyrillic is transliterated to Latin
    loose: str  # key without ʻ and ʼ
    stems: tuple[str, ...]  # Snowball and/or Uzbek stems; empty for numbers and other scripts
    position: int  # index among the tokens of one text


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _uzbek(latin: str) -> str:
    # Uzbek stems are loose so that qogozlar (typed without ʻ) meets qogʻozlar.
    return strip_apostrophes(uzbek_stem(latin))


def _has_latin_letter(word: str) -> bool:
    return any((char.isascii() and char.isalpha()) or "\u00c0" <= char <= "\u024f" for char in word)


# Letter evidence (oʻ, q, w, c, th) or a known word scores at least 1.5; a suffix alone scores
# 0.5, and English has -lar words too (pillar, popular), so a lead smaller than this keeps both
# stemmers and only orders them.
_DECISIVE = 1.0


def _latin_stems(key: str, uzbek: bool) -> tuple[str, ...]:
    uz, en = latin_word_signals(key)
    if uz - en >= _DECISIVE:
        return _unique([_uzbek(key)])
    if en - uz >= _DECISIVE:
        # An Uzbek text keeps the Uzbek stem even for "English-looking" words (fath from фатҳ),
        # so that it stems like the same text written in Cyrillic.
        return _unique([*english_stems(key), _uzbek(key) if uzbek else ""])
    uzbek_first = uz > en or (uz == en and uzbek)
    pair = [_uzbek(key), *english_stems(key)]
    return _unique(pair if uzbek_first else pair[::-1])


_RUSSIAN_ONLY_LETTERS = frozenset("ыщ")

# Russian words the Latin transliteration would send to an unrelated word (Snowball stem →
# the Latin stem to use instead); see snowball.RUSSIAN_STEM_EXCEPTIONS for the Cyrillic side.
_LATIN_OF_EXCEPTIONS = {"тутовник": "tut"}  # шелковица (mulberry) is Uzbek tut, not shelk…


def _analyse_word(surface: str, uzbek: bool) -> tuple[str, tuple[str, ...]] | None:
    """(key, stems) of one surface word, or None when nothing of it survives.

    ``uzbek`` says the text is Uzbek in either script: a Cyrillic word without ў қ ғ ҳ then
    takes its Latin form as key, so "ИПАК" in an Uzbek text is the same word as "ipak".
    """
    if has_cyrillic(surface):
        latin = finish(unify_apostrophes(cyrillic_to_latin(surface)))
        if has_uzbek_cyrillic(surface):
            return (latin, _unique([_uzbek(latin)])) if latin else None
        russian = finish(fold_yo(surface))
        # ы and щ are not letters of the Uzbek Cyrillic alphabet: such a word in an Uzbek text
        # is Russian (a category name, «вышивка»), and keeps its Russian key.
        uzbek = uzbek and _RUSSIAN_ONLY_LETTERS.isdisjoint(surface)
        key = latin if uzbek else russian
        if not key:
            return None
        # Without ў қ ғ ҳ the word may be Russian or Uzbek (пахта): index it as both. In a
        # text that is not Uzbek the Latin form is kept whole: Uzbek suffix rules cut Russian
        # endings into false stems (ткани → tka, часы → chas, пряжи → pryaj).
        russian_part = russian_stems(russian) if russian else ()
        latin_part = _uzbek(latin) if uzbek else strip_apostrophes(latin)
        if not uzbek and russian_part and russian_part[0] in _LATIN_OF_EXCEPTIONS:
            latin_part = _LATIN_OF_EXCEPTIONS[russian_part[0]]
        return key, _unique([*russian_part, latin_part])
    key = finish(surface)
    if not key:
        return None
    if not _has_latin_letter(key):
        return key, ()
    return key, _latin_stems(key, uzbek)


def analyse(text: str, language: str | None = None) -> list[Token]:
    """Tokens of ``text``; ``language`` (one of LANGUAGES) overrides detection.

    Never raises for a str: anything that is not a word (emoji, punctuation, FTS syntax)
    separates words and is dropped.
    """
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES} or None, not {language!r}")
    words = surface_words(normalise(text, keep_yo=True))
    if language is None:
        language = detect_from_words([word for word in map(finish, words) if word])
    tokens: list[Token] = []
    uzbek = language.startswith("uz")
    for word in words:
        analysed = _analysed_word(word, uzbek)
        if analysed is not None:
            tokens.append(Token(*analysed, len(tokens)))
    return tokens


@lru_cache(maxsize=100_000)
def _analysed_word(surface: str, uzbek: bool) -> tuple[str, str, tuple[str, ...]] | None:
    """(key, loose key, stems): the loose key is cached too, since catalogs repeat words."""
    analysed = _analyse_word(surface, uzbek)
    if analysed is None:
        return None
    key, stems = analysed
    return key, strip_apostrophes(key), stems


def query_terms(text: str, language: str | None = None) -> list[Token]:
    """analyse() for a search box: one token per key, at most MAX_QUERY_TERMS of them; function
    words (STOPWORDS) are left out unless the query has nothing else."""
    tokens = analyse(text, language)
    content = [token for token in tokens if token.key not in STOPWORDS]
    seen: set[str] = set()
    terms: list[Token] = []
    for token in content or tokens:
        if token.key not in seen:
            seen.add(token.key)
            terms.append(token)
            if len(terms) == MAX_QUERY_TERMS:
                break
    return terms

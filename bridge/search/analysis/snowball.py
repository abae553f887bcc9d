"""Thread-safe access to the PyStemmer (Snowball) stemmers the analyser uses."""

from __future__ import annotations

import threading

import Stemmer

_local = threading.local()


def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    # PyStemmer objects keep internal state and must not be shared between threads.
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(algorithm)
    if stemmer is None:
        stemmer = stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmer


def russian_stem(word: str) -> str:
    return _stemmer("russian").stemWord(word)


def english_stem(word: str) -> str:
    """Snowball English; Uzbek apostrophes are read as the ASCII ' Snowball knows (dog's)."""
    ascii_apostrophes = word.replace("\u02bb", "'").replace("\u02bc", "'")
    # Snowball keeps inner apostrophes (o'clock); the index splits on them, so drop them.
    return _stemmer("english").stemWord(ascii_apostrophes).replace("'", "")


# Stems that would reach unrelated words, because query stems of 4+ letters match as prefixes:
# шелковица (mulberry) must not answer «шёлк*», furniture must not answer фурнитура (trims).
RUSSIAN_STEM_EXCEPTIONS = {"шелковиц": "тутовник"}
ENGLISH_STEM_EXCEPTIONS = {"furnitur": "furniture"}

# Fleeting o/e (хлопок → хлопка, хлопковый; платок → платка; образец → образца): Snowball
# keeps the vowel in the nominative stem only, so such stems also get the form without it.
_FLEETING = ("ок", "ек", "ец")
_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
_MIN_FLEETING_STEM = 5


def _without_fleeting_vowel(stem: str) -> str:
    if len(stem) < _MIN_FLEETING_STEM or not stem.endswith(_FLEETING):
        return ""
    if stem[-3] not in _CONSONANTS:
        return ""
    return stem[:-2] + stem[-1]


def russian_stems(word: str) -> tuple[str, ...]:
    """Snowball Russian, with the exceptions above and the fleeting-vowel form."""
    stem = russian_stem(word)
    stem = RUSSIAN_STEM_EXCEPTIONS.get(stem, stem)
    fleeting = _without_fleeting_vowel(stem)
    return (stem, fleeting) if fleeting else (stem,)


def english_stems(word: str) -> tuple[str, ...]:
    stem = english_stem(word)
    return (ENGLISH_STEM_EXCEPTIONS.get(stem, stem),)

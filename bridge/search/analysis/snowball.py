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

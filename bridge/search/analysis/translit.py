"""Uzbek Cyrillic → Uzbek Latin (1995 alphabet, Cabinet of Ministers resolution No. 339).

Only this direction is needed: search compares everything in Latin, and Latin → Cyrillic is
lossy (sirk→цирк, rayon→район). The table follows the 1995 spelling rules; the exception
lists cover loans whose official Latin spelling does not follow the letters (sentabr).
"""

from __future__ import annotations

import re

from .normalise import OKINA, TUTUQ

UZBEK_CYRILLIC_LETTERS = frozenset("ўқғҳ")

_LETTERS = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "x",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ы": "i",
    "э": "e",
    "ё": "yo",
    "ю": "yu",
    "я": "ya",
    "ў": "o" + OKINA,
    "қ": "q",
    "ғ": "g" + OKINA,
    "ҳ": "h",
}
_VOWELS = frozenset("аеёиоуыэюяў")
_SIGNS = frozenset("ъь")
_IOTATED = frozenset("еёюя")

# Word beginnings whose Latin form the letter rules get wrong. Matching a beginning rather
# than a whole word keeps inflected forms right (сентябрда → sentabrda).
_BEGINNING_EXCEPTIONS = {
    "сентябр": "sentabr",
    "октябр": "oktabr",
}

# Prefixes after which ц starts a new root and is read "s" (antisiklon, radiosentr).
_TS_PREFIXES = ("анти", "радио", "теле", "электро", "видео", "фото")

_CYRILLIC_RUN = re.compile(r"[^\W\d_]+")
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return _HAS_CYRILLIC.search(text) is not None


def has_uzbek_cyrillic(text: str) -> bool:
    return not UZBEK_CYRILLIC_LETTERS.isdisjoint(text)


def _ts(word: str, index: int) -> str:
    """ц is "ts" only between a vowel and another letter inside one root (litsey, protsent)."""
    at_end = index == len(word) - 1
    after_vowel = index > 0 and word[index - 1] in _VOWELS
    after_prefix = any(index == len(prefix) and word.startswith(prefix) for prefix in _TS_PREFIXES)
    return "ts" if after_vowel and not at_end and not after_prefix else "s"


def _run_to_latin(word: str) -> str:
    """Transliterate one lower-case run of letters (no digits, spaces or apostrophes)."""
    out: list[str] = []
    start = 0
    for beginning, latin in _BEGINNING_EXCEPTIONS.items():
        if word.startswith(beginning):
            out.append(latin)
            start = len(beginning)
            break
    for index in range(start, len(word)):
        char = word[index]
        previous = word[index - 1] if index else ""
        following = word[index + 1] if index + 1 < len(word) else ""
        if char == "е":
            iotated = not previous or previous in _VOWELS or previous in _SIGNS
            out.append("ye" if iotated else "e")
        elif char == "ц":
            out.append(_ts(word, index))
        elif char == "ь":
            # ьо is the only sign that survives as a letter (павильон → pavilyon).
            if following == "о":
                out.append("y")
        elif char == "ъ":
            # Dropped before iotated vowels in Russian loans (объект → obyekt); elsewhere it is
            # the tutuq belgisi (маъно → maʼno).
            if following not in _IOTATED:
                out.append(TUTUQ)
        elif char == "ҳ" and previous == "с":
            # сҳ must not read as the digraph sh (Исҳоқ → Isʼhoq).
            out.append(TUTUQ + "h")
        else:
            out.append(_LETTERS.get(char, char))
    return "".join(out)


def _restore_case(original: str, latin: str) -> str:
    if original.islower() or not original.isalpha():
        return latin
    if original.isupper() and len(original) > 1:
        return latin.upper()
    # Title case: only the first letter; "Шаҳар" → "Shahar", "Ўзбек" → "Oʻzbek".
    return latin[:1].upper() + latin[1:]


def _convert_run(match: re.Match[str]) -> str:
    run = match.group()
    if not has_cyrillic(run):
        return run
    lower = run.lower()
    if lower == run:
        return _run_to_latin(run)
    return _restore_case(run, _run_to_latin(lower))


def cyrillic_to_latin(text: str) -> str:
    """Uzbek Cyrillic → 1995 Uzbek Latin; characters that are not Cyrillic pass through.

    Rules apply within each run of letters, so the result for a text equals the result for its
    words taken one by one; the analyser relies on that.
    """
    return _CYRILLIC_RUN.sub(_convert_run, text)

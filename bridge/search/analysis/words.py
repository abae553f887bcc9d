"""Splitting normalised text into surface words, shared by the analyser and the detector."""

from __future__ import annotations

import re

from .normalise import OKINA, TUTUQ

MAX_WORD_LENGTH = 64

_NUMBER = r"\d+(?:[.,]\d+)*%?"
# Letters, digits and leftover combining marks; ʻ and ʼ are letters of Uzbek words.
_WORD = rf"(?:[^\W_]|[\u0300-\u036f{OKINA}{TUTUQ}])+"
_TOKEN = re.compile(rf"(?P<number>{_NUMBER})(?P<unit>[^\W\d_]+)?|(?P<word>{_WORD})")
_HAS_ALNUM = re.compile(r"[^\W_]")

# A unit glued to its number is split off so that "200gsm" matches "200 gsm"; other letters
# stay attached ("3d", "1080p") because there the pair is the word.
UNITS = frozenset(
    (  # noqa: SIM905
        "gsm g gr kg mg mm cm sm m km ml l mkm oz ft yd tex dtex den nm ne px dpi mb gb tb "
        "hz khz mhz ghz kw mah ms min fps bpm dona ta mln ming "
        "г гр кг мг мм см м км мл л шт мкм тыс млн"
    ).split()
)


def finish(word: str) -> str:
    """Cap a word at MAX_WORD_LENGTH and trim marks that cannot end or start a word."""
    return word[:MAX_WORD_LENGTH].lstrip(OKINA + TUTUQ).rstrip(TUTUQ + ".,")


def surface_words(normalised: str) -> list[str]:
    """Words of already normalised text, in order; hyphens and other punctuation split."""
    words: list[str] = []
    for match in _TOKEN.finditer(normalised):
        word = match.group("word")
        if word is not None:
            words.append(word)
            continue
        number = match.group("number").replace(",", ".")
        unit = match.group("unit")
        if unit is None:
            words.append(number)
        elif number.endswith("%") or unit in UNITS:
            words.extend((number, unit))
        else:
            words.append(number + unit)
    return [word for word in words if _HAS_ALNUM.search(word)]

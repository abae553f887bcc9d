"""Script-level normalisation shared by documents and queries.

Everything here is pure string work; the analyser runs it before splitting text into words so
that every later step sees one spelling of each letter.
"""

from __future__ import annotations

import re
import unicodedata

# Uzbek has one modifier letter for the oʻ/gʻ "tick" (U+02BB) and one for the tutuq belgisi
# (U+02BC); keyboards produce a dozen stand-ins for both.
OKINA = "\u02bb"  # ʻ
TUTUQ = "\u02bc"  # ʼ
APOSTROPHES = frozenset("'`\u2018\u2019\u00b4\u02bb\u02bc\u02bd\u02b9\u2032\u055a\uff07")
_APOSTROPHE_RUN = re.compile("[" + "".join(sorted(APOSTROPHES)) + "]")

# Letters of the 2021/2023 reform drafts and Turkic keyboard habits, folded to the 1995 alphabet.
_REFORM = str.maketrans(
    {
        "ö": "o" + OKINA,
        "ō": "o" + OKINA,
        "ŏ": "o" + OKINA,
        "õ": "o" + OKINA,
        "ğ": "g" + OKINA,
        "ş": "sh",
        "ș": "sh",
        "ç": "ch",
    }
)

# Whitespace-like controls become spaces so that "a\nb" stays two words; other controls vanish.
_SPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


_SPACES = str.maketrans(dict.fromkeys(_SPACE_CONTROLS, " "))


def _clean_controls(text: str) -> str:
    if text.isprintable():
        return text
    # Most such text only has line breaks (keywords are one per line): no walk by character.
    text = text.translate(_SPACES)
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in _SPACE_CONTROLS:
            out.append(" ")
        elif unicodedata.category(char) not in _DROPPED_CATEGORIES:
            out.append(char)
    return "".join(out)


def _is_letter(char: str) -> bool:
    # ʻ and ʼ are modifier letters to Unicode (isalpha() is true); here they are marks.
    return char.isalpha() and char not in APOSTROPHES


def _mark_run_end(text: str, index: int) -> int:
    """Index just past the run of apostrophe marks that starts at ``index``."""
    while index < len(text) and text[index] in APOSTROPHES:
        index += 1
    return index


def _opens_with_mark(text: str, index: int) -> bool:
    """Whether the word holding ``text[index]`` (a letter) starts with a mark, as in 'big'."""
    while index > 0 and (_is_letter(text[index - 1]) or text[index - 1] in APOSTROPHES):
        index -= 1
    return text[index] in APOSTROPHES


def _mark(text: str, index: int) -> str:
    previous = text[index - 1] if index else ""
    if previous not in ("o", "g"):
        return TUTUQ
    run_end = _mark_run_end(text, index)
    if run_end < len(text) and _is_letter(text[run_end]):
        return OKINA  # inside a word: oʻzbek, qogʻoz, moʻʼjiza
    # At the end of a word. No Uzbek word ends in oʻ, so after o the mark closes a quote
    # ('maʼno'). Many end in gʻ (togʻ, bogʻ); the last mark after g is still a closing
    # quote when the word also opened with one ('big', 'tog').
    if previous == "o":
        return TUTUQ
    if run_end == index + 1 and _opens_with_mark(text, index - 1):
        return TUTUQ
    return OKINA


def unify_apostrophes(text: str) -> str:
    """Rewrite every apostrophe-like mark as ʻ after o/g and ʼ elsewhere.

    "o'" and "g'" are how nearly everyone types oʻ and gʻ; a mark after any other letter is the
    tutuq belgisi (maʼno, sanʼat) or an English apostrophe, and both are kept as ʼ. A mark that
    ends a word after o, or after g in a word that opened with a mark, is a closing quote and
    becomes ʼ too, so the analyser trims it.
    """
    # Each mark is rewritten where it stands, judged by the text as written; the letters
    # around it are not walked one by one (Uzbek descriptions have a mark in most words).
    return _APOSTROPHE_RUN.sub(lambda found: _mark(text, found.start()), text)


def fold_yo(text: str) -> str:
    """ё→е, as Russian spelling allows and as most Russian text is typed."""
    return text.replace("ё", "е")


def normalise(text: str, *, keep_yo: bool = False) -> str:
    """NFC, casefold, apostrophes unified, reform letters folded, control characters removed.

    ``keep_yo`` leaves ё alone: Uzbek Cyrillic needs it to transliterate ёз as "yoz", so the
    analyser folds ё only on the words it treats as Russian.
    """
    text = _clean_controls(text)
    text = unicodedata.normalize("NFC", text).casefold()
    # casefold("İ") is "i" + combining dot above; Turkish and Uzbek keyboards mean plain i.
    text = unicodedata.normalize("NFC", text.replace("i\u0307", "i"))
    text = unify_apostrophes(text.translate(_REFORM))
    return text if keep_yo else fold_yo(text)


def strip_apostrophes(text: str) -> str:
    """The "loose" spelling: users often type qogoz, Margilon, sanat."""
    return text.replace(OKINA, "").replace(TUTUQ, "")

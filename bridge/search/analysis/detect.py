"""Language of a short catalogue text: "ru", "uz" (Latin), "uz-Cyrl" or "en".

Detection is a vote of cheap signals — letters only one language uses, frequent function
words, typical suffixes — over the words the analyser itself produces, so a text and the
keys it analyses to get the same answer.
"""

from __future__ import annotations

import re

from .normalise import OKINA, fold_yo, normalise
from .translit import UZBEK_CYRILLIC_LETTERS
from .words import finish, surface_words

LANGUAGES = ("ru", "uz", "uz-Cyrl", "en")

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[a-z\u00e0-\u024f]")

# Word lists are kept to frequent, unambiguous words; ё is folded like the words compared.
# They are written as prose and split (hence noqa: SIM905): a list literal would run to
# hundreds of lines.
_UZ_CYRILLIC_WORDS = frozenset(
    fold_yo(word)
    for word in (  # noqa: SIM905
        "ва билан учун бу бир ҳам эмас ёки деб ҳамда ушбу мазкур ҳар жуда энг яна шу "
        "қилиш бўлган бўлиб қўл ишлаб чиқарилган тайёрланган мато ипак пахта гилам кашта "
        "сифатли табиий миллий анъанавий"
    ).split()
)
_RU_WORDS = frozenset(
    fold_yo(word)
    for word in (  # noqa: SIM905
        "и в во на с со по для из не что это как от до к о об а но или за у же при без под "
        "над ручной ручная работы натуральный натуральная ткань шёлк хлопок ковёр"
    ).split()
)
_UZ_LATIN_WORDS = frozenset(
    (  # noqa: SIM905
        "va bilan uchun bu bir ham emas yoki deb hamda ushbu mazkur har juda eng yana shu "
        "qilish boʻlgan boʻlib qoʻl ishlab chiqarilgan tayyorlangan mato ipak paxta gilam "
        "kashta sifatli tabiiy milliy anʼanaviy rang"
    ).split()
)
_EN_WORDS = frozenset(
    (  # noqa: SIM905
        "the and of with for in on a an is are to by from at or as made hand handmade "
        "woven silk cotton wool natural fabric yarn gold colour color"
    ).split()
)

_RU_ENDINGS = tuple(
    "ый ий ой ая яя ое ее ые ие ого его ому ыми ость ться ание ение ция".split()  # noqa: SIM905
)
_UZ_CYRILLIC_ENDINGS = ("лар", "ларни", "ларда", "нинг", "дан", "лик", "чи", "ган", "ни")
_UZ_LATIN_ENDINGS = tuple(
    "lar larni larda ning dan lik chi gan ni dagi da ga li siz".split()  # noqa: SIM905
)
_EN_ENDINGS = ("tion", "ness", "ment", "ed", "ly", "ing", "ship", "ful", "able")


def _cyrillic_votes(words: list[str]) -> tuple[float, float]:
    """Return (Uzbek, Russian) votes for the Cyrillic words."""
    uz = ru = 0.0
    for word in words:
        if word in _UZ_CYRILLIC_WORDS:
            uz += 2
        elif word in _RU_WORDS:
            ru += 2
        elif len(word) > 4 and word.endswith(_RU_ENDINGS):
            ru += 1
        elif len(word) > 4 and word.endswith(_UZ_CYRILLIC_ENDINGS):
            uz += 1
        # Russian letters an Uzbek text uses only inside Russian loans.
        if "ы" in word or "щ" in word:
            ru += 0.5
        if "ъ" in word and not word.endswith("ъ"):
            uz += 0.5
    return uz, ru


def latin_word_signals(word: str) -> tuple[float, float]:
    """Return (Uzbek, English) evidence for one Latin word; the analyser stems by it too."""
    uz = en = 0.0
    if word in _UZ_LATIN_WORDS:
        uz += 2
    elif word in _EN_WORDS:
        en += 2
    # oʻ/gʻ mark Uzbek, except an English possessive after o/g (dog's → dogʻs).
    if OKINA in word and not word.endswith(OKINA + "s"):
        uz += 2
    if re.search("q(?!u)", word):
        uz += 1.5
    # The 1995 alphabet has no c (outside ch) or w, and "th" is not an Uzbek digraph.
    if re.search("c(?!h)|w|th", word):
        en += 1.5
    if len(word) > 4 and word.endswith(_UZ_LATIN_ENDINGS):
        uz += 0.5
    if len(word) > 4 and word.endswith(_EN_ENDINGS):
        en += 0.5
    return uz, en


def detect_from_words(words: list[str]) -> str:
    """Decide from analyser words (normalised; ё may be unfolded)."""
    cyrillic = [fold_yo(word) for word in words if _CYRILLIC.search(word)]
    latin = [word for word in words if not _CYRILLIC.search(word) and _LATIN.search(word)]
    if cyrillic and len(cyrillic) >= len(latin):
        if any(not UZBEK_CYRILLIC_LETTERS.isdisjoint(word) for word in cyrillic):
            return "uz-Cyrl"
        uz, ru = _cyrillic_votes(cyrillic)
        return "uz-Cyrl" if uz > ru else "ru"
    uz = en = 0.0
    for word in latin:
        word_uz, word_en = latin_word_signals(word)
        uz += word_uz
        en += word_en
    return "uz" if uz > en else "en"


def detect_language(text: str) -> str:
    """One of "ru", "uz", "uz-Cyrl", "en"; "en" when nothing points elsewhere."""
    return detect_from_words(analyser_words(normalise(text, keep_yo=True)))


def analyser_words(normalised: str) -> list[str]:
    """The words detection votes on: surface words as the analyser caps and trims them."""
    return [word for word in map(finish, surface_words(normalised)) if word]

"""A conservative suffix stripper for Latin Uzbek.

Uzbek stacks suffixes in a fixed order — root, derivation (-chi, -lik, -li), plural (-lar),
possessive (-im, -i, -si, -imiz), case (-ning, -ni, -ga, -da, -dan) — so the stripper peels
them from the outside in, one layer at a time, and stops as soon as a stem would drop below
three letters or reaches a word on the protected list. It prefers leaving a suffix on to
cutting into a root: a missed suffix costs one stem match, a wrong cut merges unrelated words.

Choices a reader must know:
- Verb roots ending in -i lose it with the connecting vowel (toʻqilgan, toʻqish, toʻquvchi,
  toʻqimoq → toʻq), so all forms of one verb share a stem; yozilgan, yozish → yoz likewise.
- -chilik and -chi go back to the root (kulolchilik, kulolchi → kulol; paxtachilik → paxta).
- -li goes (paxtali "with cotton" → paxta) and so does -siz (suvsiz → suv).
- Bare adjectival -gi is kept: after a vowel it cannot be told from possessive -i on a root
  whose final k was voiced (ipagi = ipak + i), and the product vocabulary needs the latter.
  -dagi is unambiguous and is stripped (Buxorodagi → Buxoro).
- Possessive -i is not stripped after l, ch, k or q, where it is far more often part of -li,
  -chi, -ki or -qi; after g/gʻ only when a vowel or n precedes, and then k/q is restored in
  words of two or more syllables (ipagi → ipak, qishlogʻi → qishloq, rangi → rang). It needs
  four letters left, so short nouns keep it (bogʻi, ishi).
- Present participles: vowel-final roots win (ishlayotgan → ishla), so yozayotgan → yoza.
"""

from __future__ import annotations

from collections.abc import Callable

from .normalise import OKINA, TUTUQ, strip_apostrophes

_VOWELS = frozenset("aeiou")
_MIN_LETTERS = 3

# Lemmas that end in letters looking like a suffix; compared in loose form so that typed
# "zardozi" is protected as well as "zardoʻzi".
_PROTECTED = frozenset(
    strip_apostrophes(word)
    for word in (  # noqa: SIM905
        # textiles and crafts
        "paxta ipak kashta gilam shoyi zardoʻzi suzani doʻppi parda atlas adras bahmal "
        "beqasam ikat abrband kigiz namat tilla lagan qaychi qamish kishmish qaymoq "
        "chinni shohi toʻqmoq qarmoq "
        # colours
        "pushti zangori qirmizi "
        # everyday words
        "ikki bola dala qoʻshni banda panda manga dollar muallim taqvim taʼlim tizim kiyim "
        "sabzi tanga bilim tashvish yemish tarmoq barmoq chaqmoq slogan "
        "hozirgi yangi bugungi keyingi oldingi soʻnggi ertangi "
        # loans in -ing that business text keeps
        "marketing branding reyting lizing konsalting treyding xosting kasting brifing "
        # places
        "namangan qarshi"
    ).split()
)


def _letters(text: str) -> int:
    return len(text) - text.count(OKINA) - text.count(TUTUQ)


def _ends_with_vowel(text: str) -> bool:
    return text[-1:] in _VOWELS or text.endswith("o" + OKINA)


def _after_vowel(rest: str) -> bool:
    return _ends_with_vowel(rest)


def _after_consonant(rest: str) -> bool:
    return bool(rest) and rest[-1].isalpha() and not _ends_with_vowel(rest)


def _after_k(rest: str) -> bool:
    return rest.endswith("k")


def _after_q_or_gh(rest: str) -> bool:
    return rest.endswith(("q", "g" + OKINA))


def _possessive_i_allowed(rest: str) -> bool:
    if not _after_consonant(rest) or rest.endswith(("l", "ch", "k", "q")):
        return False
    if rest.endswith("g" + OKINA):
        return _ends_with_vowel(rest[:-2])
    if rest.endswith("g"):
        return rest.endswith("ng") or _ends_with_vowel(rest[:-1])
    return True


Condition = Callable[[str], bool] | None
Rule = tuple[str, Condition, int]

_CASE: tuple[Rule, ...] = (
    ("gacha", None, 3),
    ("dagi", None, 3),
    ("ning", None, 3),
    ("dan", None, 3),
    ("dek", None, 3),
    ("ga", None, 3),
    ("ka", _after_k, 3),
    ("qa", _after_q_or_gh, 3),
    ("da", None, 3),
    ("ni", None, 3),
)
_POSSESSIVE: tuple[Rule, ...] = (
    ("ingiz", _after_consonant, 3),
    ("imiz", _after_consonant, 3),
    ("ngiz", _after_vowel, 3),
    ("lari", None, 3),
    ("miz", _after_vowel, 3),
    ("ing", _after_consonant, 4),
    ("im", _after_consonant, 4),
    ("si", _after_vowel, 3),
    ("i", _possessive_i_allowed, 4),
)
_PLURAL: tuple[Rule, ...] = (("lar", None, 3),)
_ABSTRACT: tuple[Rule, ...] = (("lik", None, 3),)
_DERIVATION: tuple[Rule, ...] = (
    ("uvchi", _after_consonant, 3),
    ("vchi", _after_vowel, 3),
    ("chi", None, 3),
    ("siz", None, 3),
    ("li", None, 3),
)
_VERB: tuple[Rule, ...] = (
    ("yotgan", _after_vowel, 3),
    ("ayotgan", _after_consonant, 3),
    ("adigan", _after_consonant, 3),
    ("ydigan", _after_vowel, 3),
    ("ilgan", _after_consonant, 3),
    ("ingan", _after_consonant, 3),
    ("lgan", _after_vowel, 3),
    ("ngan", _after_vowel, 3),
    ("imoq", _after_consonant, 3),
    ("moq", None, 3),
    ("ish", _after_consonant, 3),
    ("kan", _after_k, 3),
    ("qan", _after_q_or_gh, 3),
    ("gan", None, 3),
)
_LAYERS = (_CASE, _POSSESSIVE, _PLURAL, _ABSTRACT, _DERIVATION, _VERB)
# Suffixes starting with a vowel voice a final k/q of a polysyllabic root (ipak → ipagi).
_VOICING = frozenset({"ingiz", "imiz", "ing", "im", "i"})


def _devoice(rest: str) -> str:
    syllables = sum(1 for char in rest if char in _VOWELS)
    if syllables < 2:
        return rest
    if rest.endswith("g" + OKINA):
        return rest[:-2] + "q"
    if rest.endswith("g") and not rest.endswith("ng"):
        return rest[:-1] + "k"
    return rest


def _strip_one(word: str, rules: tuple[Rule, ...]) -> str | None:
    for suffix, condition, min_letters in rules:
        if not word.endswith(suffix):
            continue
        rest = word[: -len(suffix)]
        if _letters(rest) < min_letters or (condition is not None and not condition(rest)):
            continue
        return _devoice(rest) if suffix in _VOICING else rest
    return None


def uzbek_stem(word: str) -> str:
    """Stem one normalised Latin Uzbek word (lower case, ʻ/ʼ unified).

    Words that are protected, too short, or carry no known suffix come back unchanged.
    """
    stem = word
    for layer in _LAYERS:
        if strip_apostrophes(stem) in _PROTECTED:
            break
        stripped = _strip_one(stem, layer)
        if stripped is not None:
            stem = stripped
    return stem

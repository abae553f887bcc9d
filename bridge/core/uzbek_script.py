"""Uzbek Latin → Cyrillic, for producing the Cyrillic interface from the Latin catalog.

The 1995 alphabet maps back almost letter for letter; the ambiguities that remain are settled
the way Uzbek Cyrillic spelling settles them for interface words: e at the start of a word or
after a vowel is э, elsewhere е; ye/yo/yu/ya are е/ё/ю/я; the tutuq belgisi ʼ is ъ.
What must not change — placeholders, HTML, URLs, code, names of products and file formats — is
left as it is.
"""

import re

_PAIRS = {
    "oʻ": "ў", "gʻ": "ғ", "sh": "ш", "ch": "ч", "ye": "е", "yo": "ё", "yu": "ю", "ya": "я",
}  # fmt: skip
_SINGLE = {
    "a": "а", "b": "б", "c": "с", "d": "д", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с",
    "t": "т", "u": "у", "v": "в", "w": "в", "x": "х", "y": "й", "z": "з", "ʼ": "ъ",
}  # fmt: skip
_VOWELS = frozenset("aeiouʻ")
# Kept in Latin script in Uzbek Cyrillic text too.
KEEP = (
    "IT Park",
    "Creative Bridge",
    "OpenAPI",
    "API",
    "JSON",
    "CSV",
    "XLSX",
    "PNG",
    "JPEG",
    "WebP",
    "GIF",
    "SVG",
    "URL",
    "HTML",
    "Bearer",
    "Authorization",
    "E-mail",
    "e-mail",
    "ID",
)
_PROTECTED = re.compile(
    "|".join(
        [
            r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifrx]",  # %(name)s
            r"%[sdif]",
            r"\{\{.*?\}\}|\{%.*?%\}|\{[a-z_]+\}",  # template and format fields
            r"<[^>]+>",  # HTML tags
            r"&[a-z]+;|&#\d+;",  # entities
            r"`[^`]*`",  # code
            r"https?://\S+",
            r"[\w.+-]+@[\w-]+\.[\w.]+",  # e-mail addresses
            *(r"\b" + re.escape(word) + r"\b" for word in KEEP),
        ]
    )
)
# Quotes and apostrophes people type for ʻ and ʼ.
_APOSTROPHES = str.maketrans({"'": "ʼ", "’": "ʼ", "‘": "ʻ", "`": "ʻ"})


def _word_to_cyrillic(word: str) -> str:
    lower = word.lower().translate(_APOSTROPHES)
    # o' and g' are oʻ and gʻ whatever mark was typed.
    lower = re.sub(r"([og])ʼ", r"\1ʻ", lower)
    out: list[str] = []
    i = 0
    while i < len(lower):
        pair = lower[i : i + 2]
        if pair == "yo" and lower[i + 2 : i + 3] == "ʻ":
            pair = "y"  # y + oʻ (Yangiyoʻl), not yo + ʻ
        if pair in _PAIRS:
            out.append(_PAIRS[pair])
            i += 2
            continue
        ch = lower[i]
        if ch == "e":
            out.append("э" if i == 0 or lower[i - 1] in _VOWELS else "е")
        elif ch == "ʻ":
            pass  # a stray ʻ that did not follow o or g
        else:
            out.append(_SINGLE.get(ch, ch))
        i += 1
    cyrillic = "".join(out)
    # STIR, MChJ, YaTT: abbreviations are capitals throughout in Cyrillic.
    if len(word) > 1 and any(ch.isupper() for ch in word[1:]):
        return cyrillic.upper()
    if word[:1].isupper():
        return cyrillic[:1].upper() + cyrillic[1:]
    return cyrillic


_WORD = re.compile(r"[A-Za-zʻʼ'’‘`]+")


def _plain_to_cyrillic(text: str) -> str:
    def convert(match: re.Match[str]) -> str:
        word = match.group(0)
        # Edge quotes are quotation marks, not letters.
        lead = len(word) - len(word.lstrip("'’‘`"))
        trail = len(word) - len(word.rstrip("'’‘`"))
        core = word[lead : len(word) - trail if trail else None]
        if not core:
            return word
        return word[:lead] + _word_to_cyrillic(core) + (word[len(word) - trail :] if trail else "")

    return _WORD.sub(convert, text)


def latin_to_cyrillic(text: str) -> str:
    out: list[str] = []
    last = 0
    for match in _PROTECTED.finditer(text):
        out.append(_plain_to_cyrillic(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_plain_to_cyrillic(text[last:]))
    return "".join(out)


def for_reader(text: str, *, written_in: str, language: str | None) -> str:
    """Staff-written text in the reader's script: Uzbek Latin becomes Cyrillic for a reader of
    the Cyrillic interface. Other texts, and what people wrote themselves, stay as written."""
    if text and written_in == "uz" and (language or "").lower() == "uz-cyrl":
        return latin_to_cyrillic(text)
    return text

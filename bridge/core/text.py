"""A folded form of text for simple substring search: one case, one script, no apostrophes.

SQLite's LIKE ignores case for ASCII letters only, so «АТЛАС» would miss «атлас»; folding both
the stored text and the query in Python makes the match the same on SQLite and PostgreSQL, and
lets a Cyrillic query meet a Latin name (Хива → khiva, Margʻilon → margilon). The search app's
analyser is the full answer; this is for short lists such as the organisation directory.
"""

import re
import unicodedata

from bridge.core.translit import latinise

_APOSTROPHES = dict.fromkeys(map(ord, "'`ʻʼ‘’´"), None)
_SPACES = re.compile(r"\s+")
# Control characters (NUL above all: PostgreSQL refuses it) carry no words.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fold(text: str) -> str:
    text = _CONTROLS.sub(" ", unicodedata.normalize("NFKC", text or ""))
    text = text.casefold().replace("ё", "е")
    text = latinise(text).translate(_APOSTROPHES)
    # Uzbek Latin writes х as x; Russian transliteration as kh. Keep one.
    text = text.replace("kh", "x")
    return _SPACES.sub(" ", text).strip()

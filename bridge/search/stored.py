"""Body tokens and descriptions as SQLite stores them: deflated (issue 14, goal 3; migration
0017, decision 0027).

An entry's analysed body and its display body were 94 of the 186 MB of search_searchentry at
100,000 materials. The body tokens repeat themselves (a word, then its ``s_`` stem, then the
concepts), and raw deflate halves both. SQLite keeps a deflated value as a BLOB in the same
TEXT column; a value that would not get shorter stays text, so a reader tells the two apart by
type. The title and keyword tokens stay text: they are short (4 MB and 9 MB to gain at 100k),
and the re-ranker reads all three fields of thousands of candidates, at ~3.3 µs an inflated
value. PostgreSQL stores text as before: TOAST compresses its long values itself.

The full-text triggers give FTS5 the text through the SQL function ``search_text`` (apps.py,
which registers ``unpack``); the re-ranker and highlighting read it through
``PackedTextField``; the entry insert packs through ``packing``.
"""

import zlib

from django.db import models

# Level 1 against 6 at 100k: 67.0 against 65.4 MB for four token and display columns, 41
# against 46 µs an entry; indexing time counts more (goal 4).
LEVEL = 1
WBITS = -15  # raw deflate: no header and no checksum, 6 bytes less a value
SHORTEST = 32  # characters; shorter values rarely shrink and are not worth a call


def pack(text: str) -> str | bytes:
    """``text`` deflated, or ``text`` itself where deflating would not make it shorter."""
    if len(text) < SHORTEST:
        return text
    data = text.encode()
    packed = zlib.compress(data, LEVEL, WBITS)
    return packed if len(packed) < len(data) else text


def _same(text: str) -> str:
    return text


def packing(connection):
    """What raw statements on ``connection`` store for a packed column's text."""
    return pack if connection.vendor == "sqlite" else _same


def unpack(value):
    """A stored value as text: deflated bytes are inflated, anything else is returned as is."""
    if isinstance(value, (bytes, memoryview)):
        return zlib.decompress(value, WBITS).decode()
    return value


class PackedTextField(models.TextField):
    """Text that SQLite stores deflated (pack); reads give text on every database.

    Lookups compare the stored form: filter these columns through the search engine, not
    with ``contains`` and the like."""

    def from_db_value(self, value, expression, connection):
        return unpack(value)

    def get_db_prep_save(self, value, connection):
        value = super().get_db_prep_save(value, connection)
        if connection.vendor == "sqlite" and isinstance(value, str):
            return pack(value)
        return value

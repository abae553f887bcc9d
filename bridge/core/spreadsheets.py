"""One rule for every CSV and XLSX the platform writes: a text cell that a spreadsheet program
would read as a formula (it starts with = + - @, a tab or a carriage return) is written with an
apostrophe in front, so it shows as text and never runs (CSV/formula injection, OWASP).

Numbers stay numbers: only `str` values are changed. The table reader takes the apostrophe
off again (`cell_from_spreadsheet`), so an exported file can be edited and imported unchanged.
"""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_for_spreadsheet(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def row_for_spreadsheet(values: Iterable[Any]) -> list[Any]:
    return [cell_for_spreadsheet(value) for value in values]


def cell_from_spreadsheet(value: str) -> str:
    """The inverse for a file read back: "'=A1" is "=A1" again; "'quoted'" is left alone."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """CSV text line by line, for a streaming response; every row through `row_for_spreadsheet`."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that Excel opens UTF-8 (Cyrillic, oʻ) as UTF-8
    for row in rows:
        yield writer.writerow(row_for_spreadsheet(row))

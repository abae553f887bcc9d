"""Cells for CSV and XLSX files that people open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before
reading a formula) is run as a formula when the file is opened: a supplier named
`=HYPERLINK("http://evil","Click")` would become a live link in a moderator's export. Such text is
prefixed with an apostrophe, which spreadsheets read as "this is text" and do not show.
"""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value to write: text that a spreadsheet would run as a formula gets an apostrophe;
    numbers, dates and None pass unchanged (a negative number is a number, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """CSV text line by line (for a streaming response), every cell through `safe_cell`."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that Excel opens UTF-8 (Cyrillic, oʻ) as UTF-8
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])

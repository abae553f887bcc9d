"""Small cells: no public figure shows a group of fewer than five.

- A breakdown (by country, by category…) merges its small groups into "other"; when together
  they are still fewer than five, they are left out (and the chart says how many).
- A figure that cannot be merged (a month, a step of a funnel) is hidden: None, drawn and
  written as "fewer than 5".
- A share or a median is shown only when the counts behind it are shown.

Totals of the whole platform (published materials, organisations) are not groups: they are the
counts the catalog and the directory publish anyway.
"""

from collections.abc import Iterable

THRESHOLD = 5
OTHER = "other"


def hide_small(value: int | None) -> int | None:
    """The value, or None for a group of 1 to 4 (zero is no group, and stays 0)."""
    if value is None or 0 < value < THRESHOLD:
        return None
    return value


def merge_small(cells: dict[str, int], *, other: str = OTHER) -> tuple[dict[str, int], int]:
    """Merge the groups under the threshold into `other`; when together they are still under
    it, leave them out. Returns the cells, biggest first and `other` last, and how many groups
    were merged or left out."""
    items = sorted(((k, v) for k, v in cells.items() if v), key=lambda kv: (-kv[1], kv[0]))
    shown = {k: v for k, v in items if v >= THRESHOLD and k != other}
    small = [(k, v) for k, v in items if v < THRESHOLD or k == other]
    pool = sum(v for _k, v in small)
    if pool >= THRESHOLD:
        shown[other] = pool
    return shown, len([k for k, _v in small if k != other])


def merge_small_2d(
    cells: dict[tuple[str, str], int], *, other: str = OTHER
) -> tuple[dict[tuple[str, str], int], int]:
    """A two-way breakdown (row, column): rows under the threshold merge into an `other` row,
    then inside each row small columns merge into `other`."""
    row_totals: dict[str, int] = {}
    for (row, _col), value in cells.items():
        row_totals[row] = row_totals.get(row, 0) + value
    rows, merged_rows = merge_small(row_totals, other=other)
    regrouped: dict[str, dict[str, int]] = {}
    for (row, col), value in cells.items():
        target = row if row in rows and row != other else other
        if target not in rows:
            continue
        regrouped.setdefault(target, {})
        regrouped[target][col] = regrouped[target].get(col, 0) + value
    result: dict[tuple[str, str], int] = {}
    hidden = merged_rows
    for row in rows:
        columns, merged = merge_small(regrouped.get(row, {}), other=other)
        hidden += merged
        for col, value in columns.items():
            result[(row, col)] = value
    return result, hidden


def share(part: int | None, whole: int | None) -> float | None:
    """part / whole, when both are shown (a hidden part hides its share)."""
    if part is None or not whole or hide_small(whole) is None:
        return None
    if part and hide_small(part) is None:
        return None
    return part / whole


def count_hidden(values: Iterable[int | None]) -> int:
    return sum(1 for v in values if v is None)

"""The rollup's plug-in points: one source per app it reads, each a module of this package.

A source names the figures (Stat) it writes and computes their daily rows for a window of days.
Adding the partnering figures is adding `rollups/partnering.py` with a SOURCE and its name to
SOURCE_MODULES; the engine, the monthly tables, the API and the open data pick it up.

Two kinds of figure:
- a *flow* counts events on a day (materials published that day); a month sums its days;
- a *stock* is a state at the end of a day (materials in the catalog); a month takes its last
  day. A source computes today's stock exactly from the present rows and walks back day by day
  with its flows, so the figure of today always equals what the catalog shows.
"""

import importlib
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

FLOW = "flow"
STOCK = "stock"

# The sources in the order they run; each module holds `SOURCE`.
SOURCE_MODULES = ("accounts", "materials", "samples", "programs", "moderation", "partnering")


@dataclass(frozen=True)
class Stat:
    key: str
    kind: str  # FLOW or STOCK
    dims: tuple[str, ...] = ()  # which of country, category, sector, segment it fills
    public: bool = True  # False: staff pages only, never the dashboard, API or open data


@dataclass(frozen=True)
class Row:
    stat: str
    day: date
    value: int
    country: str = ""
    category: str = ""
    sector: str = ""
    segment: str = ""

    def key(self) -> tuple:
        return (self.stat, self.day, self.country, self.category, self.sector, self.segment)


@dataclass(frozen=True)
class Window:
    """The days a run recomputes: from `start` to `end` (today), as of `now`. `changed_since` is
    when the previous run started: rows changed after it may move figures of older days."""

    start: date
    end: date
    now: datetime
    changed_since: datetime | None = None

    def days(self, start: date | None = None) -> Iterable[date]:
        day = start or self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)


@dataclass
class Output:
    """What a source hands back: daily rows from `start` on, labels, staff reports."""

    start: date
    rows: list[Row] = field(default_factory=list)
    labels: dict = field(default_factory=dict)
    staff: dict[str, list[dict]] = field(default_factory=dict)


class Source(ABC):
    key: str = ""
    stats: tuple[Stat, ...] = ()

    @abstractmethod
    def compute(self, window: Window) -> Output:
        """The source's daily rows from the window's first day on."""

    def first_day(self) -> date | None:
        """The first day with anything to count: where a full run starts."""
        return None


@cache
def sources() -> tuple[Source, ...]:
    return tuple(importlib.import_module(f"{__package__}.{name}").SOURCE for name in SOURCE_MODULES)


def source_keys() -> frozenset[str]:
    return frozenset(source.key for source in sources())


@cache
def stats() -> dict[str, Stat]:
    return {stat.key: stat for source in sources() for stat in source.stats}


def stock_series(
    *,
    stat: str,
    present: dict[tuple, int],
    ins: dict[tuple[date, tuple], int],
    outs: dict[tuple[date, tuple], int],
    window: Window,
    dims: tuple[str, ...],
    start: date | None = None,
) -> list[Row]:
    """Daily rows of a stock from `start` to the window's end, anchored on its exact present
    value and walked back: stock(d - 1) = stock(d) - in(d) + out(d). `present`, `ins` and `outs`
    are keyed by the tuple of dimension values (and the day, for the flows)."""
    by_day_in: dict[date, dict[tuple, int]] = {}
    for (day, key), value in ins.items():
        by_day_in.setdefault(day, {})[key] = by_day_in.get(day, {}).get(key, 0) + value
    by_day_out: dict[date, dict[tuple, int]] = {}
    for (day, key), value in outs.items():
        by_day_out.setdefault(day, {})[key] = by_day_out.get(day, {}).get(key, 0) + value
    current = dict(present)
    rows: list[Row] = []
    first = start or window.start
    day = window.end
    while day >= first:
        for key, value in current.items():
            if value > 0:
                rows.append(Row(stat, day, value, **dict(zip(dims, key, strict=True))))
        for key, value in by_day_in.get(day, {}).items():
            current[key] = current.get(key, 0) - value
        for key, value in by_day_out.get(day, {}).items():
            current[key] = current.get(key, 0) + value
        day -= timedelta(days=1)
    return rows


def flow_rows(stat: str, counts: dict[tuple[date, tuple], int], dims: tuple[str, ...]) -> list[Row]:
    return [
        Row(stat, day, value, **dict(zip(dims, key, strict=True)))
        for (day, key), value in counts.items()
        if value
    ]

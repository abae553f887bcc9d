"""Calendar items from any app, for a calendar that names none of them.

An app whose rows happen at a time (partnering's B2B meeting days, …) registers a provider
from its AppConfig.ready(): a function that returns the generic items it holds between two
instants. The calendar page (bridge.knowledge) merges them with its own events and links each
one to its app's page, so no model is duplicated and no app imports another.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CalendarItem:
    key: str  # unique among every provider's items, e.g. "partnering-day:12"
    title: str
    starts_at: datetime  # aware
    ends_at: datetime  # aware, not before starts_at
    timezone: str  # the IANA zone the item is announced in
    url: str
    kind: str | Promise  # what it is, for people: "B2B meeting day"
    online: bool = False
    onsite: bool = True
    place: str = ""

    def __post_init__(self) -> None:
        if self.starts_at.tzinfo is None or self.ends_at.tzinfo is None:
            raise ValueError(f"calendar item {self.key!r}: times must be aware")
        if self.ends_at < self.starts_at:
            raise ValueError(f"calendar item {self.key!r}: it ends before it starts")
        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"calendar item {self.key!r}: unknown zone {self.timezone!r}") from exc

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


Provider = Callable[[datetime, datetime], Iterable[CalendarItem]]
_PROVIDERS: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    """Add or replace the provider with this key (ready() may run twice in tests)."""
    _PROVIDERS[key] = provider


def unregister(key: str) -> None:
    _PROVIDERS.pop(key, None)


def items_between(start: datetime, end: datetime) -> list[CalendarItem]:
    """Every provider's items that overlap [start, end), earliest first. A provider that fails
    is logged and left out: one broken app must not take the calendar down."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("items_between needs aware datetimes")
    found: dict[str, CalendarItem] = {}
    for key, provider in sorted(_PROVIDERS.items()):
        try:
            items = list(provider(start, end))
        except Exception:
            logger.exception("calendar provider %s failed", key)
            continue
        for item in items:
            if item.starts_at < end and item.ends_at >= start:
                found.setdefault(item.key, item)
    return sorted(found.values(), key=lambda item: (item.starts_at, item.key))

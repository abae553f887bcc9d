"""The slot grid of an event, from its days, hours, slot length and breaks, in the event's own
time zone; stored in UTC. Pure functions: the services write the rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Cell:
    day: int
    position: int
    starts_at: datetime
    ends_at: datetime


def parse_breaks(value) -> list[tuple[time, time]]:
    """[["12:30", "13:30"], ...] → [(time, time)]; ValueError names the bad entry."""
    out = []
    for entry in value or []:
        if not isinstance(entry, list | tuple) or len(entry) != 2:
            raise ValueError(entry)
        start, end = (time.fromisoformat(str(part)) for part in entry)
        if start >= end:
            raise ValueError(entry)
        out.append((start, end))
    return out


def cells(
    *,
    first_day: date,
    days: int,
    day_start: time,
    day_end: time,
    slot_minutes: int,
    breaks: list[tuple[time, time]],
    zone: ZoneInfo,
) -> list[Cell]:
    length = timedelta(minutes=slot_minutes)
    out = []
    for day in range(days):
        local_day = first_day + timedelta(days=day)
        start = datetime.combine(local_day, day_start)
        stop = datetime.combine(local_day, day_end)
        pauses = [
            (datetime.combine(local_day, a), datetime.combine(local_day, b)) for a, b in breaks
        ]
        position = 0
        while start + length <= stop:
            end = start + length
            overlap = next((b for a, b in pauses if start < b and a < end), None)
            if overlap is not None:
                # Resume right after the break, so the grid keeps its rhythm from there.
                start = overlap
                continue
            out.append(
                Cell(
                    day=day,
                    position=position,
                    starts_at=start.replace(tzinfo=zone),
                    ends_at=end.replace(tzinfo=zone),
                )
            )
            position += 1
            start = end
    return out

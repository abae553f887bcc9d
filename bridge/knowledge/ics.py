"""iCalendar (.ics) files of events, written with the `icalendar` library: times in the zone the
event is announced in, with its VTIMEZONE, so every calendar application shows the right hour
wherever its owner is. The join link is never in a public file."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from bridge.core.calendar import CalendarItem
from bridge.knowledge.models import Event, EventStatus

PRODID = "-//Creative Bridge//Knowledge calendar//EN"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "creative-bridge.local"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _event(event: Event) -> VEvent:
    tz = event.tzinfo
    item = VEvent()
    item.add("uid", f"knowledge-event-{event.pk}@{_host()}")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", timezone.localtime(event.starts_at, tz))
    item.add("dtend", timezone.localtime(event.ends_at, tz))
    item.add("summary", f"{event.title()} ({event.get_kind_display()})")
    url = _absolute(event.get_absolute_url())
    description = event.description()
    item.add("description", f"{description}\n\n{url}" if description else url)
    item.add("url", url)
    item.add("location", url if event.online else event.venue)
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    # Calendars replace an event they hold when its sequence grows: any change of ours does.
    item.add("sequence", int(event.updated_at.timestamp()) // 60 % 2_000_000_000)
    item.add("last-modified", event.updated_at)
    return item


def _item(entry: CalendarItem) -> VEvent:
    item = VEvent()
    item.add("uid", f"{entry.key.replace(':', '-')}@{_host()}")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", timezone.localtime(entry.starts_at, entry.tzinfo))
    item.add("dtend", timezone.localtime(entry.ends_at, entry.tzinfo))
    item.add("summary", f"{entry.title} ({entry.kind})")
    url = entry.url if entry.url.startswith("http") else _absolute(entry.url)
    item.add("url", url)
    item.add("description", url)
    item.add("location", entry.place or url)
    return item


def calendar_ics(name: str, events, items=()) -> bytes:
    cal = _calendar(name)
    for event in events:
        cal.add_component(_event(event))
    for entry in items:
        cal.add_component(_item(entry))
    cal.add_missing_timezones()
    return cal.to_ical()

"""Event times for people: in the zone the event is announced in, and in the reader's own zone
(their profile's, else the one they chose on the calendar, else the site's), each with the city
named in the reader's language and its offset from UTC."""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from babel.dates import get_timezone, get_timezone_location
from django.conf import settings
from django.utils import formats, timezone

from bridge.core.money import babel_locale
from bridge.core.uzbek_script import latin_to_cyrillic
from bridge.knowledge.languages import reader_language


def zone_city(name: str, language: str | None = None) -> str:
    reader = reader_language(language)
    locale = babel_locale("uz" if reader == "uz-cyrl" else reader)
    try:
        city = get_timezone_location(get_timezone(name), locale=locale, return_city=True)
    except (LookupError, ValueError):
        city = name.rsplit("/", 1)[-1].replace("_", " ")
    return latin_to_cyrillic(city) if reader == "uz-cyrl" else city


def utc_offset(moment: datetime) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@dataclass(frozen=True)
class Span:
    date: str  # "12 May 2026"
    hours: str  # "15:00–16:30", or the end's date and time when it ends another day
    zone: str  # "Tashkent, UTC+5"
    zone_name: str

    def __str__(self) -> str:
        return f"{self.date}, {self.hours} ({self.zone})"


def span(start: datetime, end: datetime, zone_name: str, language: str | None = None) -> Span:
    try:
        tz = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone_name, tz = settings.TIME_ZONE, zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local_start, local_end = timezone.localtime(start, tz), timezone.localtime(end, tz)
    hours = formats.time_format(local_start, "H:i")
    if local_end.date() == local_start.date():
        hours += "–" + formats.time_format(local_end, "H:i")
    else:
        hours += " – " + formats.date_format(local_end, "DATE_FORMAT") + " "
        hours += formats.time_format(local_end, "H:i")
    return Span(
        date=formats.date_format(local_start, "DATE_FORMAT"),
        hours=hours,
        zone=f"{zone_city(zone_name, language)}, {utc_offset(local_start)}",
        zone_name=zone_name,
    )


def reader_zone(request) -> str:
    """The zone the reader reads times in: Django's active zone (a signed-in person's own, see
    PersonPreferencesMiddleware), else the one chosen on the calendar, else the site's."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "timezone", ""):
        return user.timezone
    chosen = request.session.get("knowledge_timezone", "") if hasattr(request, "session") else ""
    return chosen or timezone.get_current_timezone_name()


def offset(moment: datetime, zone_name: str) -> str:
    """The zone's offset from UTC at ``moment``: UTC+5."""
    return utc_offset(timezone.localtime(moment, zoneinfo.ZoneInfo(zone_name)))

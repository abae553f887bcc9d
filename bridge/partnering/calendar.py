"""Meetings as iCalendar (RFC 5545), built with `icalendar`. Each meeting keeps one UID for its
whole life and a SEQUENCE that grows with each change, so a calendar that subscribed updates the
entry in place instead of adding a second one; a cancelled meeting is sent as CANCELLED."""

from __future__ import annotations

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from bridge.partnering.models import Meeting
from bridge.partnering.models.events import MeetingStatus


def meeting_uid(meeting: Meeting) -> str:
    domain = getattr(settings, "SITE_DOMAIN", "creative-bridge.local")
    return f"meeting-{meeting.pk}@{domain}"


def _entry(meeting: Meeting) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", meeting_uid(meeting))
    entry.add("sequence", meeting.sequence)
    entry.add("dtstamp", meeting.updated_at)
    # UTC times: every calendar shows them in its own zone, which is what each side wants.
    entry.add("dtstart", meeting.slot.starts_at)
    entry.add("dtend", meeting.slot.ends_at)
    other = meeting.other
    entry.add("summary", f"{meeting.event.name}: {other.organisation.name}")
    place = [meeting.table_name] if meeting.table_id else []
    if meeting.event.venue:
        place.append(meeting.event.venue)
    if meeting.link:
        place.append(meeting.link)
        entry.add("url", meeting.link)
    entry.add("location", ", ".join(place))
    entry.add("description", f"{other.person.display_name}, {other.organisation.name}")
    entry.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return entry


def calendar_bytes(meetings: list[Meeting], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Creative Bridge//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_entry(meeting))
    return calendar.to_ical()

"""A person's agenda: their meetings in time order, with the other side, slot and table, read in
a fixed number of queries whatever the number of meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.http import Http404

from bridge.partnering.models import Meeting, Registration
from bridge.partnering.models.events import MeetingStatus


@dataclass(frozen=True)
class Zone:
    """A time zone as the page names it: "Asia/Tashkent, UTC+5"."""

    name: str
    offset: str

    def __str__(self) -> str:
        return f"{self.name.split('/')[-1].replace('_', ' ')} {self.offset}"


def zone_label(zone: ZoneInfo, moment: datetime) -> Zone:
    offset = moment.astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    text = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"
    return Zone(zone.key, text)


def agenda_meetings(
    registration: Registration, *, drafts: bool = False, cancelled: bool = False
) -> list[Meeting]:
    """Published, placed meetings of this person (staff may ask for the draft too); calendars
    also get the cancelled ones, so a subscribed entry is withdrawn rather than left behind."""
    meetings = Meeting.objects.filter(
        Q(request__sender=registration) | Q(request__recipient=registration),
        slot__isnull=False,
    )
    if not cancelled:
        meetings = meetings.exclude(status=MeetingStatus.CANCELLED)
    if not drafts:
        meetings = meetings.filter(published=True)
    meetings = meetings.select_related(
        "event",
        "slot",
        "table",
        "request__sender__person",
        "request__sender__organisation",
        "request__recipient__person",
        "request__recipient__organisation",
        "joint_project",
    ).order_by("slot__starts_at", "pk")
    out = list(meetings)
    for meeting in out:
        request = meeting.request
        meeting.other = (
            request.recipient if request.sender_id == registration.pk else request.sender
        )
    return out


def registration_by_token(token: str) -> Registration:
    """The private calendar URL: an unknown or someone else's token is simply not found."""
    if not token or len(token) > 64:
        raise Http404
    registration = (
        Registration.objects.select_related("event", "person", "organisation")
        .filter(calendar_token=token)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def reader_zone(user, event) -> ZoneInfo:
    """The reader's own zone (their profile), else the event's."""
    name = getattr(user, "timezone", "") or ""
    try:
        return ZoneInfo(name) if name else event.zone
    except (ValueError, KeyError):
        return event.zone


@dataclass(frozen=True)
class AgendaRow:
    meeting: Meeting
    event_start: datetime
    event_end: datetime
    reader_start: datetime
    reader_end: datetime

    @property
    def other_day(self) -> bool:
        """The reader's clock shows another date than the event's (the day crosses midnight)."""
        return self.reader_start.date() != self.event_start.date()


def agenda_row(meeting: Meeting, event, reader: ZoneInfo) -> AgendaRow:
    slot = meeting.slot
    return AgendaRow(
        meeting=meeting,
        event_start=slot.starts_at.astimezone(event.zone),
        event_end=slot.ends_at.astimezone(event.zone),
        reader_start=slot.starts_at.astimezone(reader),
        reader_end=slot.ends_at.astimezone(reader),
    )


def my_registration(user, slug: str) -> Registration:
    """The reader's registration for the event, with the event, in one query."""
    registration = (
        Registration.objects.select_related("event", "person", "organisation")
        .filter(event__slug=slug, person_id=user.pk)
        .first()
    )
    if registration is None:
        raise Http404
    return registration

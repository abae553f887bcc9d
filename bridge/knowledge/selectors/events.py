"""Reads of the events calendar: places taken, a person's registration and place in line."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bridge.core import calendar
from bridge.knowledge import rules
from bridge.knowledge.models import Event, EventStatus, Registration, RegistrationStatus
from bridge.knowledge.times import Span, span


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in line; None when not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = registration.event.registrations.filter(
        status=RegistrationStatus.WAITLISTED, created_at__lte=registration.created_at
    ).exclude(created_at=registration.created_at, pk__gt=registration.pk)
    return ahead.count()


def live_registration(event: Event, user) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        event.registrations.filter(user=user).exclude(status=RegistrationStatus.CANCELLED).first()
    )


# --------------------------------------------------------------------------- the calendar


@dataclass
class CalendarRow:
    """One line of the calendar: one of our events, or an item another app provides."""

    key: str
    title: str
    url: str
    kind: str
    starts_at: datetime
    announced: Span  # in the zone the organisers announce it in
    yours: Span | None  # in the reader's zone, when it differs
    online: bool
    onsite: bool
    place: str = ""
    event: Event | None = None
    places_left: int | None = None
    waiting: int = 0
    language: str = ""

    @property
    def month(self) -> date:
        return self.starts_at.date().replace(day=1)


def _spans(start, end, zone: str, reader_zone: str) -> tuple[Span, Span | None]:
    announced = span(start, end, zone)
    yours = span(start, end, reader_zone) if reader_zone != zone else None
    if yours is not None and (yours.date, yours.hours) == (announced.date, announced.hours):
        yours = None
    return announced, yours


def counted(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        confirmed=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    )


def event_row(event: Event, reader_zone: str) -> CalendarRow:
    announced, yours = _spans(event.starts_at, event.ends_at, event.timezone, reader_zone)
    confirmed = getattr(event, "confirmed", None)
    if confirmed is None:
        confirmed = confirmed_count(event)
    return CalendarRow(
        key=f"event:{event.pk}",
        title=event.title(),
        url=event.get_absolute_url(),
        kind=event.get_kind_display(),
        starts_at=event.starts_at,
        announced=announced,
        yours=yours,
        online=event.online,
        onsite=not event.online,
        place=event.venue,
        event=event,
        places_left=max(0, event.capacity - confirmed),
        waiting=getattr(event, "waiting", 0),
        language=event.language,
    )


def upcoming(*, reader_zone: str, kinds=(), now=None, horizon_days: int = 366) -> list[CalendarRow]:
    """Our published events that have not ended, with the items other apps provide (B2B
    meeting days…) in the same period, earliest first."""
    now = now or timezone.now()
    events = counted(
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=now).select_related(
            "organisation"
        )
    )
    if kinds:
        events = events.filter(kind__in=kinds)
    rows = [event_row(event, reader_zone) for event in events.order_by("starts_at", "id")]
    if not kinds:
        for item in calendar.items_between(now, now + timedelta(days=horizon_days)):
            announced, yours = _spans(item.starts_at, item.ends_at, item.timezone, reader_zone)
            rows.append(
                CalendarRow(
                    key=item.key,
                    title=item.title,
                    url=item.url,
                    kind=str(item.kind),
                    starts_at=item.starts_at,
                    announced=announced,
                    yours=yours,
                    online=item.online,
                    onsite=item.onsite,
                    place=item.place,
                )
            )
    return sorted(rows, key=lambda row: (row.starts_at, row.key))


def past(*, reader_zone: str, kinds=(), now=None, limit: int = 12) -> list[CalendarRow]:
    """Events that have ended, newest first: their recordings and library entries."""
    now = now or timezone.now()
    events = Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__lt=now).select_related(
        "organisation", "practice"
    )
    if kinds:
        events = events.filter(kind__in=kinds)
    return [
        event_row(event, reader_zone) for event in counted(events).order_by("-starts_at")[:limit]
    ]


def event_for(slug: str, user) -> Event:
    """A published or cancelled event for everyone; drafts for event staff only."""
    event = Event.objects.filter(slug=slug).select_related("organisation", "practice").first()
    if event is None or (event.status == EventStatus.DRAFT and not rules.can_manage_events(user)):
        raise Http404
    return event


def registrations_of(event: Event) -> QuerySet:
    return (
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "created_at", "id")
    )


def my_registrations(user) -> QuerySet:
    return (
        Registration.objects.filter(user=user, event__ends_at__gte=timezone.now())
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")
    )

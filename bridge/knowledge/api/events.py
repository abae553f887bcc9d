"""API of the events calendar: events (upcoming or past), one event, the caller's registration
(register, read, cancel) and the event's .ics. Registering goes through the same service as the
page: a confirmed place while there is room, else the waitlist; never a second seat."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI, SIGNED_IN
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import CodeLabel, ErrorOut, ValidationErrorOut
from bridge.knowledge import ics
from bridge.knowledge.models import Event, EventKind, EventStatus, RegistrationStatus
from bridge.knowledge.selectors import events as selectors
from bridge.knowledge.services import events as services

router = Router(tags=["knowledge"])


class KnowledgeEventOut(Schema):
    slug: str
    kind: CodeLabel
    title: str
    description: str
    language: str = Field(description="The language spoken at the event.")
    starts_at: datetime
    ends_at: datetime
    timezone: str = Field(description="The zone the event is announced in.")
    online: bool
    venue: str
    status: CodeLabel
    capacity: int
    places_left: int
    waiting: int
    themes: list[str]
    recording_url: str
    library_url: str | None
    url: str
    ics_url: str


class EventsQuery(Schema):
    when: Literal["upcoming", "past"] = "upcoming"
    kind: list[Literal["briefing", "workshop", "masterclass", "webinar"]] = Field(
        default_factory=list
    )


class KnowledgeEventPage(Schema):
    count: int
    items: list[KnowledgeEventOut]


class KnowledgeRegistrationOut(Schema):
    event: str
    status: CodeLabel
    position: int | None = Field(
        description="Place on the waitlist (1 is next); null if confirmed."
    )
    join_url: str = Field(description="The link to join, for a confirmed place at an online event.")
    created_at: datetime


class RegistrationRefusalOut(Schema):
    detail: str
    code: str


def _event_out(request, event: Event) -> dict:
    confirmed = getattr(event, "confirmed", None)
    if confirmed is None:
        confirmed = selectors.confirmed_count(event)
    waiting = getattr(event, "waiting", None)
    if waiting is None:
        waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).count()
    url = event.get_absolute_url()
    return {
        "slug": event.slug,
        "kind": {"code": event.kind, "label": event.get_kind_display()},
        "title": event.title(),
        "description": event.description(),
        "language": event.language,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "timezone": event.timezone,
        "online": event.online,
        "venue": event.venue,
        "status": {"code": event.status, "label": event.get_status_display()},
        "capacity": event.capacity,
        "places_left": max(0, event.capacity - confirmed),
        "waiting": waiting,
        "themes": list(event.themes),
        "recording_url": event.recording_url if event.ends_at <= timezone.now() else "",
        "library_url": request.build_absolute_uri(event.practice.get_absolute_url())
        if event.practice_id
        else None,
        "url": request.build_absolute_uri(url),
        "ics_url": request.build_absolute_uri(f"{url}event.ics"),
    }


@router.get(
    "/knowledge/events",
    response={200: KnowledgeEventPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="List events",
)
def list_events(
    request: HttpRequest,
    filters: Query[EventsQuery],
    paging: Query[PageParams],
):
    """Upcoming events (not yet ended) earliest first, or past ones newest first."""
    now = timezone.now()
    events = Event.objects.filter(status=EventStatus.PUBLISHED).select_related("practice")
    if filters.kind:
        events = events.filter(kind__in=[k for k in filters.kind if k in EventKind.values])
    if filters.when == "upcoming":
        events = events.filter(ends_at__gte=now).order_by("starts_at", "id")
    else:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    count, page = paginate(selectors.counted(events), paging)
    return {"count": count, "items": [_event_out(request, event) for event in page]}


def _event(request, slug: str) -> Event:
    event = selectors.event_for(slug, request.auth)
    return event


@router.get(
    "/knowledge/events/{slug}",
    response={200: KnowledgeEventOut, 401: ErrorOut, 404: ErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="One event",
)
def get_event(request: HttpRequest, slug: str = Path(..., max_length=100)):
    return _event_out(request, _event(request, slug))


def _registration_out(registration) -> dict:
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    return {
        "event": event.slug,
        "status": {"code": registration.status, "label": registration.get_status_display()},
        "position": selectors.waitlist_position(registration),
        "join_url": event.join_url if confirmed and event.online else "",
        "created_at": registration.created_at,
    }


@router.get(
    "/knowledge/events/{slug}/registration",
    response={200: KnowledgeRegistrationOut, 401: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="Your registration for an event",
)
def get_registration(request: HttpRequest, slug: str = Path(..., max_length=100)):
    registration = selectors.live_registration(_event(request, slug), request.auth)
    if registration is None:
        raise Http404
    return _registration_out(registration)


@router.post(
    "/knowledge/events/{slug}/registration",
    response={
        201: KnowledgeRegistrationOut,
        401: ErrorOut,
        404: ErrorOut,
        409: RegistrationRefusalOut,
        422: RegistrationRefusalOut,
    },
    auth=SIGNED_IN,
    summary="Register for an event",
)
def register(request: HttpRequest, slug: str = Path(..., max_length=100)):
    """A confirmed place while there is room, else a place on the waitlist (`status`
    `waitlisted`, with `position`). 409 when already registered; 422 when registration is
    closed (a draft, a cancelled event, or one that has started)."""
    event = _event(request, slug)
    try:
        registration = services.registration_create(actor=request.auth, event=event)
    except DjangoValidationError as exc:
        code = exc.code or "invalid"
        return Status(
            409 if code == "duplicate" else 422, {"detail": " ".join(exc.messages), "code": code}
        )
    return Status(201, _registration_out(registration))


@router.delete(
    "/knowledge/events/{slug}/registration",
    response={200: KnowledgeRegistrationOut, 401: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="Cancel your registration",
)
def cancel(request: HttpRequest, slug: str = Path(..., max_length=100)):
    """Gives the place back; the first person on the waitlist gets it and is told by e-mail.
    404 when you hold no registration for this event."""
    event = _event(request, slug)
    registration = selectors.live_registration(event, request.auth)
    if registration is None:
        raise Http404
    return _registration_out(
        services.registration_cancel(actor=request.auth, registration=registration)
    )


@router.get(
    "/knowledge/events/{slug}/event.ics",
    response={200: None, 401: ErrorOut, 404: ErrorOut},
    auth=PUBLIC,
    openapi_extra={
        **PUBLIC_OPENAPI,
        # An int key, as ninja's own: a "200" string would be a second 200 in the JSON.
        "responses": {200: {"description": "An iCalendar file", "content": {"text/calendar": {}}}},
    },
    summary="The event as an iCalendar (.ics) file",
)
def event_ics(request: HttpRequest, slug: str = Path(..., max_length=100)):
    event = _event(request, slug)
    response = HttpResponse(
        ics.calendar_ics(event.title(), [event]), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response

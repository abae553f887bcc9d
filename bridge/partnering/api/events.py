"""API of meeting days: events, my registrations, my agenda (JSON and .ics), and meeting
requests (ask, accept, decline). The same services as the pages, so both refuse alike."""

from datetime import date, datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI, SIGNED_IN
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import ErrorOut, RefusalOut, ValidationErrorOut
from bridge.partnering import rules
from bridge.partnering.api.listings import MAX_ID, refusal
from bridge.partnering.calendar import calendar_bytes
from bridge.partnering.models import Meeting, MeetingRequest, Registration
from bridge.partnering.models.events import MESSAGE_MAX
from bridge.partnering.selectors import agenda as agenda_selectors
from bridge.partnering.selectors import events as selectors
from bridge.partnering.services import meetings as services

router = Router(tags=["meeting days"])


class PartneringEventOut(Schema):
    slug: str
    name: str
    description: str
    format: str
    venue: str
    time_zone: str
    first_day: date
    days: int
    slot_minutes: int
    status: str
    registration_opens: datetime
    registration_closes: datetime
    participants: int


class EventPage(Schema):
    count: int
    items: list[PartneringEventOut]


class PartneringRegistrationOut(Schema):
    id: int
    event: str
    organisation: str
    listings: list[int]
    calendar_url: str


class AgendaItemOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    local_start: str = Field(..., description="Start in the event's time zone, ISO 8601.")
    table: str
    link: str
    with_person: str
    with_organisation: str
    status: str
    late_note: str


class RequestIn(Schema):
    recipient: int = Field(..., ge=1, le=MAX_ID, description="The recipient's registration id.")
    message: str = Field(..., max_length=MESSAGE_MAX)


class MeetingAcceptIn(Schema):
    slot: int | None = Field(None, ge=1, le=MAX_ID, description="A shared free slot, or none.")


class RequestOut(Schema):
    id: int
    status: str
    sender: int
    recipient: int
    expires_at: datetime
    meeting: int | None = None
    slot: int | None = None


def _event_out(event) -> dict:
    return {
        "slug": event.slug,
        "name": event.name,
        "description": event.description,
        "format": event.format,
        "venue": event.venue,
        "time_zone": event.time_zone,
        "first_day": event.first_day,
        "days": event.days,
        "slot_minutes": event.slot_minutes,
        "status": event.status,
        "registration_opens": event.registration_opens,
        "registration_closes": event.registration_closes,
        "participants": getattr(event, "people", 0),
    }


@router.get(
    "/events",
    response={200: EventPage, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="Meeting days",
)
def list_events(request, paging: Query[PageParams]):
    count, items = paginate(selectors.visible_events(request.auth), paging)
    return {"count": count, "items": [_event_out(e) for e in items]}


@router.get(
    "/events/{slug}",
    response={200: PartneringEventOut, 404: ErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="One meeting day",
)
def get_event(request, slug: str):
    return _event_out(selectors.event_for(request.auth, slug[:80]))


@router.get(
    "/my/registrations",
    response={200: list[PartneringRegistrationOut], 401: ErrorOut},
    auth=SIGNED_IN,
    summary="Meeting days you are registered for",
)
def my_registrations(request):
    registrations = (
        Registration.objects.filter(person=request.auth)
        .select_related("event", "organisation")
        .prefetch_related("listings")
        .order_by("-event__first_day")[:100]
    )
    return [
        {
            "id": r.pk,
            "event": r.event.slug,
            "organisation": r.organisation.name,
            "listings": [listing.pk for listing in r.listings.all()],
            "calendar_url": request.build_absolute_uri(
                reverse("partnering:calendar_feed", kwargs={"token": r.calendar_token})
            ),
        }
        for r in registrations
    ]


@router.get(
    "/events/{slug}/agenda",
    response={200: list[AgendaItemOut], 401: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="Your published meetings at a meeting day",
)
def my_agenda(request, slug: str):
    mine = agenda_selectors.my_registration(request.auth, slug[:80])
    zone = mine.event.zone
    return [
        {
            "id": m.pk,
            "starts_at": m.slot.starts_at,
            "ends_at": m.slot.ends_at,
            "local_start": m.slot.starts_at.astimezone(zone).isoformat(),
            "table": m.table_name,
            "link": m.link,
            "with_person": m.other.person.display_name,
            "with_organisation": m.other.organisation.name,
            "status": m.status,
            "late_note": m.late_note,
        }
        for m in agenda_selectors.agenda_meetings(mine)
    ]


@router.get(
    "/events/{slug}/agenda.ics",
    response={200: None, 401: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    openapi_extra={
        "responses": {200: {"description": "An iCalendar file", "content": {"text/calendar": {}}}}
    },
    summary="Your agenda as iCalendar (text/calendar)",
)
def my_agenda_ics(request, slug: str):
    mine = agenda_selectors.my_registration(request.auth, slug[:80])
    meetings = agenda_selectors.agenda_meetings(mine, cancelled=True)
    return HttpResponse(
        calendar_bytes(meetings, name=mine.event.name), content_type="text/calendar"
    )


def _request_out(meeting_request: MeetingRequest, meeting=None) -> dict:
    return {
        "id": meeting_request.pk,
        "status": meeting_request.status,
        "sender": meeting_request.sender_id,
        "recipient": meeting_request.recipient_id,
        "expires_at": meeting_request.expires_at,
        "meeting": meeting.pk if meeting else None,
        "slot": meeting.slot_id if meeting else None,
    }


@router.post(
    "/events/{slug}/requests",
    response={
        201: RequestOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: RefusalOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Ask a participant for a meeting",
)
def send_request(request, slug: str, payload: RequestIn):
    mine = agenda_selectors.my_registration(request.auth, slug[:80])
    recipient = get_object_or_404(Registration, event=mine.event, pk=payload.recipient)
    try:
        created = services.meeting_request_send(
            actor=request.auth, sender=mine, recipient=recipient, message=payload.message
        )
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(201, _request_out(created))


def _received(request, request_id: int) -> MeetingRequest:
    if not 0 < request_id <= MAX_ID:
        raise Http404
    found = MeetingRequest.objects.select_related("recipient__organisation").filter(pk=request_id)
    found = found.first()
    if found is None or not rules.can_act_for_registration(request.auth, found.recipient):
        raise Http404
    return found


@router.post(
    "/events/requests/{request_id}/accept",
    response={
        200: RequestOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: RefusalOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Accept a meeting request, in a shared free slot or for the scheduler",
)
def accept_request(request, request_id: int, payload: MeetingAcceptIn):
    found = _received(request, request_id)
    try:
        meeting = services.meeting_request_accept(
            actor=request.auth, request=found, slot_id=payload.slot
        )
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    found.refresh_from_db()
    return _request_out(found, meeting)


@router.post(
    "/events/requests/{request_id}/decline",
    response={
        200: RequestOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: RefusalOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Decline a meeting request",
)
def decline_request(request, request_id: int):
    found = _received(request, request_id)
    try:
        services.meeting_request_decline(actor=request.auth, request=found)
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    found.refresh_from_db()
    return _request_out(found)


class LateIn(Schema):
    minutes: int = Field(10, ge=1, le=60, description="How late, in minutes (1 to 60).")


class LateOut(Schema):
    id: int
    late_note: str
    late_at: datetime


@router.post(
    "/events/meetings/{meeting_id}/late",
    response={200: LateOut, 401: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Tell the other side of a scheduled meeting that you are running late",
    description="Only one of the two sides may say so, and only for a scheduled meeting with a "
    "time (422 `state` otherwise). The other side is told by e-mail and sees the note in their "
    "agenda.",
)
def running_late(request, meeting_id: int, payload: LateIn):
    if not 0 < meeting_id <= MAX_ID:
        raise Http404
    meeting = (
        Meeting.objects.select_related(
            "request__sender__person",
            "request__sender__organisation",
            "request__recipient__person",
            "request__recipient__organisation",
        )
        .filter(pk=meeting_id)
        .first()
    )
    sides = (meeting.request.sender, meeting.request.recipient) if meeting else ()
    if not any(rules.can_act_for_registration(request.auth, side) for side in sides):
        raise Http404
    try:
        meeting = services.meeting_running_late(
            actor=request.auth, meeting=meeting, minutes=payload.minutes
        )
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return {"id": meeting.pk, "late_note": meeting.late_note, "late_at": meeting.late_at}

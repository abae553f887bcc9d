"""API router for the staff who run a meeting day: schedule, publish the agenda, check people
in, mark meetings held or no-show. The same services as the event's staff page."""

from typing import Literal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import run_service
from bridge.core.api.schemas import ErrorOut, ValidationErrorOut
from bridge.partnering import rules
from bridge.partnering.models import Meeting, Registration
from bridge.partnering.selectors import events as selectors
from bridge.partnering.services import events as event_services
from bridge.partnering.services import meetings as meeting_services
from bridge.partnering.services.schedule import agenda_draft

router = Router(tags=["staff: meeting days"])

MAX_ID = 2**63 - 1
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


class PlacedOut(Schema):
    placed: int
    unplaced: int


class MeetingCountOut(Schema):
    count: int


class MeetingStatusIn(Schema):
    status: Literal["held", "no-show", "scheduled"] = Field(
        ..., description="`scheduled` undoes a mark made by mistake."
    )


def _event(request, slug: str):
    """403 for anyone but the staff who run events, before the event is looked up."""
    if not rules.can_run_events(request.auth):
        raise HttpError(403, _("Only the staff who run events may do this."))
    return selectors.event_for(request.auth, slug[:120])


def _one(model, event, object_id: int):
    if not 1 <= object_id <= MAX_ID:
        raise Http404
    found = model.objects.filter(event=event, pk=object_id).first()
    if found is None:
        raise Http404
    return found


@router.post(
    "/events/{slug}/agenda/draft",
    response={200: PlacedOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Place the accepted meetings into slots and tables (event staff)",
)
def draft_agenda(request, slug: str):
    event = _event(request, slug)
    summary, refused = run_service(agenda_draft, actor=request.auth, event=event)
    return refused or {"placed": summary["placed"], "unplaced": summary["unplaced"]}


@router.post(
    "/events/{slug}/agenda/publish",
    response={200: MeetingCountOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Show the placed meetings to the people (event staff)",
    description="422 while the event itself is a draft.",
)
def publish_agenda(request, slug: str):
    event = _event(request, slug)
    count, refused = run_service(event_services.agenda_publish, actor=request.auth, event=event)
    return refused or {"count": count}


@router.post(
    "/events/{slug}/registrations/{registration_id}/check-in",
    response={204: None, **ERRORS},
    auth=SIGNED_IN,
    summary="Check a registered person in (event staff)",
    description="Checking in twice keeps the first time.",
)
def check_in(request, slug: str, registration_id: int):
    event = _event(request, slug)
    registration = _one(Registration, event, registration_id)
    _done, refused = run_service(
        event_services.registration_check_in, actor=request.auth, registration=registration
    )
    return refused or Status(204, None)


@router.post(
    "/events/{slug}/meetings/{meeting_id}/status",
    response={204: None, **ERRORS},
    auth=SIGNED_IN,
    summary="Mark a meeting held or no-show (event staff)",
    description="Only a placed meeting that was not cancelled (422 otherwise).",
)
def set_meeting_status(request, slug: str, meeting_id: int, payload: MeetingStatusIn):
    event = _event(request, slug)
    meeting = _one(Meeting, event, meeting_id)
    _done, refused = run_service(
        meeting_services.meeting_status_set,
        actor=request.auth,
        meeting=meeting,
        status=payload.status,
    )
    return refused or Status(204, None)

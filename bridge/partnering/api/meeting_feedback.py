"""API of what people say about the meetings they held (issue 16 item 1): a rating from 1 to 5
with a note, and six months on what came of it. The same services as the ratings and outcomes
pages, and the same choice of meetings: those the caller sat at (404 for any other)."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.schemas import ErrorOut, RefusalOut
from bridge.partnering.api.listings import MAX_ID, refusal
from bridge.partnering.models.ratings import RATING_NOTE_MAX, Outcome
from bridge.partnering.selectors.ratings import meetings_to_follow_up, meetings_to_rate
from bridge.partnering.services.outcomes import outcome_answer
from bridge.partnering.services.ratings import RATING_EDIT_DAYS, meeting_rate

router = Router(tags=["meeting days"])


def _chosen(meetings, meeting_id: int):
    if not 0 < meeting_id <= MAX_ID:
        raise Http404
    meeting = next((m for m in meetings if m.pk == meeting_id), None)
    if meeting is None:
        raise Http404
    return meeting


class RatingIn(Schema):
    score: int = Field(..., ge=1, le=5)
    note: str = Field("", max_length=RATING_NOTE_MAX)


class RatingOut(Schema):
    meeting: int
    score: int
    note: str
    created_at: datetime
    updated_at: datetime


@router.put(
    "/events/meetings/{meeting_id}/rating",
    response={200: RatingOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Rate a meeting you held (1–5, with a note)",
)
def rate_meeting(request, meeting_id: int, payload: RatingIn):
    """A held meeting you sat at (404 otherwise). The rating may be changed for 14 days after
    it was first given (422 later)."""
    meeting = _chosen(meetings_to_rate(request.auth), meeting_id)
    try:
        rating = meeting_rate(
            actor=request.auth, meeting=meeting, score=payload.score, note=payload.note
        )
    except PermissionDenied:
        raise Http404 from None
    except DjangoValidationError as exc:
        return refusal(
            exc, _("A rating can be changed for %(days)d days only.") % {"days": RATING_EDIT_DAYS}
        )
    return Status(
        200,
        {
            "meeting": meeting.pk,
            "score": rating.score,
            "note": rating.note,
            "created_at": rating.created_at,
            "updated_at": rating.updated_at,
        },
    )


class OutcomeIn(Schema):
    answer: Literal[tuple(Outcome.values)] = Field(..., description="What came of the meeting.")


class OutcomeOut(Schema):
    meeting: int
    answer: str


@router.put(
    "/events/meetings/{meeting_id}/outcome",
    response={200: OutcomeOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Say what came of a meeting (the six-month survey)",
)
def answer_outcome(request, meeting_id: int, payload: OutcomeIn):
    """A held meeting you sat at whose survey went out (404 otherwise); a later answer replaces
    the earlier one."""
    meeting = _chosen(meetings_to_follow_up(request.auth), meeting_id)
    try:
        outcome = outcome_answer(actor=request.auth, meeting=meeting, answer=payload.answer)
    except PermissionDenied:
        raise Http404 from None
    except DjangoValidationError as exc:
        return refusal(exc, _("This meeting has no outcome survey to answer."))
    return Status(200, {"meeting": meeting.pk, "answer": outcome.answer})

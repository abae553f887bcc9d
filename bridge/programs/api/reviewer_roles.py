"""API router for the caller's reviewer roles: the calls they were invited to review, and their
answer (accept with the languages they read, or decline). Same selector and service as the
reviewer's invitation page."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Field, Router, Schema, Status
from pydantic import StrictBool

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import service_refusal
from bridge.core.api.schemas import ErrorOut, ValidationErrorOut
from bridge.programs.ids import id_or_404
from bridge.programs.selectors import review as selectors
from bridge.programs.services import review as services

router = Router(tags=["programme review"])


class ReviewerRoleOut(Schema):
    id: int
    call: str
    call_title: str
    status: Literal["invited", "accepted", "declined"]
    languages: list[str]
    review_deadline: datetime | None


class ReviewerRolePage(Schema):
    count: int
    items: list[ReviewerRoleOut]


class InvitationAnswerIn(Schema):
    accept: StrictBool
    languages: list[Literal["ru", "uz", "en"]] = Field(
        None, min_length=1, max_length=3, description="Those you read; needed to accept."
    )


def _role_out(reviewer) -> dict:
    return {
        "id": reviewer.pk,
        "call": reviewer.call.slug,
        "call_title": reviewer.call.title(),
        "status": reviewer.status,
        "languages": list(reviewer.languages or []),
        "review_deadline": reviewer.call.review_deadline,
    }


@router.get(
    "/programmes/reviewer-roles",
    response={200: ReviewerRolePage, 401: ErrorOut},
    auth=SIGNED_IN,
    summary="The calls the caller was invited to review, and their answers",
)
def reviewer_roles(request) -> dict:
    roles = list(selectors.reviewer_roles(request.auth).order_by("-call__closes_at", "pk"))
    return {"count": len(roles), "items": [_role_out(r) for r in roles]}


@router.post(
    "/programmes/reviewer-roles/{reviewer_id}/answer",
    response={
        200: ReviewerRoleOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
    auth=SIGNED_IN,
    summary="Accept or decline an invitation to review",
    description="Accepting needs `languages` (422 at `languages` otherwise). Declining drops "
    "the caller's assignments of the call; refused (422) once a review was submitted. 404 for "
    "another person's role.",
)
def answer_invitation(request, reviewer_id: int, payload: InvitationAnswerIn):
    reviewer = selectors.reviewer_roles(request.auth).filter(pk=id_or_404(reviewer_id)).first()
    if reviewer is None:
        raise Http404
    try:
        services.reviewer_respond(
            user=request.auth,
            reviewer=reviewer,
            accept=payload.accept,
            languages=(payload.languages or []) if payload.accept else None,
        )
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(200, _role_out(reviewer))

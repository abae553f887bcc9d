"""API router for the moderators' validation of offers and requests: the queue, one decision,
a bulk decision. The same selector and services as the queue page."""

from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import service_refusal
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import ErrorOut, ValidationErrorOut
from bridge.partnering import rules
from bridge.partnering.api.listings import listing_out
from bridge.partnering.api.schemas import ListingDetailOut, ListingPage
from bridge.partnering.models import Listing
from bridge.partnering.selectors.listings import validation_queue
from bridge.partnering.services import listings as services

router = Router(tags=["staff: partnering validation"])

MAX_ID = 2**63 - 1
RULE = " `reason` is required to return or reject (422 at `reason`); the organisation reads it."
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


class ListingDecisionIn(Schema):
    decision: Literal["publish", "return", "reject"]
    reason: str = Field("", max_length=2000)


class BulkDecisionIn(ListingDecisionIn):
    listings: list[int] = Field(..., min_length=1, max_length=200)


class DoneOut(Schema):
    count: int


def _require_validator(request) -> None:
    if not rules.can_validate(request.auth):
        raise HttpError(403, _("Only the agency's moderators validate offers and requests."))


@router.get(
    "/validation-queue",
    response={200: ListingPage, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Offers and requests waiting for validation (moderators)",
)
def queue(request, paging: Query[PageParams]) -> dict:
    """Oldest submission first; the owner is always shown to moderators."""
    _require_validator(request)
    count, page = paginate(validation_queue(), paging)
    return {"count": count, "items": [listing_out(request, x, shown=True) for x in page]}


@router.post(
    "/listings/{listing_id}/validate",
    response={200: ListingDetailOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Publish, return or reject one listing (moderators)",
    description="Only a listing waiting for validation (422 otherwise)." + RULE,
)
def validate(request, listing_id: int, payload: ListingDecisionIn):
    _require_validator(request)
    if not 1 <= listing_id <= MAX_ID:
        raise Http404
    listing = Listing.objects.select_related("organisation").filter(pk=listing_id).first()
    if listing is None:
        raise Http404
    try:
        listing = services.listing_validate(actor=request.auth, listing=listing, **payload.dict())
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(200, listing_out(request, listing, detail=True, shown=True))


@router.post(
    "/listings/validate",
    response={200: DoneOut, **ERRORS},
    auth=SIGNED_IN,
    summary="One decision for several listings (moderators)",
    description="`listings`: ids of listings waiting for validation (others are left out; "
    "404 when none is waiting). Each is decided in its own transaction." + RULE,
)
def validate_many(request, payload: BulkDecisionIn):
    _require_validator(request)
    ids = [pk for pk in payload.listings if 1 <= pk <= MAX_ID]
    chosen = list(
        Listing.objects.select_related("organisation").filter(pk__in=ids, status="pending")
    )
    if not chosen:
        raise Http404
    try:
        done = services.listings_validate(
            actor=request.auth, listings=chosen, decision=payload.decision, reason=payload.reason
        )
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return {"count": len(done)}

"""API of what a listing's organisation does with it once drafted (issue 16 item 1): archive,
renew, open or close it for interest, dismiss a match; and the thread of an accepted interest.
The same services and rules as the listing's page and the interest's page."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import StrictBool

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.schemas import ErrorOut, RefusalOut
from bridge.partnering.api.listings import MAX_ID, listing_out, refusal, visible_listing
from bridge.partnering.api.schemas import ListingDetailOut
from bridge.partnering.models import Listing
from bridge.partnering.models.interest import ANSWER_MAX
from bridge.partnering.selectors import interest as interest_selectors
from bridge.partnering.services import interest as interest_services
from bridge.partnering.services import listings as services
from bridge.partnering.services.matching import match_dismiss

router = Router(tags=["partnering"])


def _not_yours() -> Status:
    return Status(403, {"detail": _("Only the listing's organisation may change it.")})


@router.post(
    "/listings/{listing_id}/archive",
    response={200: ListingDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="Archive a listing (it is no longer shown)",
)
def archive_listing(request, listing_id: int):
    """For the listing's organisation, and moderators; archiving twice changes nothing."""
    listing = visible_listing(request, listing_id)
    try:
        listing = services.listing_archive(actor=request.auth, listing=listing)
    except PermissionDenied:
        return _not_yours()
    return Status(200, listing_out(request, listing, detail=True))


@router.post(
    "/listings/{listing_id}/renew",
    response={200: ListingDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Renew a published listing once",
)
def renew_listing(request, listing_id: int):
    """Once, while published, and never past the longest lifetime from first publication (422
    otherwise)."""
    listing = visible_listing(request, listing_id)
    try:
        listing = services.listing_renew(actor=request.auth, listing=listing)
    except PermissionDenied:
        return _not_yours()
    except DjangoValidationError as exc:
        return refusal(exc, _("The listing cannot be renewed."))
    return Status(200, listing_out(request, listing, detail=True))


class OpenIn(Schema):
    open_for_interest: StrictBool = Field(
        ..., description="`false` stops new expressions of interest; `true` accepts them again."
    )


@router.post(
    "/listings/{listing_id}/open",
    response={200: ListingDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="Open or close a listing for expressions of interest",
)
def set_listing_open(request, listing_id: int, payload: OpenIn):
    listing = visible_listing(request, listing_id)
    try:
        listing = services.listing_set_open(
            actor=request.auth, listing=listing, open_for_interest=payload.open_for_interest
        )
    except PermissionDenied:
        return _not_yours()
    return Status(200, listing_out(request, listing, detail=True))


@router.post(
    "/listings/{listing_id}/matches/{counterpart_id}/dismiss",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary='"Not interested": drop a match for both sides, for good',
)
def dismiss_match(request, listing_id: int, counterpart_id: int):
    """For the listing's organisation; the counterpart is any listing (404 when there is none).
    Dismissing twice changes nothing."""
    listing = visible_listing(request, listing_id)
    if not 0 < counterpart_id <= MAX_ID:
        raise Http404
    counterpart = Listing.objects.filter(pk=counterpart_id).first()
    if counterpart is None:
        raise Http404
    try:
        match_dismiss(actor=request.auth, listing=listing, counterpart=counterpart)
    except PermissionDenied:
        return Status(
            403, {"detail": _("Only the listing's organisation may dismiss its matches.")}
        )
    return Status(204, None)


class InterestMessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=ANSWER_MAX)


class MessageOrganisationOut(Schema):
    id: int
    name: str


class InterestMessageOut(Schema):
    id: int
    interest: int
    organisation: MessageOrganisationOut = Field(description="The side the author wrote for.")
    body: str
    created_at: datetime


@router.post(
    "/interests/{interest_id}/messages",
    response={
        201: InterestMessageOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Write in the conversation of an accepted expression of interest",
)
def post_interest_message(request, interest_id: int, payload: InterestMessageIn):
    """For both organisations once the interest is accepted (422 before); the other side is
    told by e-mail. Staff who read the interest may not write in it (403)."""
    if not 0 < interest_id <= MAX_ID:
        raise Http404
    interest = interest_selectors.interest_for(request.auth, interest_id)
    try:
        message = interest_services.interest_message_post(
            actor=request.auth, interest=interest, body=payload.body
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Only the two organisations write in this conversation.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("The message cannot be sent."))
    return Status(
        201,
        {
            "id": message.pk,
            "interest": interest.pk,
            "organisation": {"id": message.organisation_id, "name": message.organisation.name},
            "body": message.body,
            "created_at": message.created_at,
        },
    )

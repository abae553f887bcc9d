"""API of expressions of interest: send one, list yours, accept or decline."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import ErrorOut, RefusalOut, ValidationErrorOut
from bridge.partnering import rules
from bridge.partnering.api.listings import MAX_ID, refusal, visible_listing
from bridge.partnering.api.schemas import (
    InterestIn,
    InterestOut,
    InterestPage,
    PartneringDeclineIn,
)
from bridge.partnering.models import Interest
from bridge.partnering.selectors import interest as selectors
from bridge.partnering.services import interest as services
from bridge.partnering.vocabulary import InterestStatus

router = Router(tags=["partnering"])


def interest_out(request, interest: Interest, *, org_ids=None, people=None) -> dict:
    """``org_ids`` (the caller's organisations) and ``people`` (selectors.speakers) are passed
    by lists, so that a page of interests costs a fixed number of queries."""
    if org_ids is None:
        org_ids = rules.user_organisation_ids(request.auth)
    received = interest.listing.organisation_id in org_ids
    other = interest.organisation if received else interest.listing.organisation
    staff = rules.is_staff_reader(request.auth)
    if received:
        shown = not interest.anonymous or interest.status == InterestStatus.ACCEPTED or staff
    else:
        shown = (
            not interest.listing.anonymous or interest.status == InterestStatus.ACCEPTED or staff
        )
    profile = getattr(other, "partner_profile", None)
    shared = selectors.contacts(interest, people)
    return {
        "id": interest.pk,
        "listing": interest.listing_id,
        "listing_title": interest.listing.title,
        "status": interest.status,
        "direction": "received" if received else "sent",
        "organisation": {
            "id": other.pk if shown else None,
            "name": other.name if shown else None,
            "country": str(other.country),
            "kind": profile.kind if profile else "",
            "size": profile.size if profile else "",
        },
        "message": interest.message,
        "brings": interest.brings,
        "expects": interest.expects,
        "timing": interest.timing,
        "decline_reason": interest.decline_reason,
        "created_at": interest.created_at,
        "answered_at": interest.answered_at,
        "contacts": shared["sender" if received else "owner"]["people"] if shared else [],
    }


def _interest(request, interest_id: int) -> Interest:
    if not 0 < interest_id <= MAX_ID:
        raise Http404
    return selectors.interest_for(request.auth, interest_id)


@router.post(
    "/listings/{listing_id}/interests",
    response={
        201: InterestOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: RefusalOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Express interest in a listing",
)
def send_interest(request, listing_id: int, payload: InterestIn):
    """One per organisation and listing (409 `duplicate`); at most 10 waiting per organisation
    (422 `too_many`)."""
    listing = visible_listing(request, listing_id)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None or not rules.can_write_for(request.auth, organisation):
        return Status(403, {"detail": _("You cannot write on behalf of this organisation.")})
    try:
        interest = services.interest_send(
            actor=request.auth,
            listing=listing,
            organisation=organisation,
            **payload.dict(exclude={"organisation"}),
        )
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(201, interest_out(request, selectors.interest_for(request.auth, interest.pk)))


@router.get(
    "/interests",
    response={200: InterestPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Expressions of interest your organisations sent or received",
)
def list_interests(request, paging: Query[PageParams]):
    ids = rules.user_organisation_ids(request.auth)
    queryset = (
        Interest.objects.filter(Q(organisation_id__in=ids) | Q(listing__organisation_id__in=ids))
        .select_related(
            "listing",
            "listing__organisation",
            "listing__organisation__partner_profile",
            "listing__author",
            "sender",
            "organisation",
            "organisation__partner_profile",
        )
        .order_by("-created_at", "-id")
    )
    count, page = paginate(queryset, paging)
    accepted = [i for i in page if i.status == InterestStatus.ACCEPTED]
    people = selectors.speakers(
        [o for i in accepted for o in (i.organisation_id, i.listing.organisation_id)]
    )
    return {
        "count": count,
        "items": [interest_out(request, i, org_ids=ids, people=people) for i in page],
    }


@router.post(
    "/interests/{interest_id}/accept",
    response={200: InterestOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: RefusalOut},
    auth=SIGNED_IN,
    summary="Accept an expression of interest (contacts are shared both ways)",
)
def accept_interest(request, interest_id: int):
    interest = _interest(request, interest_id)
    try:
        services.interest_accept(actor=request.auth, interest=interest)
    except PermissionDenied:
        return Status(403, {"detail": _("Only the listing's organisation may answer.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("This expression of interest cannot be accepted."))
    return Status(200, interest_out(request, _interest(request, interest_id)))


@router.post(
    "/interests/{interest_id}/decline",
    response={
        200: InterestOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: RefusalOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Decline an expression of interest, with a reason",
)
def decline_interest(request, interest_id: int, payload: PartneringDeclineIn):
    interest = _interest(request, interest_id)
    try:
        services.interest_decline(actor=request.auth, interest=interest, reason=payload.reason)
    except PermissionDenied:
        return Status(403, {"detail": _("Only the listing's organisation may answer.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(200, interest_out(request, _interest(request, interest_id)))

"""API of listings and matches (docs/DESIGN.md, "Partnering API"). Writes go through the same
services as the pages."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI, SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import ErrorOut, RefusalOut, ValidationErrorOut
from bridge.partnering import rules
from bridge.partnering.api.schemas import (
    ListingDetailOut,
    ListingIn,
    ListingPage,
    ListingUpdateIn,
    MatchList,
)
from bridge.partnering.explain import explain
from bridge.partnering.models import Listing
from bridge.partnering.selectors.listings import browse, listing_for, public_listings
from bridge.partnering.selectors.matching import MAX_LIMIT, matches_for
from bridge.partnering.services import listings as services

router = Router(tags=["partnering"])
MAX_ID = 2**63 - 1


def organisation_out(listing: Listing, *, shown: bool) -> dict:
    organisation = listing.organisation
    profile = getattr(organisation, "partner_profile", None)
    return {
        "id": organisation.pk if shown else None,
        "name": organisation.name if shown else None,
        "country": str(organisation.country),
        "kind": profile.kind if profile else "",
        "size": profile.size if profile else "",
    }


def listing_out(request, listing: Listing, *, detail: bool = False, shown=None) -> dict:
    if shown is None:
        shown = not listing.anonymous or rules.can_see_owner(request.auth, listing)
    out = {
        "id": listing.pk,
        "ref": listing.ref,
        "kind": listing.kind,
        "type": listing.type,
        "title": listing.title,
        "summary": listing.summary,
        "language": listing.language,
        "country": str(listing.organisation.country),
        "sectors": list(listing.sectors),
        "keywords": list(listing.keywords),
        "heritage": list(listing.heritage),
        "countries_sought": list(listing.countries_sought),
        "status": listing.status,
        "open_for_interest": listing.open_for_interest,
        "published_at": listing.published_at,
        "expires_at": listing.expires_at,
        "organisation": organisation_out(listing, shown=shown),
        "url": request.build_absolute_uri(reverse("partnering:listing", args=[listing.pk])),
    }
    if detail:
        for name in ("description", "partner_kinds", "partner_sizes", "stage", "budget_min"):
            out[name] = getattr(listing, name)
        out.update(
            budget_max=listing.budget_max, currency=listing.currency, anonymous=listing.anonymous
        )
    return out


# Refusals that describe the state of things, not the request: 409, whether the service
# names a field or not (a duplicate meeting request names the recipient).
CONFLICTS = ("duplicate", "answered")


def refusal(exc: DjangoValidationError, default: str) -> Status:
    if hasattr(exc, "error_dict"):
        errors = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        detail = " ".join(errors.get("__all__", [])) or default
        codes = [e.code for v in exc.error_dict.values() for e in v]
        code = next((c for c in codes if c in CONFLICTS), "invalid")
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
        detail = " ".join(errors["__all__"])
        code = exc.error_list[0].code or "invalid"
    status = 409 if code in CONFLICTS else 422
    return Status(status, {"detail": detail, "code": code, "errors": errors})


def visible_listing(request, listing_id: int) -> Listing:
    if not 0 < listing_id <= MAX_ID:
        raise Http404
    return listing_for(request.auth, listing_id)


class ListingFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Words in any language or script.")
    kind: str | None = Field(None, max_length=16)
    type: str | None = Field(None, max_length=32)
    sector: str | None = Field(None, max_length=16)
    country: str | None = Field(None, max_length=2, description="The owner's country.")


@router.get(
    "/listings",
    response={200: ListingPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="Published offers and requests",
)
def list_listings(request, paging: Query[PageParams], filters: Query[ListingFilters]):
    """Live listings (published, not expired): newest first, or best first with `q` (searched
    across languages and scripts, as on the site)."""
    facets = {
        name: [value.lower() if name != "country" else value.upper()]
        for name, value in filters.dict(exclude={"q"}).items()
        if value
    }
    if not filters.q and not facets:
        queryset = public_listings().select_related("organisation__partner_profile")
        count, page = paginate(queryset, paging)
        return {"count": count, "items": [listing_out(request, x) for x in page]}
    found = browse(q=filters.q or "", filters=facets, page=paging.page, page_size=paging.page_size)
    return {"count": found.count, "items": [listing_out(request, x) for x in found.listings]}


@router.get(
    "/listings/{listing_id}",
    response={200: ListingDetailOut, 401: ErrorOut, 404: ErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="One listing",
)
def get_listing(request, listing_id: int):
    """Drafts and listings waiting, returned, rejected, archived or expired are visible only to
    their organisation and staff (404 for others)."""
    return listing_out(request, visible_listing(request, listing_id), detail=True)


@router.get(
    "/listings/{listing_id}/matches",
    response={200: MatchList, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="A listing's matches, best first",
)
def list_matches(request, listing_id: int, limit: int = Query(10, ge=1, le=MAX_LIMIT)):
    """For the listing's organisation and staff. Each match obeys the hard rules; `reasons` are
    in the caller's language (`?lang=`)."""
    listing = visible_listing(request, listing_id)
    if not rules.can_see_matches(request.auth, listing):
        return Status(
            403, {"detail": _("Only the listing's organisation and staff see its matches.")}
        )
    language = get_language() or "ru"
    items = [
        {
            "listing": listing_out(request, m.counterpart, shown=not m.counterpart.anonymous),
            "score": round(m.score, 4),
            "reasons": explain(m.reasons, language),
        }
        for m in matches_for(listing, limit=limit)
    ]
    return {"items": items}


@router.post(
    "/listings",
    response={
        201: ListingDetailOut,
        401: ErrorOut,
        403: ErrorOut,
        409: RefusalOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Draft an offer or request",
)
def create_listing(request, payload: ListingIn):
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None or not rules.can_write_for(request.auth, organisation):
        return Status(403, {"detail": _("You cannot publish on behalf of this organisation.")})
    fields = payload.dict(exclude={"organisation"})
    try:
        listing = services.listing_create(actor=request.auth, organisation=organisation, **fields)
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(201, listing_out(request, listing, detail=True))


@router.patch(
    "/listings/{listing_id}",
    response={200: ListingDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Change a listing",
)
def update_listing(request, listing_id: int, payload: ListingUpdateIn):
    listing = visible_listing(request, listing_id)
    try:
        listing = services.listing_update(
            actor=request.auth, listing=listing, **payload.dict(exclude_unset=True)
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Only the listing's organisation may change it.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(200, listing_out(request, listing, detail=True))


@router.post(
    "/listings/{listing_id}/submit",
    response={200: ListingDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Send a draft for validation",
)
def submit_listing(request, listing_id: int):
    listing = visible_listing(request, listing_id)
    try:
        listing = services.listing_submit(actor=request.auth, listing=listing)
    except PermissionDenied:
        return Status(403, {"detail": _("Only the listing's organisation may change it.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("The listing cannot be sent for validation."))
    return Status(200, listing_out(request, listing, detail=True))

"""API router for the moderators' verification of organisations: the queue, verify, refuse.
Same selector and services as the moderation page."""

from datetime import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from bridge.accounts import rules, selectors
from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.api.organisations import (
    OrganisationOut,
    organisation_for_write,
    organisation_out,
)
from bridge.accounts.selectors import organisation_list
from bridge.accounts.services import organisations as services
from bridge.core.api.errors import service_refusal
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import ErrorOut, ValidationErrorOut

router = Router(tags=["staff: organisation verification"])

STAFF_ERRORS = {401: ErrorOut, 403: ErrorOut}


class PendingOrganisationOut(Schema):
    id: int
    slug: str
    name: str
    country: str
    registration_number: str
    owners: list[str] = Field(description="E-mail addresses of the owners.")
    waiting_since: datetime


class PendingPage(Schema):
    count: int
    items: list[PendingOrganisationOut]


class RejectIn(Schema):
    reason: str = Field(
        ..., min_length=1, max_length=2000, description="Sent to the owners; say what to fix."
    )


def _require_moderator(request) -> None:
    if not rules.can_verify_organisations(request.auth):
        raise HttpError(403, _("Only the agency's moderators verify organisations."))


@router.get(
    "/organisations/verification-queue",
    response={200: PendingPage, **STAFF_ERRORS, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Organisations waiting for verification (moderators)",
)
def verification_queue(request, paging: Query[PageParams]) -> dict:
    """Oldest request first."""
    _require_moderator(request)
    count, pending = paginate(selectors.organisations_awaiting_verification(), paging)
    items = [
        {
            "id": o.pk,
            "slug": o.slug,
            "name": o.name,
            "country": str(o.country),
            "registration_number": o.registration_number,
            "owners": [m.user.email for m in o.owner_memberships],
            "waiting_since": o.updated_at,
        }
        for o in pending
    ]
    return {"count": count, "items": items}


@router.post(
    "/organisations/{organisation_id}/verify",
    response={200: OrganisationOut, 404: ErrorOut, **STAFF_ERRORS},
    auth=SIGNED_IN,
    summary="Verify an organisation (moderators)",
    description="The owners and administrators are told by e-mail.",
)
def verify_organisation(request, organisation_id: int):
    _require_moderator(request)
    organisation = organisation_for_write(organisation_id)
    services.organisation_verify(actor=request.auth, organisation=organisation)
    return Status(200, organisation_out(request, organisation_list().get(pk=organisation.pk)))


@router.post(
    "/organisations/{organisation_id}/reject",
    response={200: OrganisationOut, 404: ErrorOut, 422: ValidationErrorOut, **STAFF_ERRORS},
    auth=SIGNED_IN,
    summary="Refuse verification, with the reason (moderators)",
    description="`reason` may not be blank (422 at `reason`); the owners get it by e-mail.",
)
def reject_organisation(request, organisation_id: int, payload: RejectIn):
    _require_moderator(request)
    organisation = organisation_for_write(organisation_id)
    try:
        services.organisation_reject(
            actor=request.auth, organisation=organisation, reason=payload.reason
        )
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(200, organisation_out(request, organisation_list().get(pk=organisation.pk)))

"""API of a listing's files and of the organisation's partner profile (issue 16 item 1). The
same services as the listing's form: files checked by content (PDF, PNG, JPEG up to 10 MB, five
per listing), images kept without their EXIF; only the listing's organisation changes them."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.schemas import ErrorOut, RefusalOut
from bridge.partnering import rules
from bridge.partnering.api.listings import MAX_ID, refusal, visible_listing
from bridge.partnering.models import Attachment
from bridge.partnering.services.attachments import attachment_add, attachment_remove
from bridge.partnering.services.profiles import partner_profile_set
from bridge.partnering.vocabulary import OrganisationKind, OrganisationSize

router = Router(tags=["partnering"])


class ListingAttachmentOut(Schema):
    id: int
    listing: int
    kind: str = Field(description="`pdf`, `png` or `jpeg`, from the content.")
    name: str
    size: int
    created_at: datetime


def _not_yours() -> Status:
    return Status(403, {"detail": _("Only the listing's organisation may change it.")})


@router.post(
    "/listings/{listing_id}/attachments",
    response={
        201: ListingAttachmentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Attach a file to a listing (multipart)",
)
def add_attachment(request, listing_id: int, attachment: File[UploadedFile]):
    """`multipart/form-data` with `attachment`: a PDF, PNG or JPEG (by content) of at most
    10 MB; at most 5 per listing; only while the listing is a draft, returned or published (422
    at `attachment`)."""
    listing = visible_listing(request, listing_id)
    try:
        added = attachment_add(actor=request.auth, listing=listing, upload=attachment)
    except PermissionDenied:
        return _not_yours()
    except DjangoValidationError as exc:
        return refusal(exc, _("The file is not accepted."))
    return Status(
        201,
        {
            "id": added.pk,
            "listing": listing.pk,
            "kind": added.kind,
            "name": added.name,
            "size": added.size,
            "created_at": added.created_at,
        },
    )


@router.delete(
    "/listings/{listing_id}/attachments/{attachment_id}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="Remove a file from a listing",
)
def remove_attachment(request, listing_id: int, attachment_id: int):
    listing = visible_listing(request, listing_id)
    if not 0 < attachment_id <= MAX_ID:
        raise Http404
    attachment = Attachment.objects.filter(pk=attachment_id, listing=listing).first()
    if attachment is None:
        raise Http404
    try:
        attachment_remove(actor=request.auth, attachment=attachment)
    except PermissionDenied:
        return _not_yours()
    return Status(204, None)


class PartnerProfileIn(Schema):
    kind: OrganisationKind
    size: OrganisationSize


class PartnerProfileOut(Schema):
    organisation: int
    kind: str
    size: str


@router.put(
    "/organisations/{organisation_id}/profile",
    response={200: PartnerProfileOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Set your organisation's kind and size as partnering shows them",
)
def set_partner_profile(request, organisation_id: int, payload: PartnerProfileIn):
    """Shown even on anonymous listings and interests, instead of the name. For the
    organisation's members (403 otherwise)."""
    if not 0 < organisation_id <= MAX_ID:
        raise Http404
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    if not rules.can_write_for(request.auth, organisation):
        return Status(403, {"detail": _("You cannot write on behalf of this organisation.")})
    try:
        profile = partner_profile_set(
            actor=request.auth,
            organisation=organisation,
            kind=payload.kind.value,
            size=payload.size.value,
        )
    except PermissionDenied:
        return Status(403, {"detail": _("You cannot write on behalf of this organisation.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(
        200, {"organisation": organisation.pk, "kind": profile.kind, "size": profile.size}
    )

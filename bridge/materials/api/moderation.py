"""API of the moderators' decisions on listings: publish one, or reject it with a reason the
supplier sees. The same services as the moderation queue's page, one audit entry per decision;
anyone but a moderator (or a superuser) gets 403."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import service_refusal, step_refusal
from bridge.core.api.schemas import ErrorOut, ValidationErrorOut
from bridge.materials.api.supplier import CERTIFICATES, SupplierMaterialOut, material_out
from bridge.materials.models import Material
from bridge.materials.rules import materials as rules
from bridge.materials.services import materials as services

router = Router(tags=["materials moderation"])
MAX_ID = 2**63 - 1
Id = Annotated[int, Path(..., ge=1, le=MAX_ID)]


class DecisionRefusalOut(Schema):
    detail: str
    code: str = Field(description="`invalid_transition`: not from the listing's status.")


class MaterialRejectIn(Schema):
    reason: str = Field(
        ..., min_length=1, max_length=2000, description="Shown to the supplier on the listing."
    )


RESPONSES = {
    200: SupplierMaterialOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: DecisionRefusalOut,
    422: ValidationErrorOut,
}


def _decide(request, material_id: int, service, **arguments):
    if not rules.can_moderate_materials(request.auth):
        raise HttpError(403, _("Only moderators can publish or reject materials."))
    material = (
        Material.objects.select_related("supplier", "category").filter(pk=material_id).first()
    )
    if material is None:
        raise Http404
    try:
        service(actor=request.auth, material=material, **arguments)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            return service_refusal(exc)
        return step_refusal(exc)
    material.refresh_from_db()
    prefetch_related_objects([material], "fibres", "images", CERTIFICATES)
    return material_out(request, material)


@router.post(
    "/material-moderation/{material_id}/publish",
    response=RESPONSES,
    auth=SIGNED_IN,
    summary="Publish a listing (moderators)",
)
def publish_material(request: HttpRequest, material_id: Id):
    """A draft, a listing waiting for review or a rejected one; a published or archived listing
    is a 409 (`code: "invalid_transition"`)."""
    return _decide(request, material_id, services.material_publish)


@router.post(
    "/material-moderation/{material_id}/reject",
    response=RESPONSES,
    auth=SIGNED_IN,
    summary="Reject a listing with a reason (moderators)",
)
def reject_material(request: HttpRequest, material_id: Id, payload: MaterialRejectIn):
    """A listing waiting for review or published (it leaves the catalog); 409 otherwise
    (`code: "invalid_transition"`). A blank reason is a 422 at `reason`."""
    return _decide(request, material_id, services.material_reject, reason=payload.reason)

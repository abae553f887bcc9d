"""API router for sample requests (signed-in callers only): both sides' lists, one request,
creating one, and its state changes — the same services and rules as the pages."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.errors import invalid
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import CodeLabel, DateIn, ErrorOut, ValidationErrorOut
from bridge.materials.models import Material, SampleRequest, SampleStatus
from bridge.materials.models.samples import MAX_MATERIALS, MAX_QUANTITY
from bridge.materials.rules import samples as rules
from bridge.materials.selectors import samples as selectors
from bridge.materials.selectors.collections import material_url
from bridge.materials.services import samples as services

router = Router(tags=["sample requests"])
MAX_ID = 2**63 - 1
Side = Literal["all", "sent", "received"]
StatusCode = Literal[
    "requested", "accepted", "declined", "shipped", "received", "closed", "cancelled", "expired"
]


class SampleOrganisationRef(Schema):
    id: int
    slug: str
    name: str


class SampleLineOut(Schema):
    material_id: int
    sku: str
    name: str
    quantity: int
    url: str | None


class MessageOut(Schema):
    author: str | None
    body: str
    created_at: datetime


class SampleRequestOut(Schema):
    id: int
    status: CodeLabel
    side: Literal["sent", "received"]
    requester: str
    organisation: SampleOrganisationRef
    supplier: SampleOrganisationRef
    items: list[SampleLineOut]
    purpose: str
    delivery_address: str
    shipping_estimate: date | None
    decline_reason: str
    tracking_number: str
    created_at: datetime
    answered_at: datetime | None
    shipped_at: datetime | None
    received_at: datetime | None
    closed_at: datetime | None
    actions: list[str] = Field(description="What the caller may do now.")
    url: str


class SampleRequestDetailOut(SampleRequestOut):
    messages: list[MessageOut]


class SampleRequestPage(Schema):
    count: int
    items: list[SampleRequestOut]


class ListFilters(Schema):
    side: Side = Field("all", description="`sent` by you, `received` by your organisations.")
    status: StatusCode | None = None


class LineIn(Schema):
    material_id: int = Field(..., ge=1, le=MAX_ID)
    quantity: int = Field(1, ge=1, le=MAX_QUANTITY)


class SampleRequestIn(Schema):
    organisation_id: int = Field(..., ge=1, le=MAX_ID, description="Your organisation.")
    items: list[LineIn] = Field(..., min_length=1, max_length=MAX_MATERIALS)
    purpose: str = Field(..., min_length=1, max_length=4000)
    delivery_address: str = Field(..., min_length=1, max_length=4000)


class SampleAcceptIn(Schema):
    shipping_estimate: DateIn


class SampleDeclineIn(Schema):
    reason: str = Field(..., min_length=1, max_length=4000)


class ShipIn(Schema):
    tracking_number: str = Field(..., min_length=1, max_length=80)


class MessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=4000)


def _org(o: Organisation) -> dict:
    return {"id": o.pk, "slug": o.slug, "name": o.name}


def request_out(request: HttpRequest, sample_request: SampleRequest, *, messages=False) -> dict:
    user = request.auth
    data = {
        "id": sample_request.pk,
        "status": {
            "code": sample_request.status,
            "label": str(SampleStatus(sample_request.status).label),
        },
        "side": "sent" if sample_request.requester_id == user.pk else "received",
        "requester": sample_request.requester.display_name,
        "organisation": _org(sample_request.organisation),
        "supplier": _org(sample_request.supplier),
        "items": [
            {
                "material_id": item.material_id,
                "sku": item.material.sku,
                "name": item.material.display_name(),
                "quantity": item.quantity,
                "url": request.build_absolute_uri(url)
                if (url := material_url(item.material))
                else None,
            }
            for item in sample_request.items.all()
        ],
        "actions": rules.allowed_actions(user, sample_request),
        "url": request.build_absolute_uri(sample_request.get_absolute_url()),
    }
    for name in (
        "purpose",
        "delivery_address",
        "shipping_estimate",
        "decline_reason",
        "tracking_number",
        "created_at",
        "answered_at",
        "shipped_at",
        "received_at",
        "closed_at",
    ):
        data[name] = getattr(sample_request, name)
    if messages:
        data["messages"] = [
            {
                "author": m.author.display_name if m.author else None,
                "body": m.body,
                "created_at": m.created_at,
            }
            for m in sample_request.messages.all()
        ]
    return data


def _visible(request, pk: int) -> SampleRequest:
    if not 1 <= pk <= MAX_ID:
        raise Http404
    sample_request = selectors.sample_request_detail(user=request.auth, pk=pk)
    if sample_request is None:
        raise Http404
    return sample_request


def _run(request, pk: int, action: str, **kwargs) -> dict:
    sample_request = _visible(request, pk)
    try:
        services.TRANSITION_SERVICES[action](actor=request.auth, request=sample_request, **kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, _("Only the other side of this request may do that.")) from exc
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            field, errors = next(iter(exc.error_dict.items()))
            message = " ".join(errors[0].messages)
            raise invalid(field=field, message=message, location="body", code="refused") from exc
        raise HttpError(409, " ".join(exc.messages)) from exc
    return request_out(request, _visible(request, pk), messages=True)


RESPONSES = {
    200: SampleRequestDetailOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


@router.get(
    "/sample-requests",
    response={200: SampleRequestPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Your sample requests",
)
def list_sample_requests(request, filters: Query[ListFilters], paging: Query[PageParams]) -> dict:
    """Requests you sent and requests sent to organisations you belong to, newest first."""
    user = request.auth
    queryset = {
        "all": selectors.sample_requests_visible_to,
        "sent": selectors.sample_requests_sent,
        "received": selectors.sample_requests_received,
    }[filters.side](user)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    count, page = paginate(queryset, paging)
    return {"count": count, "items": [request_out(request, r) for r in page]}


@router.post(
    "/sample-requests",
    response={201: SampleRequestDetailOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Request samples",
)
def create_sample_request(request, payload: SampleRequestIn):
    """Samples of one or more published materials of ONE supplier, for one of your organisations."""
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None or not rules.can_request_for(request.auth, organisation):
        raise invalid(
            field="organisation_id",
            message=_("You are not a member of this organisation."),
            location="body",
            code="not_member",
        )
    ids = [line.material_id for line in payload.items]
    materials = {m.pk: m for m in Material.objects.select_related("supplier").filter(pk__in=ids)}
    missing = [i for i in ids if i not in materials]
    if missing:
        raise invalid(
            field="items",
            message=_("Unknown material: %(id)s.") % {"id": missing[0]},
            location="body",
            code="unknown",
        )
    try:
        created = services.sample_request_create(
            actor=request.auth,
            organisation=organisation,
            lines=[(materials[line.material_id], line.quantity) for line in payload.items],
            purpose=payload.purpose,
            delivery_address=payload.delivery_address,
        )
    except ValidationError as exc:
        field, errors = next(iter(exc.message_dict.items()))
        raise invalid(
            field=field, message=" ".join(errors), location="body", code="refused"
        ) from exc
    return Status(201, request_out(request, _visible(request, created.pk), messages=True))


@router.get(
    "/sample-requests/{request_id}",
    response={200: SampleRequestDetailOut, 401: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="One sample request with its messages",
)
def get_sample_request(request, request_id: int = Path(...)) -> dict:
    return request_out(request, _visible(request, request_id), messages=True)


@router.post("/sample-requests/{request_id}/accept", response=RESPONSES, auth=SIGNED_IN,
             summary="Accept (supplier)")  # fmt: skip
def accept(request, payload: SampleAcceptIn, request_id: int = Path(...)) -> dict:
    return _run(request, request_id, "accept", shipping_estimate=payload.shipping_estimate)


@router.post("/sample-requests/{request_id}/decline", response=RESPONSES, auth=SIGNED_IN,
             summary="Decline with a reason (supplier)")  # fmt: skip
def decline(request, payload: SampleDeclineIn, request_id: int = Path(...)) -> dict:
    return _run(request, request_id, "decline", reason=payload.reason)


@router.post("/sample-requests/{request_id}/ship", response=RESPONSES, auth=SIGNED_IN,
             summary="Mark shipped with a tracking number (supplier)")  # fmt: skip
def ship(request, payload: ShipIn, request_id: int = Path(...)) -> dict:
    return _run(request, request_id, "ship", tracking_number=payload.tracking_number)


@router.post("/sample-requests/{request_id}/receive", response=RESPONSES, auth=SIGNED_IN,
             summary="Mark received (requester)")  # fmt: skip
def receive(request, request_id: int = Path(...)) -> dict:
    return _run(request, request_id, "receive")


@router.post("/sample-requests/{request_id}/cancel", response=RESPONSES, auth=SIGNED_IN,
             summary="Cancel before shipping (requester)")  # fmt: skip
def cancel(request, request_id: int = Path(...)) -> dict:
    return _run(request, request_id, "cancel")


@router.post("/sample-requests/{request_id}/close", response=RESPONSES, auth=SIGNED_IN,
             summary="Close after receipt (either side)")  # fmt: skip
def close(request, request_id: int = Path(...)) -> dict:
    return _run(request, request_id, "close")


@router.post("/sample-requests/{request_id}/messages", response=RESPONSES, auth=SIGNED_IN,
             summary="Add a message to the thread")  # fmt: skip
def add_message(request, payload: MessageIn, request_id: int = Path(...)) -> dict:
    sample_request = _visible(request, request_id)
    try:
        services.sample_request_message_add(
            actor=request.auth, request=sample_request, body=payload.body
        )
    except ValidationError as exc:
        raise HttpError(409, " ".join(exc.messages)) from exc
    return request_out(request, _visible(request, request_id), messages=True)

"""API router of collections (moodboards): the caller's own, with their materials, and the
share link. The same services and selectors as the collection pages; someone else's collection
is a 404, as if it did not exist."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import invalid, run_service, service_refusal
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import ErrorOut, ValidationErrorOut
from bridge.materials.models import Collection, Material
from bridge.materials.selectors import collections as selectors
from bridge.materials.services import collections as services
from bridge.materials.vocabulary import Status as ListingStatus

router = Router(tags=["collections"])
MAX_ID = 2**63 - 1
Id = Annotated[int, Path(..., ge=1, le=MAX_ID)]


class CollectionIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    description: str = Field("", max_length=2000)


class CollectionChange(Schema):
    name: str | None = Field(None, min_length=1, max_length=120)
    description: str | None = Field(None, max_length=2000)


class ItemIn(Schema):
    material_id: int = Field(..., ge=1, le=MAX_ID, description="A published material.")


class CollectedMaterial(Schema):
    id: int
    supplier: str
    sku: str
    name: str
    url: str
    api_url: str


class CollectionOut(Schema):
    id: int
    name: str
    description: str
    material_count: int = Field(description="Published materials (others are hidden, not lost).")
    shared: bool
    share_url: str | None = Field(description="Anyone with this link sees the collection.")
    created_at: datetime
    updated_at: datetime
    url: str


class CollectionDetailOut(CollectionOut):
    materials: list[CollectedMaterial]


class CollectionPage(Schema):
    count: int
    items: list[CollectionOut]


def collection_out(request: HttpRequest, collection: Collection, *, materials=None) -> dict:
    data = {
        "id": collection.pk,
        "name": collection.name,
        "description": collection.description,
        "material_count": getattr(collection, "material_count", 0),
        "shared": collection.is_shared,
        "share_url": request.build_absolute_uri(
            reverse("materials_collections:shared", args=[collection.share_token])
        )
        if collection.is_shared
        else None,
        "created_at": collection.created_at,
        "updated_at": collection.updated_at,
        "url": request.build_absolute_uri(
            reverse("materials_collections:detail", args=[collection.pk])
        ),
    }
    if materials is not None:
        data["materials"] = [
            {
                "id": m.pk,
                "supplier": m.supplier.slug,
                "sku": m.sku,
                "name": m.display_name(),
                "url": request.build_absolute_uri(m.url),
                "api_url": request.build_absolute_uri(
                    reverse("api-v1:material_detail", args=[m.supplier.slug, m.sku])
                ),
            }
            for m in materials
        ]
    return data


def _own(request, pk: int) -> Collection:
    collection = selectors.collection_for_owner(user=request.auth, pk=pk)
    if collection is None:
        raise Http404
    return collection


def _detail(request, pk: int) -> dict:
    collection = _own(request, pk)
    return collection_out(request, collection, materials=selectors.collection_materials(collection))


# 403: a read-only token on a write (bridge.accounts.api.auth).
DETAIL_RESPONSES = {
    200: CollectionDetailOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}
READ_RESPONSES = {200: CollectionDetailOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


@router.get(
    "/collections",
    response={200: CollectionPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Your collections",
)
def list_collections(request, paging: Query[PageParams]) -> dict:
    """Last changed first."""
    count, page = paginate(selectors.collections_of(request.auth), paging)
    return {"count": count, "items": [collection_out(request, c) for c in page]}


@router.post(
    "/collections",
    response={201: CollectionDetailOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Create a collection",
)
def create_collection(request, payload: CollectionIn):
    """At most 200 collections per person (422 at `name` beyond)."""
    created, refused = run_service(
        services.collection_create,
        actor=request.auth,
        name=payload.name,
        description=payload.description,
    )
    return refused or Status(201, _detail(request, created.pk))


@router.get(
    "/collections/{collection_id}",
    response=READ_RESPONSES,
    auth=SIGNED_IN,
    summary="One collection with its materials",
)
def get_collection(request, collection_id: Id) -> dict:
    return _detail(request, collection_id)


@router.patch(
    "/collections/{collection_id}",
    response=DETAIL_RESPONSES,
    auth=SIGNED_IN,
    summary="Rename a collection or change its notes",
)
def update_collection(request, collection_id: Id, payload: CollectionChange) -> dict:
    """Fields left out stay as they are."""
    collection = _own(request, collection_id)
    _, refused = run_service(
        services.collection_update,
        actor=request.auth,
        collection=collection,
        name=collection.name if payload.name is None else payload.name,
        description=collection.description if payload.description is None else payload.description,
    )
    return refused or _detail(request, collection_id)


@router.delete(
    "/collections/{collection_id}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Delete a collection",
)
def delete_collection(request, collection_id: Id):
    """The collection goes, with its share link; the materials stay in the catalog."""
    services.collection_delete(actor=request.auth, collection=_own(request, collection_id))
    return Status(204, None)


@router.post(
    "/collections/{collection_id}/materials",
    response=DETAIL_RESPONSES,
    auth=SIGNED_IN,
    summary="Add a material",
)
def add_material(request, collection_id: Id, payload: ItemIn) -> dict:
    """A published material (422 at `material_id` otherwise); adding it twice changes nothing.
    At most 500 materials per collection."""
    collection = _own(request, collection_id)
    material = Material.objects.filter(
        pk=payload.material_id, status=ListingStatus.PUBLISHED
    ).first()
    if material is None:
        raise invalid(
            field="material_id",
            message=_("Only published materials can be collected."),
            location="body",
            code="unknown",
        )
    try:
        services.collection_item_add(actor=request.auth, collection=collection, material=material)
    except ValidationError as exc:
        return service_refusal(ValidationError({"material_id": exc.messages}))
    return _detail(request, collection_id)


@router.delete(
    "/collections/{collection_id}/materials/{material_id}",
    response=DETAIL_RESPONSES,
    auth=SIGNED_IN,
    summary="Remove a material",
)
def remove_material(request, collection_id: Id, material_id: Id) -> dict:
    """Removing a material the collection does not hold changes nothing."""
    collection = _own(request, collection_id)
    material = Material.objects.filter(pk=material_id).first()
    if material is not None:
        services.collection_item_remove(
            actor=request.auth, collection=collection, material=material
        )
    return _detail(request, collection_id)


@router.post(
    "/collections/{collection_id}/share",
    response=DETAIL_RESPONSES,
    auth=SIGNED_IN,
    summary="Create a share link",
)
def share_collection(request, collection_id: Id) -> dict:
    """A fresh unguessable link in `share_url`; any earlier link stops working."""
    services.collection_share(actor=request.auth, collection=_own(request, collection_id))
    return _detail(request, collection_id)


@router.delete(
    "/collections/{collection_id}/share",
    response=DETAIL_RESPONSES,
    auth=SIGNED_IN,
    summary="Revoke the share link",
)
def unshare_collection(request, collection_id: Id) -> dict:
    """The link stops working; the collection is private again."""
    services.collection_unshare(actor=request.auth, collection=_own(request, collection_id))
    return _detail(request, collection_id)

"""API router of a supplier's own listings: list (drafts included), one listing, create,
change, submit, archive, photos. The same services, rules and selectors as the dashboard pages:
members of the supplier (and staff) read, its owner and administrators (and staff) write; another
organisation's supplier or listing is a 404, as if it did not exist."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.errors import invalid, service_refusal
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import CodeLabel, CountryCode, DateIn, ErrorOut, ValidationErrorOut
from bridge.materials.api.listing_inputs import (
    Measure,
    Percent,
    Price,
    PropertyNumber,
    Quantity,
    SamplePrice,
)
from bridge.materials.models import Category, Material, MaterialCertification, MaterialImage
from bridge.materials.models.materials import MAX_IMAGES
from bridge.materials.rules import materials as rules
from bridge.materials.rules import supplier as rules_supplier
from bridge.materials.selectors import properties as selectors_properties
from bridge.materials.selectors import supplier as selectors
from bridge.materials.selectors.collections import material_url
from bridge.materials.services import materials as services
from bridge.materials.vocabulary import Status as ListingStatus

router = Router(tags=["supplier listings"])
MAX_ID = 2**63 - 1
Id = Annotated[int, Path(..., ge=1, le=MAX_ID)]
Slug = Annotated[str, Path(..., max_length=100)]
LanguageCode = Literal["ru", "uz", "uz-Cyrl", "en"]
CurrencyCode = Literal["RUB", "UZS", "USD", "EUR", "KZT", "CNY"]
UnitCode = Literal["m", "kg", "piece", "m2"]
StatusCode = Literal["draft", "pending", "published", "rejected", "archived"]
Word = Annotated[str, Field(min_length=1, max_length=100)]


class FibreIn(Schema):
    fibre: str = Field(
        ...,
        min_length=1,
        max_length=80,
        description="A thesaurus id or a word in any language («ipak», «шёлк», «silk»); "
        "a fibre the thesaurus does not know is kept as written.",
    )
    percent: Percent = Field(..., description="0.01 to 100; places past the second dropped.")


class CertificateIn(Schema):
    code: str = Field(..., min_length=1, max_length=64, description="A certification's code.")
    number: str = Field("", max_length=80)
    expires_on: DateIn | None = None


class MaterialChange(Schema):
    """Every field optional: PATCH changes what it names and keeps the rest."""

    sku: str | None = Field(None, min_length=1, max_length=64)
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, min_length=1, max_length=20000)
    language: LanguageCode | None = Field(None, description="Language of name and description.")
    name_ru: str | None = Field(None, max_length=200)
    name_uz: str | None = Field(None, max_length=200)
    name_en: str | None = Field(None, max_length=200)
    description_ru: str | None = Field(None, max_length=20000)
    description_uz: str | None = Field(None, max_length=20000)
    description_en: str | None = Field(None, max_length=20000)
    category: str | None = Field(None, min_length=1, max_length=64, description="Category code.")
    techniques: list[Word] | None = Field(None, max_length=30)
    colours: list[Word] | None = Field(None, max_length=30)
    width_cm: Measure | None = None
    weight_gsm: Measure | None = None
    thickness_mm: Measure | None = None
    origin_country: CountryCode | None = Field(None, description="ISO 3166 alpha-2, upper case.")
    origin_region: str | None = Field(None, max_length=120)
    sustainability_notes: str | None = Field(None, max_length=20000)
    price: Price | None = None
    currency: CurrencyCode | None = None
    unit: UnitCode | None = None
    moq: Quantity | None = Field(None, description="In `unit`.")
    lead_time_days: int | None = Field(None, ge=0, le=3650)
    sample_available: bool | None = None
    sample_price: SamplePrice | None = Field(None, description="null means free.")
    composition: list[FibreIn] | None = Field(
        None, max_length=12, description="Shares adding up to 100; each fibre once."
    )
    certifications: list[CertificateIn] | None = Field(None, max_length=20)
    properties: dict[str, PropertyNumber] | None = Field(
        None,
        description='Template properties of the category (code → number; null or "" '
        "clears). Bounds and places are the template's (422 with `code` `refused`). "
        "Given, it replaces them all; values of another category's template are refused.",
    )
    submit: bool = Field(False, description="Then submit the listing for review.")


class MaterialCreate(MaterialChange):
    sku: str = Field(..., min_length=1, max_length=64)
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=20000)
    language: LanguageCode
    category: str = Field(..., min_length=1, max_length=64, description="Category code.")
    origin_country: CountryCode = Field(..., description="ISO 3166 alpha-2, upper case.")
    price: Price
    currency: CurrencyCode
    unit: UnitCode
    moq: Quantity = Field(..., description="In `unit`.")
    lead_time_days: int = Field(..., ge=0, le=3650)


class ListingFibreOut(Schema):
    fibre: str = Field(description='Thesaurus id, or "" for a word kept as written.')
    label: str
    percent: str


class ListingCertificateOut(Schema):
    code: str
    number: str
    expires_on: date | None


class ListingImageOut(Schema):
    id: int
    url: str
    alt: str
    position: int


class SupplierMaterialOut(Schema):
    id: int
    sku: str
    status: CodeLabel
    rejection_reason: str
    name: str
    description: str
    language: str
    name_ru: str
    name_uz: str
    name_en: str
    description_ru: str
    description_uz: str
    description_en: str
    category: CodeLabel
    techniques: list[str]
    colours: list[str]
    width_cm: str | None
    weight_gsm: str | None
    thickness_mm: str | None
    origin_country: str
    origin_region: str
    sustainability_notes: str
    price: str
    currency: str
    unit: str
    moq: str
    lead_time_days: int
    sample_available: bool
    sample_price: str | None
    composition: list[ListingFibreOut]
    certifications: list[ListingCertificateOut]
    properties: dict[str, str]
    images: list[ListingImageOut]
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    url: str | None = Field(description="The public page, once published.")
    edit_url: str


class SupplierMaterialPage(Schema):
    count: int
    items: list[SupplierMaterialOut]


class SupplierListingFilters(Schema):
    status: StatusCode | None = None


TEXT_FIELDS = tuple(
    name
    for name in services.EDITABLE_FIELDS
    if Material._meta.get_field(name).get_internal_type() in ("CharField", "TextField")
)


# Answered as the listing stores them.
AS_STORED = (
    "id", "sku", "rejection_reason", "name", "description", "language", "name_ru", "name_uz",
    "name_en", "description_ru", "description_uz", "description_en", "techniques", "colours",
    "origin_region", "sustainability_notes", "currency", "unit", "lead_time_days",
    "sample_available", "created_at", "updated_at", "published_at",
)  # fmt: skip


def _decimal(value) -> str | None:
    return None if value is None else f"{value:f}"


def material_out(request: HttpRequest, material: Material) -> dict:
    published = material.status == ListingStatus.PUBLISHED
    return {
        **{name: getattr(material, name) for name in AS_STORED},
        "status": {"code": material.status, "label": str(material.get_status_display())},
        "category": {"code": material.category.code, "label": material.category.name()},
        "origin_country": str(material.origin_country),
        **{
            name: _decimal(getattr(material, name))
            for name in ("width_cm", "weight_gsm", "thickness_mm", "price", "moq", "sample_price")
        },
        "composition": [
            {"fibre": f.fibre, "label": f.label(), "percent": _decimal(f.percent.normalize())}
            for f in material.fibres.all()
        ],
        "certifications": [
            {"code": mc.certification.code, "number": mc.number, "expires_on": mc.expires_on}
            for mc in material.certifications.all()
        ],
        "properties": {
            code: _decimal(value.normalize())
            for code, value in selectors_properties.property_values(material).items()
        },
        "images": [
            {
                "id": image.pk,
                "url": request.build_absolute_uri(image.image.url),
                "alt": image.alt,
                "position": image.position,
            }
            for image in material.images.all()
        ],
        "url": request.build_absolute_uri(material_url(material)) if published else None,
        "edit_url": request.build_absolute_uri(
            reverse("materials_supplier:edit", args=[material.supplier.slug, material.pk])
        ),
    }


def supplier_visible(request, slug: str) -> Organisation:
    """The supplier whose listings the caller may read; anyone else's is a 404."""
    supplier = Organisation.objects.filter(slug=slug).first()
    if supplier is None or not rules_supplier.can_view_dashboard(request.auth, supplier):
        raise Http404
    return supplier


def supplier_managed(request, slug: str) -> Organisation:
    supplier = supplier_visible(request, slug)
    if not rules.can_manage_materials(request.auth, supplier):
        raise HttpError(403, _("Only the supplier's owner and administrators change its listings."))
    return supplier


# What material_out reads, in a fixed number of queries per page.
CERTIFICATES = Prefetch(
    "certifications",
    queryset=MaterialCertification.objects.select_related("certification").order_by("id"),
)


def _material(supplier: Organisation, pk: int) -> Material:
    material = selectors.material_for_edit(supplier=supplier, pk=pk)
    if material is None:
        raise Http404
    prefetch_related_objects([material], CERTIFICATES)
    return material


def _fresh(request, supplier, pk: int) -> dict:
    return material_out(request, _material(supplier, pk))


def _save(request, supplier, material, payload: MaterialChange):
    """`(the listing, None)`, or `(None, the 422)` when the service refuses a field."""
    given = payload.dict(exclude_unset=True)
    fields = {name: given[name] for name in services.EDITABLE_FIELDS if name in given}
    if "category" in fields:
        category = Category.objects.filter(code=fields["category"]).first()
        if category is None:
            raise invalid(
                field="category", message=_("Unknown category."), location="body", code="unknown"
            )
        fields["category"] = category
    for name in ("techniques", "colours"):
        if name in fields:
            fields[name] = list(dict.fromkeys(w.strip() for w in fields[name] or [] if w.strip()))
    for name in TEXT_FIELDS:
        if name in fields and fields[name] is None:
            fields[name] = ""  # null text is empty text, as the form's blank field
    composition, certifications = payload.composition, payload.certifications
    try:
        saved = services.material_save(
            actor=request.auth,
            supplier=supplier,
            material=material,
            fields=fields,
            fibres=None
            if composition is None
            else [(row.fibre, row.percent) for row in composition],
            certifications=None
            if certifications is None
            else [(c.code, c.number, c.expires_on) for c in certifications],
            properties=given.get("properties"),
            submit=payload.submit,
        )
    except PermissionDenied as exc:
        raise HttpError(403, " ".join(exc.args) or _("You may not do that.")) from exc
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise HttpError(409, " ".join(exc.messages)) from exc
        return None, service_refusal(exc)
    return saved, None


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}
MATERIAL_RESPONSES = {200: SupplierMaterialOut, **ERRORS}
CREATED_RESPONSES = {201: SupplierMaterialOut, **ERRORS}


@router.get(
    "/suppliers/{slug}/listings",
    response={200: SupplierMaterialPage, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="A supplier's listings (drafts included)",
)
def list_listings(
    request, slug: Slug, filters: Query[SupplierListingFilters], paging: Query[PageParams]
) -> dict:
    """Every listing of a supplier you are a member of, last changed first (the dashboard)."""
    supplier = supplier_visible(request, slug)
    queryset = selectors.supplier_listings(
        supplier=supplier, status=filters.status or ""
    ).prefetch_related("fibres", "images", CERTIFICATES)
    count, page = paginate(queryset, paging)
    return {"count": count, "items": [material_out(request, m) for m in page]}


@router.post(
    "/suppliers/{slug}/listings",
    response=CREATED_RESPONSES,
    auth=SIGNED_IN,
    summary="Create a listing (a draft)",
)
def create_listing(request, slug: Slug, payload: MaterialCreate):
    """A new draft; with `submit: true` it goes to the moderators at once. Cross-field rules:
    the SKU is unique per supplier; `composition` adds up to 100 with each fibre once;
    `properties` belong to the category's template and stay within its bounds. Nothing is saved
    when any of them fails (422 with every field)."""
    supplier = supplier_managed(request, slug)
    material, refused = _save(request, supplier, None, payload)
    return refused or Status(201, _fresh(request, supplier, material.pk))


@router.get(
    "/suppliers/{slug}/listings/{material_id}",
    response={200: SupplierMaterialOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="One listing of a supplier",
)
def get_listing(request, slug: Slug, material_id: Id) -> dict:
    return _fresh(request, supplier_visible(request, slug), material_id)


@router.patch(
    "/suppliers/{slug}/listings/{material_id}",
    response=MATERIAL_RESPONSES,
    auth=SIGNED_IN,
    summary="Change a listing",
)
def update_listing(request, slug: Slug, material_id: Id, payload: MaterialChange) -> dict:
    """Changes the fields given and keeps the rest; `composition`, `certifications` and
    `properties`, when given, replace the whole list. A published listing stays published. An
    archived listing cannot be changed (409). The rules of creation apply (422, nothing saved)."""
    supplier = supplier_managed(request, slug)
    material, refused = _save(request, supplier, _material(supplier, material_id), payload)
    return refused or _fresh(request, supplier, material.pk)


def _transition(request, slug: str, material_id: int, service) -> dict:
    supplier = supplier_managed(request, slug)
    material = _material(supplier, material_id)
    try:
        service(actor=request.auth, material=material)
    except ValidationError as exc:
        raise HttpError(409, " ".join(exc.messages)) from exc
    return _fresh(request, supplier, material.pk)


@router.post(
    "/suppliers/{slug}/listings/{material_id}/submit",
    response=MATERIAL_RESPONSES,
    auth=SIGNED_IN,
    summary="Submit a listing for review",
)
def submit_listing(request, slug: Slug, material_id: Id) -> dict:
    """Drafts and rejected listings only (409 otherwise)."""
    return _transition(request, slug, material_id, services.material_submit)


@router.post(
    "/suppliers/{slug}/listings/{material_id}/archive",
    response=MATERIAL_RESPONSES,
    auth=SIGNED_IN,
    summary="Archive a listing",
)
def archive_listing(request, slug: Slug, material_id: Id) -> dict:
    """Takes the listing out of the catalog for good; 409 when it is archived already."""
    return _transition(request, slug, material_id, services.material_archive)


@router.post(
    "/suppliers/{slug}/listings/{material_id}/images",
    response=CREATED_RESPONSES,
    auth=SIGNED_IN,
    summary="Add a photo (multipart)",
    description="`multipart/form-data` with `image` (JPEG, PNG or WebP, at most 10 MB; SVG and "
    "other formats are refused) and an optional `alt`. The photo is re-encoded without its "
    f"metadata (EXIF, GPS). At most {MAX_IMAGES} photos per listing (422 at `image`); an "
    "archived listing takes none (409).",
)
def add_image(
    request,
    slug: Slug,
    material_id: Id,
    image: File[UploadedFile],
    alt: str = Form("", max_length=200),
):
    supplier = supplier_managed(request, slug)
    material = _material(supplier, material_id)
    if material.status == ListingStatus.ARCHIVED:
        raise HttpError(409, _("An archived material cannot be changed."))
    try:
        services.material_image_add(actor=request.auth, material=material, upload=image, alt=alt)
    except ValidationError as exc:
        raise invalid(field="image", message=" ".join(exc.messages), location="body") from exc
    return Status(201, _fresh(request, supplier, material.pk))


@router.delete(
    "/suppliers/{slug}/listings/{material_id}/images/{image_id}",
    response=MATERIAL_RESPONSES,
    auth=SIGNED_IN,
    summary="Remove a photo",
)
def remove_image(request, slug: Slug, material_id: Id, image_id: Id) -> dict:
    supplier = supplier_managed(request, slug)
    material = _material(supplier, material_id)
    image = MaterialImage.objects.filter(material=material, pk=image_id).first()
    if image is None:
        raise Http404
    services.material_image_remove(actor=request.auth, image=image)
    return _fresh(request, supplier, material.pk)

"""API router of the Materials Center catalog: search (the contract in DESIGN.md), one material,
one supplier. Anonymous callers see published materials only, exactly like the web pages."""

from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from pydantic import field_validator

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI
from bridge.core.api.errors import invalid
from bridge.core.api.pagination import PageParams
from bridge.core.api.schemas import CodeLabel, CountryOut, ErrorOut, ValidationErrorOut
from bridge.materials.models import Material
from bridge.materials.selectors import catalog as selectors

router = Router()

Language = Literal["ru", "uz", "en"]
Sort = Literal["relevance", "price", "-price", "newest"]


# The fixed numeric properties, filtered as ranges as on the catalog page (template properties
# of categories are filtered there only).
MEASURES = ("width_cm", "weight_gsm", "thickness_mm")
MEASURE_BOUNDS = tuple(f"{key}_{bound}" for key in MEASURES for bound in ("min", "max"))


class MaterialFilters(Schema):
    q: str = Field(
        "",
        max_length=1000,
        description="Words in any language or script (ru, uz Latin or Cyrillic, en); "
        "typos are forgiven. Empty: every published material.",
    )
    category: list[str] = Field(
        default_factory=list, description="Category codes (a parent matches its children)."
    )
    country: list[str] = Field(default_factory=list, description="Supplier country, ISO alpha-2.")
    supplier: list[str] = Field(default_factory=list, description="Supplier slugs.")
    certification: list[str] = Field(default_factory=list, description="Certification codes.")
    fibre: list[str] = Field(default_factory=list, description="Fibre codes, e.g. silk, cotton.")
    technique: list[str] = Field(default_factory=list, description="Techniques, e.g. ikat.")
    price_band: list[str] = Field(
        default_factory=list, description="USD price bands: 0-5, 5-10, 10-25, 25-50, 50-100, 100+."
    )
    sample: bool | None = Field(None, description="true: only materials with a sample.")
    currency: Literal["RUB", "UZS", "USD", "EUR"] = Field(
        "USD", description="Currency of price_min/price_max and of `price_converted`."
    )
    price_min: Decimal | None = Field(None, ge=0, max_digits=20, decimal_places=4)
    price_max: Decimal | None = Field(None, ge=0, max_digits=20, decimal_places=4)
    moq_max: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, description="Minimum order at most."
    )
    lead_max: int | None = Field(None, ge=0, le=3650, description="Lead time at most, days.")
    width_cm_min: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=4)
    width_cm_max: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=4)
    weight_gsm_min: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=4)
    weight_gsm_max: Decimal | None = Field(
        None, ge=0, max_digits=14, decimal_places=4, description="Weight at most, g/m²."
    )
    thickness_mm_min: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=4)
    thickness_mm_max: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=4)
    sort: Sort = "relevance"
    lang: Language | None = Field(None, description="Language of names and labels.")

    @field_validator(
        "sample", "price_min", "price_max", "moq_max", "lead_max", "lang", *MEASURE_BOUNDS,
        mode="before",
    )  # fmt: skip
    @classmethod
    def _blank_is_unset(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("currency", "sort", mode="before")
    @classmethod
    def _blank_is_default(cls, value, info):
        if isinstance(value, str) and not value.strip():
            return cls.model_fields[info.field_name].default
        return value.upper() if info.field_name == "currency" and isinstance(value, str) else value


class Money(Schema):
    amount: str = Field(description='Decimal as a string, e.g. "125000.00".')
    currency: str


class FibreOut(Schema):
    fibre: str
    label: str
    percent: str


class CertificateOut(Schema):
    code: str
    name: str
    number: str
    expires_on: str | None


class SupplierRef(Schema):
    slug: str
    name: str
    country: CountryOut
    url: str


class MaterialOut(Schema):
    sku: str
    supplier: str = Field(description="The supplier's slug; (supplier, sku) is the key.")
    name: str = Field(description="In the requested language when translated, else as written.")
    name_original: str
    language: str
    description: str
    category: CodeLabel
    category_path: list[str]
    origin_country: CountryOut
    origin_region: str
    price: Money
    price_converted: Money | None = Field(
        description="In `currency`, at the latest staff-entered exchange rate."
    )
    unit: CodeLabel
    moq: str
    lead_time_days: int
    sample_available: bool
    sample_price: Money | None
    composition: list[FibreOut]
    certifications: list[CertificateOut]
    techniques: list[str]
    colours: list[str]
    weight_gsm: str | None
    width_cm: str | None
    thickness_mm: str | None
    image_urls: list[str]
    supplier_detail: SupplierRef
    published_at: str | None
    url: str
    api_url: str


class PropertyOut(Schema):
    code: str = Field(description="The property definition's code, e.g. firing-temperature.")
    label: str = Field(description="In the requested language.")
    value: str = Field(description='Decimal as a string, e.g. "1050".')
    unit: str = Field(description='International symbol, e.g. "°C", "g/m²", "%"; "" for a score.')


class MaterialDetailOut(MaterialOut):
    properties: list[PropertyOut] = Field(
        description="The numeric properties of the category's template (beside weight_gsm, "
        "width_cm and thickness_mm), in the template's order."
    )


class MaterialHit(MaterialOut):
    highlight: dict[str, str] = Field(
        default_factory=dict,
        description="HTML-escaped `title` and `snippet` with matches in <mark>…</mark>.",
    )


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class MaterialPage(Schema):
    count: int
    items: list[MaterialHit]
    facets: dict[str, list[FacetValueOut]]
    suggestion: str | None = Field(description="“Did you mean”, when nothing was found.")
    approximate: bool = Field(
        False,
        description="True when count and facet counts are estimated from a sample (a query "
        "matching a very large share of the catalog).",
    )


class SupplierOut(Schema):
    slug: str
    name: str
    country: CountryOut
    description: str
    website: str
    logo_url: str | None
    verified: bool
    materials_count: int
    certifications: list[CertificateOut]
    sample_stats: dict | None = Field(
        description="`response_hours`, `acceptance_rate` (0..1) and `requests`, once suppliers "
        "answer sample requests; null before."
    )
    url: str
    materials_api_url: str


def _decimal(value) -> str | None:
    return None if value is None else f"{value:f}"


def _country(code) -> dict:
    return {"code": str(code), "name": str(code.name) if code else ""}


def _supplier_ref(request: HttpRequest, supplier) -> dict:
    return {
        "slug": supplier.slug,
        "name": supplier.name,
        "country": _country(supplier.country),
        "url": request.build_absolute_uri(
            reverse("materials_catalog:supplier", args=[supplier.slug])
        ),
    }


def material_out(request: HttpRequest, material: Material, *, currency: str, rates) -> dict:
    """Expects the prefetches of selectors_catalog.card_queryset() (a fixed number of queries)."""
    converted = selectors.rounded(
        rates.convert(material.price, material.currency, currency), currency
    )
    chain = material.category.ancestors() if material.category.parent_id else [material.category]
    return {
        "sku": material.sku,
        "supplier": material.supplier.slug,
        "name": material.display_name(),
        "name_original": material.name,
        "language": material.language,
        "description": material.display_description(),
        "category": {"code": material.category.code, "label": material.category.name()},
        "category_path": [c.code for c in chain],
        "origin_country": _country(material.origin_country),
        "origin_region": material.origin_region,
        "price": {"amount": _decimal(material.price), "currency": material.currency},
        "price_converted": (
            None if converted is None else {"amount": _decimal(converted), "currency": currency}
        ),
        "unit": {"code": material.unit, "label": str(material.get_unit_display())},
        "moq": _decimal(material.moq.normalize()),
        "lead_time_days": material.lead_time_days,
        "sample_available": material.sample_available,
        "sample_price": (
            None
            if material.sample_price is None
            else {"amount": _decimal(material.sample_price), "currency": material.currency}
        ),
        "composition": [
            {
                "fibre": f.fibre,
                "label": str(f.get_fibre_display()),
                "percent": _decimal(f.percent.normalize()),
            }
            for f in material.fibres.all()
        ],
        "certifications": [
            {
                "code": mc.certification.code,
                "name": mc.certification.name,
                "number": mc.number,
                "expires_on": mc.expires_on.isoformat() if mc.expires_on else None,
            }
            for mc in material.certifications.all()
        ],
        "techniques": list(material.techniques),
        "colours": list(material.colours),
        "weight_gsm": _decimal(material.weight_gsm),
        "width_cm": _decimal(material.width_cm),
        "thickness_mm": _decimal(material.thickness_mm),
        "image_urls": [request.build_absolute_uri(i.image.url) for i in material.images.all()],
        "supplier_detail": _supplier_ref(request, material.supplier),
        "published_at": material.published_at.isoformat() if material.published_at else None,
        "url": request.build_absolute_uri(
            reverse("materials_catalog:material", args=[material.supplier.slug, material.sku])
        ),
        "api_url": request.build_absolute_uri(
            reverse(
                "api-v1:material_detail",
                kwargs={"supplier": material.supplier.slug, "sku": material.sku},
            )
        ),
    }


@router.get(
    "/materials",
    response={200: MaterialPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    tags=["materials"],
    summary="Search materials",
    url_name="material_list",
)
def list_materials(request, filters: Query[MaterialFilters], paging: Query[PageParams]) -> dict:
    """Published materials, best first (or by `sort`), with facet counts over the whole result
    (each facet counted without its own filter). Filters combine with AND; repeated values of one
    filter with OR. Pages past the end are empty."""
    if (
        filters.price_min is not None
        and filters.price_max is not None
        and filters.price_min > filters.price_max
    ):
        raise invalid(field="price_min", message=_("The lowest price is above the highest."))
    catalog_filters = selectors.CatalogFilters(
        q=filters.q,
        category=filters.category[:20],
        country=[c.strip().upper() for c in filters.country[:20]],
        supplier=filters.supplier[:20],
        certification=filters.certification[:20],
        fibre=filters.fibre[:20],
        technique=filters.technique[:20],
        price_band=filters.price_band[:20],
        sample=bool(filters.sample),
        price_min=filters.price_min,
        price_max=filters.price_max,
        currency=filters.currency,
        moq_max=filters.moq_max,
        lead_max=filters.lead_max,
        sort=filters.sort,
        measures={
            key: (getattr(filters, f"{key}_min"), getattr(filters, f"{key}_max"))
            for key in MEASURES
            if getattr(filters, f"{key}_min") is not None
            or getattr(filters, f"{key}_max") is not None
        },
    )
    rates = selectors.exchange_rates()
    if paging.page > selectors.MAX_PAGE:
        # Far past any real result: an empty page with the true count, without asking for it.
        page = selectors.catalog_search(
            filters=catalog_filters, rates=rates, page=1, page_size=paging.page_size
        )
        materials, highlights = [], {}
    else:
        page = selectors.catalog_search(
            filters=catalog_filters, rates=rates, page=paging.page, page_size=paging.page_size
        )
        # The selector shows the last page for a page past the end; the API answers empty.
        past_end = page.number != paging.page
        materials = [] if past_end else page.materials
        highlights = page.highlights
    items = []
    for material in materials:
        item = material_out(request, material, currency=filters.currency, rates=rates)
        item["highlight"] = highlights.get(material.pk, {})
        items.append(item)
    return {
        "count": page.count,
        "items": items,
        "facets": {name: [vars(value) for value in values] for name, values in page.facets.items()},
        "suggestion": page.suggestion,
        "approximate": page.approximate,
    }


@router.get(
    "/materials/{supplier}/{path:sku}",
    response={200: MaterialDetailOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    tags=["materials"],
    summary="One material",
    url_name="material_detail",
)
def get_material(
    request,
    supplier: str = Path(..., description="The supplier's slug (`supplier` in the list)."),
    sku: str = Path(..., description="The SKU, as in the list (URL-encoded; may contain /)."),
    currency: Literal["RUB", "UZS", "USD", "EUR"] = "USD",
    lang: Language | None = None,
) -> dict:
    """A material by its key, (supplier, sku). Unpublished materials are 404 except for their
    supplier's managers and the moderators."""
    material = selectors.material_for_viewer(user=request.user, supplier_slug=supplier, sku=sku)
    data = material_out(request, material, currency=currency, rates=selectors.exchange_rates())
    data["properties"] = [
        {
            "code": pv.definition.code,
            "label": pv.definition.label(),
            "value": _decimal(pv.value.normalize()),
            "unit": pv.definition.symbol,
        }
        for pv in material.property_values.all()
    ]
    return data


@router.get(
    "/suppliers/{slug}",
    response={200: SupplierOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    tags=["materials"],
    summary="One supplier",
    url_name="supplier_detail",
)
def get_supplier(request, slug: str, lang: Language | None = None) -> dict:
    """A supplier of published materials: profile, certifications, sample statistics.
    Its materials: `GET /api/v1/materials?supplier=<slug>`."""
    supplier = selectors.supplier_for_viewer(user=request.user, slug=slug[:80])
    certificates = selectors.supplier_certificates(supplier)
    return {
        "slug": supplier.slug,
        "name": supplier.name,
        "country": _country(supplier.country),
        "description": supplier.description(),
        "website": supplier.website,
        "logo_url": request.build_absolute_uri(supplier.logo.url) if supplier.logo else None,
        "verified": supplier.is_verified,
        "materials_count": supplier.published,
        "certifications": [
            {
                "code": c["code"],
                "name": c["name"],
                "number": c["number"],
                "expires_on": c["expires_on"].isoformat() if c["expires_on"] else None,
            }
            for c in certificates
        ],
        "sample_stats": selectors.supplier_sample_stats(supplier),
        "url": request.build_absolute_uri(reverse("materials_catalog:supplier", args=[slug])),
        "materials_api_url": request.build_absolute_uri(reverse("api-v1:material_list"))
        + f"?supplier={supplier.slug}",
    }

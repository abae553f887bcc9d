"""API router of the Materials Center catalog: search (the contract in DESIGN.md), one material,
one supplier. Anonymous callers see published materials only, exactly like the web pages."""

from functools import lru_cache
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.decorators import decorate_view

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI
from bridge.core.api.errors import invalid
from bridge.core.api.pagination import PageParams
from bridge.core.api.schemas import ErrorOut, ValidationErrorOut
from bridge.core.country_names import country_name
from bridge.core.pagecache import anonymous_page
from bridge.materials.api.links import CatalogLinks
from bridge.materials.api.schemas import (
    MEASURES,
    Language,
    MaterialDetailOut,
    MaterialFilters,
    MaterialPage,
    SupplierOut,
)
from bridge.materials.models import Material
from bridge.materials.selectors import catalog as selectors
from bridge.materials.selectors import materials as pages
from bridge.materials.selectors import money, samples
from bridge.materials.vocabulary import Unit

router = Router()


def _decimal(value) -> str | None:
    return None if value is None else f"{value:f}"


# A unit's label, translated once per language, like country_name: the label of every item
# of a page is one of four.
@lru_cache(maxsize=64)
def _unit_label(unit: str, language: str | None) -> str:
    return str(Unit(unit).label) if unit in Unit.values else unit


def _country(code) -> dict:
    return {"code": str(code), "name": country_name(code)}


def _supplier_ref(links: CatalogLinks, supplier) -> dict:
    return {
        "slug": supplier.slug,
        "name": supplier.name,
        "country": _country(supplier.country),
        "url": links.supplier(supplier.slug),
    }


def material_out(
    request: HttpRequest,
    material: Material,
    *,
    currency: str,
    rates,
    links: CatalogLinks | None = None,
) -> dict:
    """Expects selectors.materials.card_prefetches() (a fixed number of queries). ``links``:
    the request's CatalogLinks, shared by the items of a page."""
    links = links or CatalogLinks(request)
    converted = money.rounded(rates.convert(material.price, material.currency, currency), currency)
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
        "unit": {"code": material.unit, "label": _unit_label(material.unit, get_language())},
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
                "label": f.label(),
                "percent": _decimal(f.percent.normalize()),
            }
            for f in material.card_fibres
        ],
        "certifications": [
            {
                "code": mc.certification.code,
                "name": mc.certification.name,
                "number": mc.number,
                "expires_on": mc.expires_on.isoformat() if mc.expires_on else None,
            }
            for mc in material.card_certificates
        ],
        "techniques": list(material.techniques),
        "colours": list(material.colours),
        "weight_gsm": _decimal(material.weight_gsm),
        "width_cm": _decimal(material.width_cm),
        "thickness_mm": _decimal(material.thickness_mm),
        "image_urls": [request.build_absolute_uri(i.image.url) for i in material.card_images],
        "supplier_detail": _supplier_ref(links, material.supplier),
        "published_at": material.published_at.isoformat() if material.published_at else None,
        "url": links.material(material.supplier.slug, material.sku),
        "api_url": links.material_api(material.supplier.slug, material.sku),
    }


def filters_from(filters: MaterialFilters) -> selectors.CatalogFilters:
    """The catalog's filters from the API's query; the search and the export share them."""
    if (
        filters.price_min is not None
        and filters.price_max is not None
        and filters.price_min > filters.price_max
    ):
        raise invalid(field="price_min", message=_("The lowest price is above the highest."))
    return selectors.CatalogFilters(
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


@router.get(
    "/materials",
    response={200: MaterialPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    tags=["materials"],
    summary="Search materials",
    url_name="material_list",
)
@decorate_view(
    anonymous_page(namespaces=("materials", "accounts", "search"), name="api:material_list")
)
def list_materials(request, filters: Query[MaterialFilters], paging: Query[PageParams]) -> dict:
    """Published materials, best first (or by `sort`), with facet counts over the whole result
    (each facet counted without its own filter). Filters combine with AND; repeated values of one
    filter with OR. Pages past the end are empty.

    Cross-field rule: `price_min` may not be above `price_max` (422 on `price_min`)."""
    catalog_filters = filters_from(filters)
    rates = money.exchange_rates()
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
    items, links = [], CatalogLinks(request)
    for material in materials:
        item = material_out(request, material, currency=filters.currency, rates=rates, links=links)
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
    material = pages.material_for_viewer(user=request.user, supplier_slug=supplier, sku=sku)
    data = material_out(request, material, currency=currency, rates=money.exchange_rates())
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
    supplier = pages.supplier_for_viewer(user=request.user, slug=slug[:80])
    certificates = pages.supplier_certificates(supplier)
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
        "sample_stats": samples.supplier_sample_stats(supplier=supplier),
        "url": request.build_absolute_uri(reverse("materials_catalog:supplier", args=[slug])),
        "materials_api_url": request.build_absolute_uri(reverse("api-v1:material_list"))
        + f"?supplier={supplier.slug}",
    }

"""Export of catalog search results as CSV, XLSX and JSON.

The columns are the import contract's (docs/DESIGN.md), so an exported file can be edited and
imported again; a few optional columns the importer reads (translations, thickness, region…)
follow, and `image` carries the address of the first photo (the importer ignores it).
Only published materials are exported: the rows come from the search index, which holds
nothing else, and are re-read with status=published.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db.models import Prefetch
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from bridge.core.spreadsheets import row_for_spreadsheet
from bridge.materials.models import Material, MaterialCertification, MaterialFibre, MaterialImage
from bridge.materials.selectors import catalog, money
from bridge.materials.vocabulary import Status
from bridge.search.selectors import MAX_PAGE_SIZE, search

MAX_ROWS = 10_000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COLUMNS = (
    # required by the contract
    "supplier", "sku", "name", "description", "category", "country", "price", "currency", "unit",
    "moq", "lead_time_days",
    # optional
    "language", "composition", "technique", "colors", "width_cm", "weight_gsm", "thickness_mm",
    "certifications", "sample_available", "sample_price", "origin_region", "sustainability",
    "name_ru", "name_uz", "name_en", "description_ru", "description_uz", "description_en",
    "image",
)  # fmt: skip


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}"


def row(material: Material, *, site: str = "") -> dict[str, str]:
    images = list(material.images.all())
    return {
        "supplier": material.supplier.slug,
        "sku": material.sku,
        "name": material.name,
        "description": material.description,
        "category": material.category.code,
        "country": str(material.origin_country),
        "price": _number(material.price),
        "currency": material.currency,
        "unit": material.unit,
        "moq": _number(material.moq),
        "lead_time_days": str(material.lead_time_days),
        "language": material.language,
        "composition": "; ".join(
            f"{f.fibre or f.written} {_number(f.percent)}%" for f in material.fibres.all()
        ),
        "technique": "; ".join(material.techniques),
        "colors": "; ".join(material.colours),
        "width_cm": _number(material.width_cm),
        "weight_gsm": _number(material.weight_gsm),
        "thickness_mm": _number(material.thickness_mm),
        "certifications": "; ".join(mc.certification.code for mc in material.certifications.all()),
        "sample_available": "yes" if material.sample_available else "no",
        "sample_price": _number(material.sample_price),
        "origin_region": material.origin_region,
        "sustainability": material.sustainability_notes,
        "name_ru": material.name_ru,
        "name_uz": material.name_uz,
        "name_en": material.name_en,
        "description_ru": material.description_ru,
        "description_uz": material.description_uz,
        "description_en": material.description_en,
        "image": f"{site}{images[0].image.url}" if images else "",
    }


def _materials(ids: list[int]) -> list[Material]:
    found = {
        m.pk: m
        for m in Material.objects.filter(pk__in=ids, status=Status.PUBLISHED)
        .select_related("supplier", "category")
        .prefetch_related(
            Prefetch("fibres", queryset=MaterialFibre.objects.order_by("position", "id")),
            Prefetch(
                "certifications",
                queryset=MaterialCertification.objects.select_related("certification").order_by(
                    "certification__code"
                ),
            ),
            Prefetch("images", queryset=MaterialImage.objects.order_by("position", "id")),
        )
    }
    return [found[pk] for pk in ids if pk in found]


def search_results(
    *, search_args: dict, limit: int | None = None
) -> tuple[int, Iterator[Material]]:
    """(how many match, the materials in the catalog's order, at most `limit` or MAX_ROWS)."""
    limit = limit or MAX_ROWS
    first = search(page=1, page_size=MAX_PAGE_SIZE, **search_args)

    def materials() -> Iterator[Material]:
        result, page, sent = first, 1, 0
        while result.ids and sent < limit:
            ids = result.ids[: limit - sent]
            yield from _materials(ids)
            sent += len(ids)
            if len(result.ids) < MAX_PAGE_SIZE:
                return
            page += 1
            result = search(page=page, page_size=MAX_PAGE_SIZE, **search_args)

    return first.count, materials()


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(materials: Iterable[Material], *, site: str = "") -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a BOM: Excel then reads the file as UTF-8 (the importer accepts it)
    yield writer.writerow(COLUMNS)
    for material in materials:
        values = row(material, site=site)
        yield writer.writerow(row_for_spreadsheet(values[c] for c in COLUMNS))


def json_stream(materials: Iterable[Material], *, count: int, site: str = "") -> Iterator[str]:
    yield f'{{"count": {count:d}, "columns": {json.dumps(COLUMNS)}, "items": ['
    separator = ""
    for material in materials:
        yield separator + json.dumps(row(material, site=site), ensure_ascii=False)
        separator = ","
    yield "]}"


def xlsx_bytes(materials: Iterable[Material], *, site: str = "") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("materials")
    sheet.append(list(COLUMNS))
    for material in materials:
        values = row(material, site=site)
        sheet.append(row_for_spreadsheet(values[c] for c in COLUMNS))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_response(*, filters, fmt: str, site: str) -> HttpResponse:
    """The catalog's result under `filters` (selectors.catalog.CatalogFilters) as a download,
    in the catalog's order; the page's export link and the API both answer with it."""
    search_args = {
        "key": catalog.INDEX_KEY,
        "q": filters.q,
        "filters": filters.engine_filters(),
        "ranges": filters.engine_ranges(money.exchange_rates()),
        "sort": catalog.SORTS.get(filters.sort, "relevance"),
    }
    count, materials = search_results(search_args=search_args)
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_stream(materials, site=site), content_type=CONTENT_TYPES[fmt]
        )
    elif fmt == "json":
        response = StreamingHttpResponse(
            json_stream(materials, count=count, site=site), content_type=CONTENT_TYPES[fmt]
        )
    else:
        response = HttpResponse(xlsx_bytes(materials, site=site), content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="materials-{stamp}.{fmt}"'
    response["X-Total-Count"] = str(count)
    response["X-Export-Limit"] = str(MAX_ROWS)
    return response

"""/materials/export.<csv|xlsx|json>?<the catalog's query string>: the catalog's result as a
file, in the catalog's order, published materials only, at most exporter.MAX_ROWS rows."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from bridge.materials import exporter
from bridge.materials.forms.catalog import CatalogForm
from bridge.materials.selectors import catalog, money
from bridge.materials.views.catalog import viewer_currency

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export(request, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    filters = CatalogForm(request.GET, currency=viewer_currency(request)).filters()
    search_args = {
        "key": catalog.INDEX_KEY,
        "q": filters.q,
        "filters": filters.engine_filters(),
        "ranges": filters.engine_ranges(money.exchange_rates()),
        "sort": catalog.SORTS.get(filters.sort, "relevance"),
    }
    count, materials = exporter.search_results(search_args=search_args)
    site = request.build_absolute_uri("/").rstrip("/")
    if fmt == "csv":
        response = StreamingHttpResponse(
            exporter.csv_stream(materials, site=site), content_type=CONTENT_TYPES[fmt]
        )
    elif fmt == "json":
        response = StreamingHttpResponse(
            exporter.json_stream(materials, count=count, site=site),
            content_type=CONTENT_TYPES[fmt],
        )
    else:
        response = HttpResponse(
            exporter.xlsx_bytes(materials, site=site), content_type=CONTENT_TYPES[fmt]
        )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="materials-{stamp}.{fmt}"'
    response["X-Total-Count"] = str(count)
    response["X-Export-Limit"] = str(exporter.MAX_ROWS)
    return response

"""/materials/export.<csv|xlsx|json>?<the catalog's query string>: the catalog's result as a
file, in the catalog's order, published materials only, at most exporter.MAX_ROWS rows."""

from django.http import Http404

from bridge.materials import exporter
from bridge.materials.forms.catalog import CatalogForm
from bridge.materials.views.catalog import viewer_currency


def export(request, fmt):
    if fmt not in exporter.CONTENT_TYPES:
        raise Http404
    filters = CatalogForm(request.GET, currency=viewer_currency(request)).filters()
    return exporter.export_response(
        filters=filters, fmt=fmt, site=request.build_absolute_uri("/").rstrip("/")
    )

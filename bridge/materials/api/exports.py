"""API router of the downloads the catalog page offers: its result as CSV, XLSX or JSON, under
the same filters as `GET /materials`, from the same exporter as the page's export link."""

from typing import Literal

from ninja import Path, Query, Router

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI
from bridge.core.api.schemas import ErrorOut, ValidationErrorOut
from bridge.materials import exporter
from bridge.materials.api.catalog import filters_from
from bridge.materials.api.schemas import MaterialFilters

router = Router(tags=["exports"])
Format = Literal["csv", "xlsx", "json"]
FILE_ANSWER = {
    "description": "The file (`Content-Disposition: attachment`), with `X-Total-Count` (the "
    "matches) and `X-Export-Limit` (the most rows a file holds).",
    "content": {
        # The JSON export is a document ({"columns", "rows", …}); CSV and XLSX are files.
        content_type.split(";")[0]: {
            "schema": {"type": "object"}
            if content_type.startswith("application/json")
            else {"type": "string", "format": "binary"}
        }
        for content_type in exporter.CONTENT_TYPES.values()
    },
}


@router.get(
    "/exports/materials.{fmt}",
    response={401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra={**PUBLIC_OPENAPI, "responses": {200: FILE_ANSWER}},
    summary="Export the catalog's result (CSV, XLSX, JSON)",
    description="Published materials only, in the catalog's order (`q`, `sort` and every filter "
    f"of `GET /materials`), at most {exporter.MAX_ROWS:,} rows. CSV has the columns of the "
    "import contract, so a supplier can edit its file and import it again; JSON is "
    '`{"count", "columns", "items"}`.',
)
def export_materials(request, fmt: Path[Format], filters: Query[MaterialFilters]):
    return exporter.export_response(
        filters=filters_from(filters),
        fmt=fmt,
        site=request.build_absolute_uri("/").rstrip("/"),
    )

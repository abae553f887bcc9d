"""API router of the bulk import: upload a CSV or XLSX file (checked, nothing written: the
dry-run report), read the report, confirm it (all rows or none), list one's reports. The same
form, services and rules as the import pages (services/imports.py)."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.files import UploadedFile

from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import CodeLabel, ErrorOut, ValidationErrorOut
from bridge.materials.forms.supplier import ImportForm
from bridge.materials.models import MaterialImport
from bridge.materials.rules import materials as rules
from bridge.materials.rules import supplier as rules_supplier
from bridge.materials.selectors import supplier as selectors
from bridge.materials.services import imports as services

router = Router(tags=["material imports"])
MAX_ID = 2**63 - 1
Id = Annotated[int, Path(..., ge=1, le=MAX_ID)]


class RowProblem(Schema):
    row: int = Field(description="As the spreadsheet numbers it: the header is row 1.")
    column: str = Field(description='The column (the field), or "" for the whole file.')
    message: str


class ImportSupplierRef(Schema):
    slug: str
    name: str


class ImportOut(Schema):
    id: int
    filename: str
    supplier: ImportSupplierRef | None = Field(description="null: staff rows of several suppliers.")
    dry_run: bool
    publish: bool
    outcome: CodeLabel = Field(description="`checked` (dry run), `imported` or `refused`.")
    rows: int
    created: int
    updated: int
    unchanged: int
    errors: list[RowProblem]
    warnings: list[RowProblem] = Field(description="Words kept as written (not errors).")
    can_confirm: bool = Field(description="A checked file waiting for you to confirm it.")
    created_at: datetime
    url: str


class ImportPage(Schema):
    count: int
    items: list[ImportOut]


AS_STORED = (
    "id", "filename", "dry_run", "publish", "rows", "created", "updated", "unchanged", "errors",
    "warnings", "created_at",
)  # fmt: skip


def import_out(request: HttpRequest, report: MaterialImport) -> dict:
    return {
        **{name: getattr(report, name) for name in AS_STORED},
        "supplier": {"slug": report.supplier.slug, "name": report.supplier.name}
        if report.supplier
        else None,
        "outcome": {"code": report.outcome, "label": str(report.get_outcome_display())},
        "can_confirm": services.import_waiting(actor=request.auth, report=report),
        "url": request.build_absolute_uri(
            reverse("materials_supplier:import_report", args=[report.pk])
        ),
    }


def _visible(request, pk: int) -> MaterialImport:
    report = MaterialImport.objects.select_related("supplier", "created_by").filter(pk=pk).first()
    if report is None or not rules_supplier.can_view_import(request.auth, report):
        raise Http404  # another supplier's report: as if it did not exist
    return report


@router.get(
    "/material-imports",
    response={200: ImportPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Your import reports",
)
def list_imports(request, paging: Query[PageParams]) -> dict:
    """The reports of the files you uploaded, newest first."""
    count, page = paginate(selectors.imports_by(request.auth), paging)
    return {"count": count, "items": [import_out(request, r) for r in page]}


@router.post(
    "/material-imports",
    response={201: ImportOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Upload a file: the dry run",
)
def upload_import(
    request,
    file: File[UploadedFile],
    supplier: str = Form(
        ...,
        min_length=1,
        max_length=100,
        description="The slug of a supplier you manage; staff may send `*` for rows of several "
        "suppliers (the file's `supplier` column).",
    ),
    publish: bool = Form(
        False, description="Staff only: publish the rows directly, skipping moderation."
    ),
):
    """`multipart/form-data`: a CSV (UTF-8 or Windows-1251) or XLSX file with the columns of the
    import contract (docs/DESIGN.md). Every row is checked and nothing is written: the answer is
    the report (`outcome` `checked`, or `refused` with every error by row and column). A checked
    file waits for `POST /material-imports/{id}/confirm`. 403 for someone who keeps no supplier's
    listings; 422 at `supplier` for a supplier you do not manage."""
    staff = rules.can_import_for_any_supplier(request.auth)
    suppliers = selectors.import_suppliers(request.auth)
    if not suppliers.exists():
        raise HttpError(403, _("You keep no supplier's listings, so you cannot import any."))
    form = ImportForm(
        {"supplier": supplier, "publish": "on" if publish else ""},
        {"file": file},
        suppliers=suppliers,
        staff=staff,
    )
    if not form.is_valid():
        # Well formed, refused for what it names: a supplier the caller does not manage, a file
        # that is empty or not a spreadsheet (the form's checks, which no schema can state).
        raise NinjaValidationError(
            [
                {
                    "loc": ("form", field),
                    "msg": str(message),
                    "type": "value_error",
                    "code": "not_member" if field == "supplier" else "refused",
                }
                for field, messages in form.errors.items()
                for message in messages
            ]
        )
    slug = form.cleaned_data["supplier"]
    chosen = None if slug == ImportForm.SEVERAL else Organisation.objects.get(slug=slug)
    if publish and not staff:
        raise HttpError(403, _("Only moderators can publish imported rows directly."))
    try:
        report = services.import_check(
            actor=request.auth,
            file=form.cleaned_data["file"],
            filename=file.name or "import.csv",
            supplier=chosen,
            publish=bool(form.cleaned_data.get("publish")),
        )
    except PermissionDenied as exc:
        raise HttpError(403, " ".join(exc.args) or _("You may not do that.")) from exc
    return Status(201, import_out(request, report))


@router.get(
    "/material-imports/{import_id}",
    response={200: ImportOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="One import report (its status)",
)
def get_import(request, import_id: Id) -> dict:
    """Yours, or your supplier's (owners and administrators), or any for moderators."""
    return import_out(request, _visible(request, import_id))


@router.post(
    "/material-imports/{import_id}/confirm",
    response={
        200: ImportOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
    },
    auth=SIGNED_IN,
    summary="Confirm a checked file: the import",
)
def confirm_import(request, import_id: Id) -> dict:
    """Imports the checked file, all rows or none; the answer is the new report (`imported`, or
    `refused` when the data changed since the check). Only the person who uploaded it (403
    others); 409 once imported or when its check failed."""
    checked = _visible(request, import_id)
    try:
        result = services.import_confirm(actor=request.auth, report=checked)
    except PermissionDenied as exc:
        raise HttpError(403, " ".join(exc.args)) from exc
    except ValidationError as exc:
        raise HttpError(409, " ".join(exc.messages)) from exc
    return import_out(request, result.report)

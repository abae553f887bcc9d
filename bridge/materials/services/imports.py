"""The browser's and the API's bulk import: upload → dry-run report (every error by row and
column) → confirm → all-or-nothing import. The checked file waits in MEDIA under a name derived
from the report's id and the secret key (unguessable, never shown); only the person who
uploaded it can confirm, and it is deleted once imported."""

from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation
from bridge.core.models import Progress
from bridge.core.progress import progress_start
from bridge.materials.importer import import_materials
from bridge.materials.importer.background import materials_import_task
from bridge.materials.importer.result import ImportResult
from bridge.materials.models import MaterialImport
from bridge.materials.rules import supplier as rules_supplier

UPLOAD_DIR = "material-imports"


def stored_name(report: MaterialImport) -> str:
    """Where the checked file of this report waits for confirmation."""
    token = salted_hmac("materials.import-file", str(report.pk)).hexdigest()[:32]
    suffix = ".xlsx" if PurePath(report.filename).suffix.lower() in (".xlsx", ".xlsm") else ".csv"
    return f"{UPLOAD_DIR}/{report.pk}-{token}{suffix}"


def import_check(
    *, actor, file, filename: str, supplier: Organisation | None, publish: bool = False
) -> MaterialImport:
    """The dry run: every row checked, nothing written but the report. A file without errors is
    kept for import_confirm. PermissionDenied as import_materials raises it."""
    result = import_materials(
        file=file,
        filename=filename,
        actor=actor,
        supplier=supplier,
        dry_run=True,
        publish=publish,
    )
    if result.ok:
        file.seek(0)
        default_storage.save(stored_name(result.report), file)
    return result.report


def import_waiting(*, actor, report: MaterialImport) -> bool:
    """The report is a successful dry run whose file this person may still import."""
    return (
        report.dry_run
        and report.outcome == MaterialImport.Outcome.CHECKED
        and rules_supplier.can_commit_import(actor, report)
        and default_storage.exists(stored_name(report))
    )


def _refuse_unless_waiting(*, actor, report: MaterialImport) -> None:
    if not rules_supplier.can_commit_import(actor, report):
        raise PermissionDenied(_("Only the person who uploaded this file can import it."))
    if not import_waiting(actor=actor, report=report):
        raise ValidationError(
            _("This file was imported already, or its check failed."), code="not_waiting"
        )


def import_confirm(*, actor, report: MaterialImport) -> ImportResult:
    """Import the file checked by `report`, all rows or none (a new report tells which).
    PermissionDenied for anyone but the person who uploaded it; ValidationError (code
    "not_waiting") once it was imported or when its check failed."""
    _refuse_unless_waiting(actor=actor, report=report)
    name = stored_name(report)
    with default_storage.open(name, "rb") as file:
        result = import_materials(
            file=file,
            filename=report.filename,
            actor=actor,
            supplier=report.supplier,
            publish=report.publish,
        )
    if result.ok:
        default_storage.delete(name)
    return result


def import_confirm_later(*, actor, report: MaterialImport) -> Progress:
    """The browser's confirm: refused as import_confirm refuses, else the import runs as a task
    and the returned run is what its page polls (inline in the embedded default, so it is
    finished by the time the page opens)."""
    _refuse_unless_waiting(actor=actor, report=report)
    run = progress_start(kind="materials.import", label=report.filename, owner=actor)
    materials_import_task.enqueue(
        progress_id=run.pk, checked_id=report.pk, name=stored_name(report)
    )
    return run

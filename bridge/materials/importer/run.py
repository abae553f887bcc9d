"""The import itself: check every row, then write all of them or none.

One pass over the file: rows are checked and buffered in chunks; while no error has been seen
(and it is not a dry run) each chunk is written, updating in place by (supplier, sku). At the end
an error (or a dry run) rolls the whole transaction back, so the database never holds half a
file. The report (MaterialImport) and its audit entry are written after the rollback.
"""

from collections.abc import Iterator
from contextlib import suppress

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation
from bridge.core.audit import audit_log
from bridge.core.progress import ProgressCallback
from bridge.core.runtime import fewer_collections
from bridge.core.tables import estimate_rows
from bridge.materials.importer.columns import map_header
from bridge.materials.importer.readers import FileRefused, read_table
from bridge.materials.importer.result import ImportResult
from bridge.materials.importer.rows import RowChecker, fold
from bridge.materials.importer.tasks import index_in_chunks
from bridge.materials.importer.writer import ImportRun
from bridge.materials.models import (
    Category,
    Certification,
    MaterialImport,
)
from bridge.materials.rules import materials as rules
from bridge.search.services import search_indexing

CHUNK = 500  # rows checked, then written, at a time


class _Aborted(Exception):
    """Leaves the atomic block so that everything written is rolled back."""


def _check_permission(*, actor, supplier, publish: bool) -> None:
    if actor is None:
        return  # the platform itself: the command, the demo
    if publish and not rules.can_moderate_materials(actor):
        raise PermissionDenied(_("Only moderators can publish imported rows directly."))
    if supplier is None and not rules.can_import_for_any_supplier(actor):
        raise PermissionDenied(_("Only staff can import the materials of several suppliers."))
    if supplier is not None and not rules.can_manage_materials(actor, supplier):
        raise PermissionDenied(_("You cannot change the listings of this supplier."))


def import_materials(
    *,
    file,
    filename: str,
    actor=None,
    supplier: Organisation | None = None,
    dry_run: bool = False,
    publish: bool = False,
    report: bool = True,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import a CSV or XLSX file by the contract in docs/DESIGN.md.

    `file` is a binary file object. `supplier` limits the rows to one supplier (a supplier's own
    import); without it (staff) rows may name any supplier, and unknown ones are created
    unverified. Returns the result with every error; nothing is written unless it is empty.
    `progress(done, total)` is told the rows read, once per chunk (bridge.core.progress).
    """
    _check_permission(actor=actor, supplier=supplier, publish=publish)
    run = ImportRun(actor=actor, supplier=supplier, dry_run=dry_run, publish=publish)
    if progress is not None:
        progress(0, estimate_rows(file, filename))
    try:
        # _Aborted rolls the whole file back on purpose (a dry run, or any error).
        with (
            suppress(_Aborted),
            fewer_collections(),
            transaction.atomic(),
            search_indexing(key="materials") as index,
        ):
            run.indexing = index
            _process(run, read_table(file, filename), progress)
            if run.result.errors or dry_run:
                raise _Aborted
            if run.deferred:
                ids = run.deferred
                transaction.on_commit(lambda: index_in_chunks(ids=ids, owner=actor, label=filename))
    except FileRefused as refused:
        run.error(refused.row, "", refused.message)
    result = run.result
    if result.errors:
        result.created = result.updated = result.unchanged = 0
    if report:
        _report(run, filename=filename)
    return result


def _process(run: ImportRun, table: Iterator[list[str]], progress=None) -> None:
    header = next(table, None)
    if header is None:
        raise FileRefused(_("The file is empty."))
    positions, missing, duplicates = map_header(header)
    for column in missing:
        run.error(1, column, _("This required column is missing."))
    for column in duplicates:
        run.error(1, column, _("This column appears twice."))
    if missing or duplicates:
        return
    checker = RowChecker(
        categories=dict(Category.objects.values_list("code", "id")),
        certifications=_certification_lookup(run),
    )
    for number, cells in enumerate(table, start=2):
        if not any(cells):
            continue
        run.result.rows += 1
        if progress is not None and run.result.rows % CHUNK == 0:
            progress(run.result.rows)

        def get(column: str, cells=cells) -> str:
            index = positions.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        parsed, errors = checker.check(number, get)
        for column, message in errors:
            run.error(number, column, message)
        if parsed is None:
            continue
        for column, message in parsed.warnings:
            run.warn(number, column, message)
        key, accepted = run.supplier_for(parsed)
        if not accepted:
            continue
        first = run.seen.setdefault((key, parsed.sku), number)
        if first != number:
            run.error(
                number,
                "sku",
                _("SKU %(sku)s is already used in row %(row)d of this file.")
                % {"sku": parsed.sku, "row": first},
            )
            continue
        run.buffer.append(parsed)
        if len(run.buffer) >= CHUNK:
            run.flush()
    run.final = True
    run.flush()
    if progress is not None:
        progress(run.result.rows)


def _certification_lookup(run: ImportRun) -> dict[str, str]:
    lookup: dict[str, str] = {}
    ids: dict[str, int] = {}
    for pk, code, name in Certification.objects.values_list("id", "code", "name"):
        lookup[fold(code)] = code
        lookup[fold(name)] = code
        ids[code] = pk
    run.certification_ids = ids
    return lookup


def _report(run: ImportRun, *, filename: str) -> None:
    result = run.result
    if result.errors:
        outcome = MaterialImport.Outcome.REFUSED
    elif run.dry_run:
        outcome = MaterialImport.Outcome.CHECKED
    else:
        outcome = MaterialImport.Outcome.IMPORTED
    report = MaterialImport.objects.create(
        created_by=run.actor if getattr(run.actor, "is_authenticated", False) else None,
        supplier=run.supplier,
        filename=filename[:255],
        dry_run=run.dry_run,
        publish=run.publish,
        outcome=outcome,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        errors=[e.as_dict() for e in result.errors[:1000]],
        warnings=[w.as_dict() for w in result.warnings[:1000]],
    )
    audit_log(
        actor=run.actor,
        action="material.import",
        target=report,
        outcome=outcome,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        errors=len(result.errors),
        warnings=len(result.warnings),
    )
    result.report = report

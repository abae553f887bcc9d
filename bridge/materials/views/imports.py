"""Bulk import in the browser: upload → dry-run report (every error by row and column) →
confirm → all-or-nothing import. The checked file waits in MEDIA under a name derived from the
report's id and the secret key (unguessable, never shown); only the person who uploaded it can
confirm, and it is deleted once imported."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.accounts.models import Organisation
from bridge.core.progress import progress_running, progress_start
from bridge.materials.forms.supplier import ImportForm
from bridge.materials.importer import import_materials
from bridge.materials.importer.background import materials_import_task
from bridge.materials.models import MaterialImport
from bridge.materials.rules import materials as rules
from bridge.materials.rules import supplier as rules_supplier
from bridge.materials.selectors import supplier as selectors_supplier

UPLOAD_DIR = "material-imports"


def stored_name(report: MaterialImport) -> str:
    """Where the checked file of this report waits for confirmation."""
    token = salted_hmac("materials.import-file", str(report.pk)).hexdigest()[:32]
    suffix = ".xlsx" if PurePath(report.filename).suffix.lower() in (".xlsx", ".xlsm") else ".csv"
    return f"{UPLOAD_DIR}/{report.pk}-{token}{suffix}"


def _form(request, data=None, files=None) -> ImportForm:
    staff = rules.can_import_for_any_supplier(request.user)
    suppliers = (
        Organisation.objects.order_by("name")
        if staff
        else selectors_supplier.manageable_suppliers(request.user)
    )
    return ImportForm(data, files, suppliers=suppliers, staff=staff)


@login_required
def upload(request):
    form = _form(request)
    if not form.fields["supplier"].choices:
        raise PermissionDenied  # keeps no supplier's listings
    if request.GET.get("supplier"):
        form.initial["supplier"] = request.GET["supplier"][:100]
    if request.method == "POST":
        form = _form(request, request.POST, request.FILES)
        if form.is_valid():
            slug = form.cleaned_data["supplier"]
            supplier = None
            if slug != ImportForm.SEVERAL:
                supplier = get_object_or_404(Organisation, slug=slug)
            file = form.cleaned_data["file"]
            result = import_materials(
                file=file,
                filename=file.name,
                actor=request.user,
                supplier=supplier,
                dry_run=True,
                publish=bool(form.cleaned_data.get("publish")),
            )
            report = result.report
            if result.ok:
                file.seek(0)
                default_storage.save(stored_name(report), file)
            return redirect("materials_supplier:import_report", pk=report.pk)
    recent = selectors_supplier.imports_for(request.user)
    running = progress_running(user=request.user, kind="materials.import")
    return render(
        request,
        "materials/imports/upload.html",
        {"form": form, "recent": recent, "running": running},
        status=400 if form.errors else 200,
    )


def _report_or_404(request, pk) -> MaterialImport:
    report = get_object_or_404(
        MaterialImport.objects.select_related("supplier", "created_by"), pk=pk
    )
    if not rules_supplier.can_view_import(request.user, report):
        raise Http404  # another supplier's report: as if it did not exist
    return report


@login_required
def report(request, pk):
    report = _report_or_404(request, pk)
    waiting = (
        report.dry_run
        and report.outcome == MaterialImport.Outcome.CHECKED
        and rules_supplier.can_commit_import(request.user, report)
        and default_storage.exists(stored_name(report))
    )
    return render(
        request,
        "materials/imports/report.html",
        {"report": report, "errors": report.errors, "can_commit": waiting},
    )


@login_required
@require_POST
def commit(request, pk):
    checked = _report_or_404(request, pk)
    if not rules_supplier.can_commit_import(request.user, checked):
        raise PermissionDenied
    name = stored_name(checked)
    if (
        not checked.dry_run
        or checked.outcome != MaterialImport.Outcome.CHECKED
        or not default_storage.exists(name)
    ):
        messages.error(request, _("This file was imported already, or its check failed."))
        return redirect("materials_supplier:import_report", pk=checked.pk)
    # The import itself runs as a task; its page shows how far it got, then its result.
    run = progress_start(kind="materials.import", label=checked.filename, owner=request.user)
    materials_import_task.enqueue(progress_id=run.pk, checked_id=checked.pk, name=name)
    return redirect("core:progress", pk=run.pk)

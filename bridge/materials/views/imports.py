"""Bulk import in the browser: upload → dry-run report → confirm. The steps (and where the
checked file waits) are services/imports.py's, which the API calls too."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bridge.accounts.models import Organisation
from bridge.core.progress import progress_running
from bridge.materials.forms.supplier import ImportForm
from bridge.materials.importer.tasks import INDEX_KIND
from bridge.materials.models import MaterialImport
from bridge.materials.rules import materials as rules
from bridge.materials.rules import supplier as rules_supplier
from bridge.materials.selectors import supplier as selectors_supplier
from bridge.materials.services import imports as services


def _form(request, data=None, files=None) -> ImportForm:
    return ImportForm(
        data,
        files,
        suppliers=selectors_supplier.import_suppliers(request.user),
        staff=rules.can_import_for_any_supplier(request.user),
    )


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
            report = services.import_check(
                actor=request.user,
                file=file,
                filename=file.name,
                supplier=supplier,
                publish=bool(form.cleaned_data.get("publish")),
            )
            return redirect("materials_supplier:import_report", pk=report.pk)
    recent = selectors_supplier.imports_for(request.user)
    # An import, then the search index catching up with it ("Search index: … 64,000 of 100,000").
    running = [
        *progress_running(user=request.user, kind="materials.import"),
        *progress_running(user=request.user, kind=INDEX_KIND),
    ]
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
    return render(
        request,
        "materials/imports/report.html",
        {
            "report": report,
            "errors": report.errors,
            "can_commit": services.import_waiting(actor=request.user, report=report),
        },
    )


@login_required
@require_POST
def commit(request, pk):
    checked = _report_or_404(request, pk)
    try:
        run = services.import_confirm_later(actor=request.user, report=checked)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("materials_supplier:import_report", pk=checked.pk)
    # The import itself runs as a task; its page shows how far it got, then its result.
    return redirect("core:progress", pk=run.pk)

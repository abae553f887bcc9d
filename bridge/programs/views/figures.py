"""Figures of a call and the export of its applications and scores, for staff."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from bridge.programs import rules
from bridge.programs.exporter import export_csv, export_xlsx
from bridge.programs.selectors import applications as selectors
from bridge.programs.selectors.cohort import call_figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _staff_call(request, slug):
    if not rules.can_view_all_applications(request.user):
        raise Http404
    return selectors.call_get_for_user(request.user, slug)


@login_required
def figures(request, slug):
    call = _staff_call(request, slug)
    context = {"call": call, "call_title": call.title(), "figures": call_figures(call)}
    return render(request, "programs/figures/figures.html", context)


@login_required
def export(request, slug, fmt):
    call = _staff_call(request, slug)
    if fmt == "csv":
        response = HttpResponse(export_csv(call), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(export_xlsx(call), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{call.slug}-applications.{fmt}"'
    return response

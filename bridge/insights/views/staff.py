"""Staff figures: moderation, suppliers' answer times, reviewers' load, cohort milestones, and
their exports. Behind the staff roles (bridge/insights/roles.py); 404 for everyone else."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from bridge.insights import rules
from bridge.insights.datasets.labels import in_language
from bridge.insights.exports import csv_response, xlsx_response
from bridge.insights.models import RollupRun
from bridge.insights.selectors import staff as selectors
from bridge.insights.selectors.figures import latest_run
from bridge.insights.services.rollup import rollup_request


def _staff(request) -> None:
    if not rules.can_view_staff_figures(request.user):
        raise Http404


def _render(request, template: str, context: dict, active: str):
    context.update(
        run=context.get("run") or latest_run(),
        active=active,
        can_recompute=rules.can_run_rollup(request.user),
    )
    return render(request, template, context)


@login_required
@require_GET
def index(request):
    _staff(request)
    runs = RollupRun.objects.order_by("-started_at", "-id")[:8]
    run = latest_run()
    return _render(
        request,
        "insights/staff/index.html",
        {"runs": runs, "run": run, "pace": selectors.moderation_pace(run, months=3)},
        "index",
    )


@login_required
@require_GET
def moderation(request):
    _staff(request)
    run = latest_run()
    rows = selectors.report_rows("moderation_queue")
    context = {
        "run": run,
        "pace": selectors.moderation_pace(run),
        "materials": [r for r in rows if r["kind"] == "material"],
        "organisations": [r for r in rows if r["kind"] == "organisation"],
    }
    return _render(request, "insights/staff/moderation.html", context, "moderation")


@login_required
@require_GET
def suppliers(request):
    _staff(request)
    rows = selectors.report_rows("supplier_answers")
    return _render(request, "insights/staff/suppliers.html", {"rows": rows}, "suppliers")


def _groups(report: str) -> list[dict]:
    return [
        {"slug": slug, "title": in_language(group["titles"]) or slug, "rows": group["rows"]}
        for slug, group in selectors.by_call(selectors.report_rows(report)).items()
    ]


@login_required
@require_GET
def reviewers(request):
    _staff(request)
    return _render(
        request, "insights/staff/reviewers.html", {"calls": _groups("reviewer_load")}, "reviewers"
    )


@login_required
@require_GET
def cohorts(request):
    _staff(request)
    calls = _groups("cohort")
    for call in calls:
        call["milestones"] = [
            {"title": in_language(m["title"]), "due_on": m["due_on"]}
            for m in (call["rows"][0]["milestones"] if call["rows"] else [])
        ]
    return _render(request, "insights/staff/cohorts.html", {"calls": calls}, "cohorts")


@login_required
@require_GET
def export(request, report: str, fmt: str):
    _staff(request)
    columns, rows = selectors.export_rows(report)
    filename = f"insights-{report}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, columns, rows)
    return xlsx_response(filename, [(report, columns, rows)])


@login_required
@require_POST
def recompute(request):
    _staff(request)
    if not rules.can_run_rollup(request.user):
        raise Http404
    followed = rollup_request(actor=request.user)
    # The run's page shows how far it got, then leads back to the figures.
    return redirect("core:progress", pk=followed.pk)

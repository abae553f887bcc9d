"""The page of one long run: a bar that htmx refreshes every second while it runs (a link does
the same without JavaScript), then its result with the errors, warnings and report download.
Only the run's owner, or staff who may view runs, see it; to anyone else it does not exist."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from bridge.core.progress import eta_text, progress_state, progress_visible_to, report_csv

# What each kind of run is called on its page.
KIND_NAMES = {
    "materials.import": _("Materials import"),
    "listings.import": _("Partnering import"),
    "search.rebuild": _("Search index rebuild"),
    "insights.rollup": _("Insights rollup"),
}


def _context(request, pk) -> dict:
    run = get_object_or_404(progress_visible_to(request.user), pk=pk)
    state = progress_state(run)
    return {
        "run": run,
        "state": state,
        "kind_name": KIND_NAMES.get(run.kind, run.kind),
        "eta": eta_text(state.eta_seconds),
    }


@never_cache
@login_required
def page(request, pk):
    return render(request, "core/progress/page.html", _context(request, pk))


@never_cache
@login_required
def poll(request, pk):
    """The status block alone, for htmx; once finished it comes without its trigger, so the
    polling stops."""
    return render(request, "core/progress/_status.html", _context(request, pk))


@login_required
def report(request, pk):
    run = get_object_or_404(progress_visible_to(request.user), pk=pk)
    response = HttpResponse(report_csv(run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-{run.pk}.csv"'
    return response

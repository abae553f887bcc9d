"""The public dashboard: headline figures and charts of a period and a country."""

from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_countries import countries

from bridge.insights.selectors.dashboard import context_for, headlines, sections
from bridge.insights.selectors.figures import figures, filters_from, latest_run
from bridge.insights.selectors.filters import period_choices


def filter_context(request, run) -> dict:
    filters, coverage = filters_from(request.GET, run)
    return {
        "run": run,
        "filters": filters,
        "periods": period_choices(coverage.first, coverage.last),
        "countries": sorted(
            ((code, str(countries.name(code)) or code) for code in coverage.countries),
            key=lambda pair: pair[1],
        ),
        "query": filters.query(),
    }


@require_GET
def dashboard(request):
    run = latest_run()
    context = filter_context(request, run)
    figs = figures(context["filters"], run)
    ctx = context_for(figs, context["filters"], run)
    context.update(headlines=headlines(figs), sections=sections(ctx))
    return render(request, "insights/dashboard.html", context)

"""The public dashboard: headline figures and charts of a period and a country."""

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django_countries import countries

from bridge.insights.selectors.dashboard import context_for, headlines, sections
from bridge.insights.selectors.figures import CACHE_SECONDS, figures, filters_from, latest_run
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
    filters = context["filters"]
    # The charts of one run, filter and language are the same for every reader: drawn once.
    key = (
        f"insights:body:{run.pk if run else 0}:{run.as_of.timestamp() if run else 0}:"
        f"{filters.period.key}:{filters.country}:{get_language()}"
    )
    body = cache.get(key)
    if body is None:
        figs = figures(filters, run)
        context.update(
            headlines=headlines(figs), sections=sections(context_for(figs, filters, run))
        )
        body = render_to_string("insights/_body.html", context, request=request)
        cache.set(key, body, CACHE_SECONDS)
    context["body"] = body
    return render(request, "insights/dashboard.html", context)

"""The quarterly report: a printable page and its PDF (WeasyPrint), in the reader's language."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from bridge.insights.selectors.figures import latest_run
from bridge.insights.selectors.report import latest_quarter, report_context


@require_GET
def latest(request):
    return redirect("insights:report", quarter=latest_quarter(latest_run()))


@require_GET
def report(request, quarter: str):
    context = report_context(quarter, latest_run())
    if context is None:
        raise Http404
    return render(request, "insights/report/report.html", context)


@require_GET
def report_pdf(request, quarter: str):
    import logging

    from weasyprint import HTML

    # WeasyPrint warns about every screen-only CSS rule it skips; the PDF does not need them.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    context = report_context(quarter, latest_run())
    if context is None:
        raise Http404
    context["pdf"] = True
    html = render_to_string("insights/report/report.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"creative-bridge-insights-{quarter}-{get_language()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response

"""The public catalog: one search box, facets with counts, prices in the reader's currency.

The whole state lives in the query string (shareable, works without JavaScript); htmx asks for
the results and the facets only."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.core.pagecache import anonymous_page
from bridge.materials.forms.catalog import BOUNDS, CatalogForm, page_number
from bridge.materials.selectors import catalog as selectors
from bridge.materials.selectors import money
from bridge.materials.selectors.properties import catalog_measures

SESSION_CURRENCY = "materials_currency"
PAGE_SIZE = 24
# The facets listed as ticks, in the sidebar's order (price and sample have their own fields).
FACET_TITLES = {
    "category": _("Category"),
    "certification": _("Certification"),
    "fibre": _("Fibre"),
    "country": _("Country"),
    "supplier": _("Supplier"),
    "technique": _("Technique"),
}


def viewer_currency(request) -> str:
    """?currency= (remembered in the session), else the remembered one, else by language."""
    asked = (request.GET.get("currency") or "").strip().upper()
    if asked in money.CURRENCIES:
        if request.session.get(SESSION_CURRENCY) != asked:
            request.session[SESSION_CURRENCY] = asked
        return asked
    remembered = request.session.get(SESSION_CURRENCY)
    if remembered in money.CURRENCIES:
        return remembered
    return money.default_currency(get_language())


def _title_html(material, highlights: dict) -> str | None:
    """The engine's highlighted line for the name shown, when a query word is in it."""
    title = highlights.get(material.pk, {}).get("title", "")
    shown = material.display_name()
    for line in title.split("\n"):
        plain = line.replace("<mark>", "").replace("</mark>", "")
        if "<mark>" in line and plain == _escaped(shown):
            # The engine escaped the text and added only <mark>.
            return mark_safe(line)  # noqa: S308
    return None


def _escaped(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


def _clean_url(request) -> str:
    query = request.GET.copy()
    for key in list(query):
        values = [v for v in query.getlist(key) if v.strip()]
        if values:
            query.setlist(key, values)
        else:
            del query[key]
    encoded = query.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


def _bounds(request, form, key: str) -> list[dict]:
    """The two inputs of a range filter, with what was typed and its errors."""
    return [
        {
            "name": f"{key}_{bound}",
            "label": _("from") if bound == "min" else _("to"),
            "typed": request.GET.get(f"{key}_{bound}", "")[:40],
            "errors": form.measure_errors.get(f"{key}_{bound}", []),
        }
        for bound in BOUNDS
    ]


@anonymous_page(namespaces=("materials", "accounts", "search"), vary=viewer_currency)
def catalog(request):
    currency = viewer_currency(request)
    form = CatalogForm(request.GET, currency=currency)
    filters = form.filters()
    rates = money.exchange_rates()
    page = selectors.catalog_search(
        filters=filters, rates=rates, page=page_number(request.GET.get("page")), page_size=PAGE_SIZE
    )
    cards = [
        {
            "material": material,
            "title_html": _title_html(material, page.highlights),
            "snippet": mark_safe(page.highlights.get(material.pk, {}).get("snippet", "")),  # noqa: S308
            "price": money.rounded(
                rates.convert(material.price, material.currency, currency), currency
            ),
        }
        for material in page.materials
    ]
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "cards": cards,
        "currency": currency,
        "currencies": money.CURRENCIES,
        "rates": rates,
        "facet_groups": [
            (name, title, page.facets.get(name, [])) for name, title in FACET_TITLES.items()
        ],
        "price_bands": page.facets.get("price_band", []),
        "measures": [
            {"label": measure.label, "bounds": _bounds(request, form, measure.key)}
            for measure in catalog_measures(filters.category, set(filters.measures))
        ],
        "sample_count": next(
            (f.count for f in page.facets.get("sample", []) if f.value == "yes"), 0
        ),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "materials/catalog/_results.html" if partial else "materials/catalog/catalog.html"
    response = render(request, template, context)
    if partial:
        # The address bar gets the state without the form's empty fields.
        response["HX-Push-Url"] = _clean_url(request)
    patch_vary_headers(response, ["HX-Request"])
    return response

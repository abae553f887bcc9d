"""Browse and search live listings (anyone), keyword suggestions, saved searches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from bridge.partnering.models import SavedSearch
from bridge.partnering.selectors.listings import FACETS
from bridge.partnering.selectors.listings import browse as browse_listings
from bridge.partnering.services.alerts import saved_search_create
from bridge.partnering.services.alerts import saved_search_delete as delete_saved
from bridge.partnering.views.common import pk_or_404
from bridge.partnering.vocabulary import LANGUAGES, Kind, ListingType, Sector, Stage
from bridge.search.concepts import concept_label, concept_suggest

PAGE_SIZE = 20
MAX_PAGE = 500


def facet_titles():
    return {
        "kind": _("Offer or request"),
        "type": _("Type"),
        "sector": _("Sector"),
        "country": _("Country"),
        "language": _("Language"),
        "heritage": _("Heritage theme"),
        "stage": _("Stage"),
    }


def facet_label(name: str, value: str, language: str) -> str:
    labels = {
        "kind": dict(Kind.choices),
        "type": dict(ListingType.choices),
        "sector": dict(Sector.choices),
        "stage": dict(Stage.choices),
        "language": dict(LANGUAGES),
    }.get(name)
    if labels is not None:
        return str(labels.get(value, value))
    if name == "country":
        return countries.name(value) or value
    if name == "heritage":
        return concept_label(value, language)
    return value


def _filters(request) -> dict[str, list[str]]:
    return {
        name: [v[:100] for v in request.GET.getlist(name) if v][:20]
        for name in FACETS
        if request.GET.getlist(name)
    }


def browse(request):
    q = (request.GET.get("q") or "")[:200]
    filters = _filters(request)
    try:
        number = max(1, min(int(request.GET.get("page") or 1), MAX_PAGE))
    except ValueError:
        number = 1
    found = browse_listings(q=q, filters=filters, page=number, page_size=PAGE_SIZE)
    language = get_language() or "ru"
    titles = facet_titles()
    facet_groups = [
        (
            name,
            titles[name],
            [
                {
                    "value": value,
                    "count": count,
                    "label": facet_label(name, value, language),
                    "selected": value in filters.get(name, []),
                }
                for value, count in found.facets.get(name, [])
            ],
        )
        for name in FACETS
    ]
    paginator = Paginator(range(found.count), PAGE_SIZE)
    page = paginator.get_page(number)
    context = {
        "q": q,
        "found": found,
        "page": page,
        "facet_groups": facet_groups,
        "filters": filters,
        "has_filters": bool(q or filters),
    }
    template = "partnering/_results.html" if request.htmx else "partnering/browse.html"
    return render(request, template, context)


def keyword_suggest(request):
    """htmx: thesaurus keywords for what is typed, as checkboxes to tick."""
    q = (request.GET.get("keyword_q") or "")[:100]
    suggestions = concept_suggest(q, language=get_language() or "ru", limit=8) if q else []
    return render(request, "partnering/_keyword_suggestions.html", {"suggestions": suggestions})


@login_required
def saved_searches(request):
    if request.method == "POST":
        filters = {
            name: request.POST.getlist(name) for name in FACETS if request.POST.getlist(name)
        }
        try:
            saved_search_create(actor=request.user, q=request.POST.get("q", ""), filters=filters)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Search saved: we will e-mail you what it finds next."))
        return redirect("partnering:saved_searches")
    language = get_language() or "ru"
    rows = [
        {
            "saved": saved,
            "filters": [
                facet_label(name, value, language)
                for name, values in saved.filters.items()
                for value in values
            ],
        }
        for saved in SavedSearch.objects.filter(user=request.user)
    ]
    return render(request, "partnering/saved_searches.html", {"rows": rows})


@login_required
@require_POST
def saved_search_delete(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk_or_404(pk), user=request.user)
    delete_saved(actor=request.user, saved=saved)
    messages.success(request, _("Saved search deleted."))
    return redirect("partnering:saved_searches")

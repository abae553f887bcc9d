from django.shortcuts import render
from django.views.decorators.http import require_GET

from bridge.accounts.selectors import organisation_country_counts
from bridge.core.pagecache import anonymous_page
from bridge.site import selectors


@anonymous_page(namespaces=("accounts",))
def home(request):
    counts = organisation_country_counts()
    context = {
        "organisations_total": sum(counts.values()),
        "organisations_ru": counts.get("RU", 0),
        "organisations_uz": counts.get("UZ", 0),
        "countries_total": len(counts),
    }
    return render(request, "site/home.html", context)


# Every section's cards are refreshed in the search index by the services that change them,
# which bumps "search"; organisations, materials and calls are tracked by their apps too.
@anonymous_page(namespaces=("search", "accounts", "materials", "programs"))
@require_GET
def search(request):
    """The header's search, without JavaScript too: every section's best hits, by kind."""
    results = selectors.site_search(request.GET.get("q") or "")
    return render(request, "site/search/results.html", {"results": results})


@require_GET
def search_suggestions(request):
    """The listbox under the header's search box (htmx, on each pause in typing)."""
    q = (request.GET.get("q") or "").strip()
    groups = selectors.site_suggestions(q)
    return render(request, "site/search/_suggestions.html", {"groups": groups, "q": q})

from django.shortcuts import render

from bridge.accounts.selectors import organisation_country_counts
from bridge.core.pagecache import anonymous_page


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

"""A supplier's public page: profile, certifications, sample statistics, materials."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language

from bridge.core.pagecache import anonymous_page
from bridge.materials.selectors import materials as pages
from bridge.materials.selectors import money, samples
from bridge.materials.views.catalog import viewer_currency


@anonymous_page(namespaces=("materials", "accounts", "samples"), vary=viewer_currency)
def detail(request, slug):
    supplier = pages.supplier_for_viewer(user=request.user, slug=slug)
    currency = viewer_currency(request)
    rates = money.exchange_rates()
    count, materials = pages.supplier_materials(supplier)
    cards = [
        {
            "material": material,
            "price": money.rounded(
                rates.convert(material.price, material.currency, currency), currency
            ),
        }
        for material in materials
    ]
    context = {
        "supplier": supplier,
        "description": supplier.description(get_language() or settings.LANGUAGE_CODE),
        "certificates": pages.supplier_certificates(supplier),
        "stats": samples.supplier_sample_stats(supplier=supplier),
        "count": count,
        "cards": cards,
        "currency": currency,
        "website_safe": supplier.website.startswith(("https://", "http://")),
    }
    return render(request, "materials/catalog/supplier.html", context)

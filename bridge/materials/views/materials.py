"""One material's public page."""

from django.shortcuts import render
from django.urls import reverse

from bridge.core.pagecache import anonymous_page
from bridge.materials.selectors import materials as pages
from bridge.materials.selectors import money, samples
from bridge.materials.views.catalog import viewer_currency
from bridge.materials.vocabulary import Status


def _json_ld(request, material, images) -> dict:
    """schema.org Product for search engines (published listings only)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": material.display_name(),
        "description": material.display_description()[:5000],
        "sku": material.sku,
        "category": material.category.name(),
        "brand": {"@type": "Organization", "name": material.supplier.name},
        "countryOfOrigin": str(material.origin_country),
        "url": request.build_absolute_uri(),
        "offers": {
            "@type": "Offer",
            "price": f"{material.price:f}",
            "priceCurrency": material.currency,
            "availability": "https://schema.org/InStock",
            "seller": {
                "@type": "Organization",
                "name": material.supplier.name,
                "url": request.build_absolute_uri(
                    reverse("materials_catalog:supplier", args=[material.supplier.slug])
                ),
            },
        },
    }
    if images:
        data["image"] = [request.build_absolute_uri(image.image.url) for image in images]
    return data


@anonymous_page(namespaces=("materials", "accounts", "samples"), vary=viewer_currency)
def detail(request, supplier, sku):
    material = pages.material_for_viewer(user=request.user, supplier_slug=supplier, sku=sku)
    currency = viewer_currency(request)
    rates = money.exchange_rates()
    images = material.card_images
    converted = None
    if currency != material.currency:
        converted = money.rounded(
            rates.convert(material.price, material.currency, currency), currency
        )
    context = {
        "material": material,
        "images": images,
        "fibres": material.card_fibres,
        "certificates": material.card_certificates,
        "category_chain": material.category.ancestors(),
        "currency": currency,
        "converted_price": converted,
        "rates": rates,
        "is_published": material.status == Status.PUBLISHED,
        "similar": [
            {
                "material": item,
                "price": money.rounded(
                    rates.convert(item.price, item.currency, currency), currency
                ),
            }
            for item in pages.similar_materials(material)
        ],
        "stats": samples.supplier_sample_stats(supplier=material.supplier),
        "json_ld": _json_ld(request, material, images)
        if material.status == Status.PUBLISHED
        else None,
    }
    return render(request, "materials/catalog/material.html", context)

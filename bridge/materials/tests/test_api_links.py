"""The addresses in API items, built once per answer, are those reverse() gives."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from bridge.materials.api.links import CatalogLinks
from bridge.materials.tests import factories_catalog as fc

# Characters reverse() quotes, keeps, or must keep apart: slashes, spaces, percent signs,
# query and fragment marks, sub-delimiters, Cyrillic and Uzbek apostrophes, and the
# stand-ins the links use for values.
SKUS = [
    "MA-1",
    "AB/12",
    "a b%20c",
    "q?x=1#frag",
    "~:@!$&'()*+,;=",
    "ткань-01",
    "toʻqima ʼ`",
    "sku0slot/supplier0slot",
]
SUPPLIERS = ["margilon-atlas", "sku0slot", "supplier0slot-2"]


@pytest.mark.parametrize("language", ["ru", "uz", "en"])
def test_the_links_are_the_addresses_reverse_gives(language, settings):
    settings.ALLOWED_HOSTS = ["bridge.example"]
    request = RequestFactory().get("/api/v1/materials", HTTP_HOST="bridge.example")
    with translation.override(language):
        links = CatalogLinks(request)
        for supplier in SUPPLIERS:
            assert links.supplier(supplier) == request.build_absolute_uri(
                reverse("materials_catalog:supplier", args=[supplier])
            )
            for sku in SKUS:
                assert links.material(supplier, sku) == request.build_absolute_uri(
                    reverse("materials_catalog:material", args=[supplier, sku])
                )
                assert links.material_api(supplier, sku) == request.build_absolute_uri(
                    reverse("api-v1:material_detail", kwargs={"supplier": supplier, "sku": sku})
                )


def test_each_listed_item_links_to_pages_that_show_it(client, db):
    data = fc.uzbek_catalog()
    fc.material(supplier=data["suppliers"]["margilon"], sku="ZZ 1/ʻ%", name="Odd sku")
    fc.reindex()
    items = client.get("/api/v1/materials", {"page_size": 100}).json()["items"]
    odd = next(item for item in items if item["sku"] == "ZZ 1/ʻ%")
    assert client.get(odd["api_url"]).json()["name"] == "Odd sku"
    page = client.get(odd["url"])
    assert page.status_code == 200 and "Odd sku" in page.content.decode()
    for item in items:
        supplier = client.get(item["supplier_detail"]["url"])
        assert supplier.status_code == 200
        assert item["supplier_detail"]["name"] in supplier.content.decode()

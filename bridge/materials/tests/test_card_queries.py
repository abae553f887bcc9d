"""Pages of material cards ask as many queries for many cards as for few: no card reads a
field that the card query leaves unread (selectors.materials.CARD_LEAVES_OUT), which would
cost one query per card."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.materials.tests import factories_catalog as fc


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


def _materials(supplier, n, start=0):
    return [
        fc.material(
            supplier=supplier,
            sku=f"C-{start + i}",
            sustainability_notes="Dyed with pomegranate peel.",
            certifications=(("gots", f"G-{start + i}", None),),
        )
        for i in range(n)
    ]


def test_a_suppliers_page_of_cards(client, db):
    fc.rates()
    supplier = fc.supplier("card-house")
    _materials(supplier, 2)
    url = reverse("materials_catalog:supplier", args=["card-house"])
    few = _queries(client, url)
    _materials(supplier, 5, start=2)
    assert _queries(client, url) == few


def test_the_comparison(client, db):
    fc.rates()
    supplier = fc.supplier("card-house")
    ids = [m.pk for m in _materials(supplier, 4)]
    url = reverse("materials_collections:compare")
    assert _queries(client, url, {"m": ids[:2]}) == _queries(client, url, {"m": ids})


def test_the_catalog_and_the_api(client, db):
    fc.rates()
    supplier = fc.supplier("card-house")
    _materials(supplier, 2)
    fc.reindex()
    catalog, api = reverse("materials_catalog:catalog"), "/api/v1/materials"
    few = _queries(client, catalog), _queries(client, api)
    _materials(supplier, 5, start=2)
    fc.reindex()
    assert (_queries(client, catalog), _queries(client, api)) == few

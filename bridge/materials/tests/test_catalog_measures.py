"""Range filters on numeric properties in the catalog: the fixed width / weight / thickness and
the properties of the chosen category's template, with the whole state in the URL."""

from decimal import Decimal

import pytest

from bridge.materials.models import MaterialPropertyValue, PropertyDefinition
from bridge.materials.tests import factories_catalog as fc

pytestmark = pytest.mark.integration

CATALOG = "/materials/"


@pytest.fixture
def shop(db):
    fc.rates()
    seller = fc.supplier("rishton-sopol")
    light = fc.material(supplier=seller, sku="SILK-80", name="Light silk", weight_gsm=Decimal(80))
    heavy = fc.material(supplier=seller, sku="SILK-300", name="Heavy silk", weight_gsm=Decimal(300))
    firing = PropertyDefinition.objects.get(code="firing-temperature")
    tiles = {}
    for sku, degrees in (("TILE-900", 900), ("TILE-1200", 1200)):
        tiles[sku] = fc.material(supplier=seller, sku=sku, name=sku, category="ceramics", fibres=())
        MaterialPropertyValue.objects.create(
            material=tiles[sku], definition=firing, value=Decimal(degrees)
        )
    fc.reindex()
    return {"light": light, "heavy": heavy, **tiles}


def skus(response) -> set[str]:
    return {card["material"].sku for card in response.context["cards"]}


def test_a_weight_range_keeps_only_materials_inside_it(client, shop):
    response = client.get(CATALOG, {"weight_gsm_min": "100"})
    assert skus(response) == {"SILK-300"}
    assert skus(client.get(CATALOG, {"weight_gsm_max": "100"})) == {"SILK-80"}
    assert 'value="100"' in response.content.decode()  # the form shows the state of the URL


def test_the_category_template_offers_its_properties_and_filters_by_them(client, shop, settings):
    settings.LANGUAGE_CODE = "ru"
    plain = client.get(CATALOG, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Температура обжига" not in plain
    response = client.get(
        CATALOG,
        {"category": "ceramics", "p_firing-temperature_min": "1000"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert skus(response) == {"TILE-1200"}
    page = response.content.decode()
    assert "Температура обжига, °C" in page
    assert "Ширина, см" in page  # the fixed measures follow the language too
    english = client.get(CATALOG, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Width, cm" in english and "Ширина" not in english


def test_a_bad_bound_is_reported_at_its_field_and_ignored(client, shop):
    response = client.get(CATALOG, {"weight_gsm_min": "heavy", "weight_gsm_max": "1e400"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a number." in page
    assert skus(response) == {"SILK-80", "SILK-300", "TILE-900", "TILE-1200"}


def test_unknown_properties_in_the_url_change_nothing(client, shop):
    response = client.get(CATALOG, {"p_no-such-thing_min": "5", "colour_max": "3"})
    assert response.status_code == 200
    assert len(skus(response)) == 4


def test_the_api_filters_by_the_fixed_measures_too(client, shop):
    body = client.get("/api/v1/materials", {"weight_gsm_min": "100"}).json()
    assert [item["sku"] for item in body["items"]] == ["SILK-300"]
    refused = client.get("/api/v1/materials", {"weight_gsm_max": "-1"})
    assert refused.status_code == 422
    assert "weight_gsm_max" in str(refused.json())

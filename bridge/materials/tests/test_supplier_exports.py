"""Export of catalog results: CSV (re-importable), XLSX, JSON; published rows only."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.exporter import COLUMNS
from bridge.materials.importer import import_materials
from bridge.materials.models import Material, MaterialFibre
from bridge.materials.services.materials import material_publish
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.factories_supplier import published
from bridge.materials.vocabulary import Status

pytestmark = pytest.mark.integration


@pytest.fixture
def catalog(db):
    supplier = OrganisationFactory(slug="margilon-atlas", name="Margʻilon Atlas", country="UZ")
    silk = MaterialFactory(
        supplier=supplier, sku="IK-1", name="Xon atlas ikat", techniques=["ikat"],
        status=Status.PENDING,
    )  # fmt: skip
    MaterialFibre.objects.create(material=silk, fibre="silk", percent=100)
    material_publish(actor=None, material=silk)
    published(supplier=supplier, sku="AD-2", name="Adras paxta")
    MaterialFactory(supplier=supplier, sku="DR-3", name="Draft secret", status=Status.DRAFT)
    MaterialFactory(supplier=supplier, sku="PN-4", name="Pending secret", status=Status.PENDING)
    return supplier


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def export(client, fmt, **params):
    return client.get(reverse("materials_supplier:export", args=[fmt]), params)


def test_csv_has_contract_columns_and_only_published_rows(client, catalog):
    response = export(client, "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = body(response).decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "IK-1" in text and "AD-2" in text
    assert "Draft secret" not in text and "Pending secret" not in text


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_unpublished_rows_never_exported(client, request, catalog, who):
    client.force_login(request.getfixturevalue(who))
    for fmt in ("csv", "json"):
        text = body(export(client, fmt)).decode("utf-8-sig")
        assert "secret" not in text


def test_export_follows_the_catalog_query(client, catalog):
    other = OrganisationFactory(slug="rishton-sopol", country="UZ")
    published(supplier=other, sku="RS-9", name="Rishton koshin")
    text = body(export(client, "csv", supplier="rishton-sopol")).decode("utf-8-sig")
    assert "RS-9" in text and "IK-1" not in text and "AD-2" not in text
    text = body(export(client, "csv", q="Rishton koshin")).decode("utf-8-sig")
    assert "RS-9" in text
    text = body(export(client, "csv", fibre="silk")).decode("utf-8-sig")
    assert "IK-1" in text and "AD-2" not in text


def test_csv_round_trip_reimports_unchanged(client, catalog):
    data = body(export(client, "csv"))
    result = import_materials(file=io.BytesIO(data), filename="export.csv", publish=True)
    assert result.ok, result.errors
    assert (result.rows, result.created, result.updated, result.unchanged) == (2, 0, 0, 2)


def test_csv_round_trip_into_an_empty_catalog_recreates_rows(client, catalog):
    data = body(export(client, "csv"))
    Material.objects.all().delete()
    result = import_materials(file=io.BytesIO(data), filename="export.csv", publish=True)
    assert result.ok, result.errors
    silk = Material.objects.get(sku="IK-1")
    assert silk.name == "Xon atlas ikat"
    assert [(f.fibre, int(f.percent)) for f in silk.fibres.all()] == [("silk", 100)]
    assert silk.techniques == ["ikat"]


def test_xlsx_opens_with_openpyxl(client, catalog):
    response = export(client, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert sorted(r[1] for r in rows[1:]) == ["AD-2", "IK-1"]
    result = import_materials(file=io.BytesIO(response.content), filename="e.xlsx", publish=True)
    assert result.ok, result.errors


def test_json_shape(client, catalog):
    response = export(client, "json")
    data = json.loads(body(response))
    assert data["count"] == 2
    assert data["columns"] == list(COLUMNS)
    assert {item["sku"] for item in data["items"]} == {"IK-1", "AD-2"}
    item = next(i for i in data["items"] if i["sku"] == "IK-1")
    assert item["supplier"] == "margilon-atlas"
    assert item["composition"] == "silk 100%"
    assert set(item) == set(COLUMNS)


def test_unknown_format_and_odd_query_are_not_errors(client, catalog):
    assert export(client, "pdf").status_code == 404
    response = export(client, "json", price_min="abc", page="x", q="\x00" * 3)
    assert response.status_code == 200


def test_export_is_capped(client, catalog, monkeypatch):
    monkeypatch.setattr("bridge.materials.exporter.MAX_ROWS", 1)
    from bridge.materials import exporter

    monkeypatch.setattr(exporter.search_results, "__kwdefaults__", {"limit": 1})
    data = json.loads(body(export(client, "json")))
    assert data["count"] == 2 and len(data["items"]) == 1

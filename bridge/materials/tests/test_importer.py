"""Imports that succeed: any column order, encodings, XLSX, 1,000 rows, update in place."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from bridge.accounts.models import Organisation, Verification
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.importer import import_materials
from bridge.materials.models import Material
from bridge.materials.tests.factories import csv_bytes, good_row
from bridge.materials.vocabulary import Status
from bridge.search.selectors import search

pytestmark = pytest.mark.integration


@pytest.fixture
def supplier(db):
    return OrganisationFactory(name="Margʻilon Atlas", slug="margilon-atlas", country="UZ")


def run(data: bytes, filename="materials.csv", **kwargs):
    return import_materials(file=io.BytesIO(data), filename=filename, **kwargs)


def test_thousand_rows_then_reimport_updates_in_place(supplier):
    rows = [good_row("margilon-atlas", n) for n in range(1, 1001)]
    result = run(csv_bytes(rows), publish=True)
    assert result.ok, result.errors[:3]
    assert (result.rows, result.created, result.updated) == (1000, 1000, 0)
    assert Material.objects.filter(supplier=supplier, status=Status.PUBLISHED).count() == 1000
    first = Material.objects.get(sku="SKU-00001")
    assert [(f.fibre, f.percent) for f in first.fibres.all()] == [
        ("silk", Decimal("70.00")),
        ("cotton", Decimal("30.00")),
    ]
    assert [c.certification.code for c in first.certifications.all()] == ["gots"]
    ids_before = dict(Material.objects.values_list("sku", "id"))

    for row in rows[:100]:
        row["price"] = "150000"
    rows[0]["composition"] = "silk 100%"
    result = run(csv_bytes(rows), publish=True)
    assert result.ok
    assert (result.created, result.updated, result.unchanged) == (0, 100, 900)
    assert dict(Material.objects.values_list("sku", "id")) == ids_before
    first.refresh_from_db()
    assert first.price == Decimal("150000")
    assert [(f.fibre, f.percent) for f in first.fibres.all()] == [("silk", Decimal("100.00"))]
    assert search(key="materials", q="", page_size=1).count == 1000


def test_any_column_order_unknown_columns_ignored_and_semicolons(supplier):
    row = good_row("margilon-atlas", 7, notes="ignored", colour="qizil; sariq")
    header = ["notes", *reversed(list(row))]
    result = run(csv_bytes([row], header=header, delimiter=";"))
    assert result.ok, result.errors
    material = Material.objects.get(sku="SKU-00007")
    assert material.colours == ["qizil", "sariq"]
    assert material.status == Status.PENDING  # waits for moderation without --publish


def test_cp1251_and_utf8_bom_are_both_read(supplier):
    row = good_row("margilon-atlas", 1, name="Шёлк «Хан-атлас»", description="Ручное ткачество")
    run(csv_bytes([row], encoding="cp1251"))
    assert Material.objects.get(sku="SKU-00001").name == "Шёлк «Хан-атлас»"
    row = good_row("margilon-atlas", 2, name="Adras «Anor»")
    result = run(b"\xef\xbb\xbf" + csv_bytes([row]))
    assert result.ok, result.errors
    material = Material.objects.get(sku="SKU-00002")
    assert material.name == "Adras «Anor»"
    assert Material.objects.get(sku="SKU-00001").language == "ru"  # detected


def test_xlsx_with_the_same_columns(supplier):
    workbook = Workbook()
    sheet = workbook.active
    row = good_row("margilon-atlas", 3, price=99.5, moq=10, lead_time_days=7)
    sheet.append(list(row))
    sheet.append(list(row.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(buffer.getvalue(), filename="materials.xlsx")
    assert result.ok, result.errors
    material = Material.objects.get(sku="SKU-00003")
    assert (material.price, material.moq, material.lead_time_days) == (Decimal("99.5"), 10, 7)


def test_staff_import_creates_unknown_suppliers_unverified(supplier):
    rows = [good_row("margilon-atlas", 1), good_row("Rishton Kulollari", 2, country="UZ")]
    result = run(csv_bytes(rows))
    assert result.ok
    created = Organisation.objects.get(name="Rishton Kulollari")
    assert created.verification == Verification.UNVERIFIED
    assert str(created.country) == "UZ"
    assert created.materials.get().sku == "SKU-00002"


def test_supplier_own_import_waits_for_moderation(supplier, owner, organisation):
    rows = [good_row(organisation.slug, 1)]
    result = run(csv_bytes(rows), actor=owner, supplier=organisation)
    assert result.ok, result.errors
    assert organisation.materials.get().status == Status.PENDING
    assert search(key="materials", q="").count == 0  # not public before moderation


def test_numbers_written_the_russian_way(supplier):
    row = good_row(
        "margilon-atlas", 1, price="1 250 000,50", moq="2,5", composition="70% шёлк; 30 % хлопок"
    )
    result = run(csv_bytes([row]))
    assert result.ok, result.errors
    material = Material.objects.get()
    assert (material.price, material.moq) == (Decimal("1250000.50"), Decimal("2.5"))
    assert sorted(material.fibres.values_list("fibre", flat=True)) == ["cotton", "silk"]

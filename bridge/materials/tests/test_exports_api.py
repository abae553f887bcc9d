"""The catalog export through the API: the page's exporter, published rows only, the
catalog's filters."""

import io

import pytest
from openpyxl import load_workbook

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.materials.exporter import COLUMNS
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.factories_api import bearer
from bridge.materials.tests.factories_supplier import published
from bridge.materials.vocabulary import Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
BASE = "/api/v1/exports/materials"


@pytest.fixture
def catalog(db):
    supplier = OrganisationFactory(slug="margilon-atlas", country="UZ")
    published(supplier=supplier, sku="IK-1", name="Xon atlas ikat")
    published(supplier=OrganisationFactory(slug="rishton", country="UZ"), sku="RS-1")
    MaterialFactory(supplier=supplier, sku="DR-3", name="Draft secret", status=Status.DRAFT)
    return supplier


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_json_and_xlsx_hold_the_published_rows_only(client, catalog):
    csv = client.get(BASE + ".csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert "attachment" in csv["Content-Disposition"]
    text = body(csv).decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "IK-1" in text and "RS-1" in text and "secret" not in text
    payload = body(client.get(BASE + ".json")).decode()
    assert '"count": 2' in payload and "secret" not in payload
    sheet = load_workbook(io.BytesIO(body(client.get(BASE + ".xlsx")))).active
    assert sheet.max_row == 3  # the header and two rows


def test_filters_are_the_catalogs(client, catalog):
    text = body(client.get(BASE + ".csv?supplier=rishton")).decode("utf-8-sig")
    assert "RS-1" in text and "IK-1" not in text


def test_bad_input_is_a_422_or_404(client, catalog):
    assert client.get(BASE + ".pdf").status_code in (404, 422)
    response = client.get(BASE + ".csv?lead_max=-1")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "lead_max"
    response = client.get(BASE + ".csv?price_min=10&price_max=5")
    assert response.json()["errors"][0]["field"] == "price_min"


@pytest.mark.parametrize("who", ["owner_of_catalog", "moderator"])
def test_the_supplier_and_moderators_never_get_unpublished_rows(client, request, catalog, who):
    person = request.getfixturevalue(who)
    text = body(client.get(BASE + ".csv", **bearer(person))).decode("utf-8-sig")
    assert "IK-1" in text and "secret" not in text
    # A read-only token may export: it is a read.
    assert client.get(BASE + ".csv", **bearer(person, read_only=True)).status_code == 200


@pytest.fixture
def owner_of_catalog(catalog):
    person = UserFactory()
    Membership.objects.create(organisation=catalog, user=person, role=Role.OWNER)
    return person


def test_a_bad_token_is_401_not_anonymous(client, catalog):
    response = client.get(BASE + ".csv", HTTP_AUTHORIZATION="Bearer cb_nonsense")
    assert response.status_code == 401

"""The bulk import through the API: upload → dry-run report → confirm, all or nothing, with
the rules of the import pages."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.models import Material, MaterialImport
from bridge.materials.services.imports import stored_name
from bridge.materials.tests.factories import csv_bytes, good_row
from bridge.materials.tests.factories_api import bearer
from bridge.materials.tests.factories_supplier import supplier_with_owner
from bridge.materials.vocabulary import Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
BASE = "/api/v1/material-imports"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def upload(client, user, data: bytes, supplier: str, read_only=False, **extra):
    file = SimpleUploadedFile("materials.csv", data, content_type="text/csv")
    return client.post(
        BASE, {"file": file, "supplier": supplier, **extra}, **bearer(user, read_only=read_only)
    )


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(
    client, organisation, owner
):
    rows = [good_row(organisation.slug, n) for n in range(1, 6)]
    rows[1]["price"] = "-5"  # row 3
    rows[3]["currency"] = "XYZ"  # row 5
    response = upload(client, owner, csv_bytes(rows), organisation.slug)
    assert response.status_code == 201, response.content
    report = response.json()
    assert report["outcome"]["code"] == "refused"
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(3, "price"), (5, "currency")]
    assert report["can_confirm"] is False
    confirm = client.post(f"{BASE}/{report['id']}/confirm", **bearer(owner))
    assert confirm.status_code == 409
    assert not Material.objects.exists()


def test_check_then_confirm_imports_every_row_once(client, organisation, owner):
    rows = [good_row(organisation.slug, n) for n in range(1, 4)]
    report = upload(client, owner, csv_bytes(rows), organisation.slug).json()
    assert report["outcome"]["code"] == "checked" and report["rows"] == 3
    assert report["can_confirm"] is True
    assert not Material.objects.exists()  # a dry run writes nothing
    status = client.get(f"{BASE}/{report['id']}", **bearer(owner)).json()
    assert status["outcome"]["code"] == "checked"
    done = client.post(f"{BASE}/{report['id']}/confirm", **bearer(owner))
    assert done.status_code == 200, done.content
    assert done.json()["outcome"]["code"] == "imported" and done.json()["created"] == 3
    assert Material.objects.filter(supplier=organisation, status=Status.PENDING).count() == 3
    checked = MaterialImport.objects.get(pk=report["id"])
    assert not default_storage.exists(stored_name(checked))
    again = client.post(f"{BASE}/{report['id']}/confirm", **bearer(owner))
    assert again.status_code == 409
    assert Material.objects.count() == 3
    listed = client.get(BASE, **bearer(owner)).json()
    assert listed["count"] == 2 and listed["items"][0]["outcome"]["code"] == "imported"


def test_upload_needs_a_file_and_a_supplier_one_manages(client, organisation, owner):
    other = OrganisationFactory()
    response = upload(client, owner, csv_bytes([good_row(other.slug)]), other.slug)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["supplier"]
    response = client.post(BASE, {"supplier": organisation.slug}, **bearer(owner))
    assert response.status_code == 422
    assert "file" in [e["field"] for e in response.json()["errors"]]
    assert not MaterialImport.objects.exists()


def test_supplier_may_not_ask_to_publish(client, organisation, owner):
    response = upload(
        client, owner, csv_bytes([good_row(organisation.slug)]), organisation.slug, publish="true"
    )
    assert response.status_code == 403
    assert not MaterialImport.objects.exists()


def test_staff_import_several_suppliers_and_publish(client, moderator):
    OrganisationFactory(slug="margilon-atlas", country="UZ")
    rows = [good_row("margilon-atlas", 1), good_row("Rishton Sopol", 2, country="UZ")]
    report = upload(client, moderator, csv_bytes(rows), "*", publish="true").json()
    assert report["outcome"]["code"] == "checked" and report["publish"] is True
    assert report["supplier"] is None
    client.post(f"{BASE}/{report['id']}/confirm", **bearer(moderator))
    assert Material.objects.filter(status=Status.PUBLISHED).count() == 2


def test_anonymous_gets_401(client, organisation):
    assert client.get(BASE).status_code == 401
    assert client.post(BASE, {"supplier": organisation.slug}).status_code == 401
    assert client.get(f"{BASE}/1").status_code == 401
    assert client.post(f"{BASE}/1/confirm").status_code == 401


def test_read_only_token_may_not_upload_or_confirm(client, organisation, owner):
    data = csv_bytes([good_row(organisation.slug)])
    assert upload(client, owner, data, organisation.slug, read_only=True).status_code == 403
    report = upload(client, owner, data, organisation.slug).json()
    assert client.get(f"{BASE}/{report['id']}", **bearer(owner, read_only=True)).status_code == 200
    confirm = client.post(f"{BASE}/{report['id']}/confirm", **bearer(owner, read_only=True))
    assert confirm.status_code == 403
    assert not Material.objects.exists()


def test_member_without_a_role_may_not_import(client, organisation, member):
    response = upload(client, member, csv_bytes([good_row(organisation.slug)]), organisation.slug)
    assert response.status_code == 403


def test_another_supplier_cannot_see_or_confirm_a_report(client, organisation, owner, org_admin):
    report = upload(client, owner, csv_bytes([good_row(organisation.slug)]), organisation.slug)
    pk = report.json()["id"]
    _other, other_owner = supplier_with_owner()
    assert client.get(f"{BASE}/{pk}", **bearer(other_owner)).status_code == 404
    assert client.post(f"{BASE}/{pk}/confirm", **bearer(other_owner)).status_code == 404
    assert client.get(BASE, **bearer(other_owner)).json()["count"] == 0
    # A colleague sees the report; only the uploader confirms it.
    seen = client.get(f"{BASE}/{pk}", **bearer(org_admin))
    assert seen.status_code == 200 and seen.json()["can_confirm"] is False
    assert client.post(f"{BASE}/{pk}/confirm", **bearer(org_admin)).status_code == 403
    assert not Material.objects.exists()


def test_an_xlsx_file_is_checked_like_the_pages(client, organisation, owner):
    workbook = Workbook()
    row = good_row(organisation.slug, 3)
    workbook.active.append(list(row))
    workbook.active.append(list(row.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("materials.xlsx", buffer.getvalue())
    response = client.post(BASE, {"file": file, "supplier": organisation.slug}, **bearer(owner))
    assert response.json()["outcome"]["code"] == "checked", response.content
    done = client.post(f"{BASE}/{response.json()['id']}/confirm", **bearer(owner)).json()
    assert done["created"] == 1
    assert Material.objects.get().sku == "SKU-00003"

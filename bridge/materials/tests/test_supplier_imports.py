"""Import in the browser: dry run with every error, confirm, all or nothing; who may do what."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.models import Material, MaterialImport
from bridge.materials.services.imports import stored_name
from bridge.materials.tests.factories import csv_bytes, good_row
from bridge.materials.tests.factories_supplier import supplier_with_owner
from bridge.materials.vocabulary import Status
from bridge.search.selectors import search

pytestmark = pytest.mark.integration
UPLOAD = reverse("materials_supplier:import")


def upload(client, data: bytes, supplier: str, name="materials.csv", **extra):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(UPLOAD, {"file": file, "supplier": supplier, **extra})


def three_bad_rows(slug):
    rows = [good_row(slug, n) for n in range(1, 8)]
    rows[1]["price"] = "-5"  # row 3
    rows[3]["currency"] = "XYZ"  # row 5
    rows[5]["composition"] = "silk 70%; cotton 20%"  # row 7
    return rows


def test_three_bad_rows_three_errors_then_fixed_file_waits_for_moderation(
    client, organisation, owner
):
    client.force_login(owner)
    response = upload(client, csv_bytes(three_bad_rows(organisation.slug)), organisation.slug)
    assert response.status_code == 302
    report = MaterialImport.objects.get()
    assert report.outcome == MaterialImport.Outcome.REFUSED
    page = client.get(response["Location"]).content.decode()
    assert "The file has 3 errors; nothing was written." in page
    assert [(e["row"], e["column"]) for e in report.errors] == [
        (3, "price"),
        (5, "currency"),
        (7, "composition"),
    ]
    assert "Import 7 rows" not in page  # nothing to confirm
    assert not Material.objects.exists()

    fixed = [good_row(organisation.slug, n) for n in range(1, 8)]
    response = upload(client, csv_bytes(fixed), organisation.slug)
    checked = MaterialImport.objects.get(outcome=MaterialImport.Outcome.CHECKED)
    page = client.get(response["Location"]).content.decode()
    assert "Every row is correct" in page and "Import 7 rows" in page
    assert not Material.objects.exists()  # a dry run writes nothing
    assert default_storage.exists(stored_name(checked))

    response = client.post(reverse("materials_supplier:import_commit", args=[checked.pk]))
    assert response.status_code == 302
    assert Material.objects.filter(supplier=organisation, status=Status.PENDING).count() == 7
    assert search(key="materials", q="").count == 0  # waits for moderation
    assert not default_storage.exists(stored_name(checked))  # the file is gone
    # a second confirmation imports nothing again
    again = client.post(reverse("materials_supplier:import_commit", args=[checked.pk]), follow=True)
    assert "imported already" in again.content.decode()


def test_supplier_cannot_upload_for_another_supplier(client, organisation, owner):
    other = OrganisationFactory(slug="other-supplier")
    client.force_login(owner)
    response = upload(client, csv_bytes([good_row("other-supplier", 1)]), "other-supplier")
    assert response.status_code == 400  # not a choice for this person
    assert not MaterialImport.objects.exists()
    # rows naming another supplier in one's own file are refused row by row
    upload(client, csv_bytes([good_row(other.slug, 1)]), organisation.slug)
    report = MaterialImport.objects.get()
    assert report.outcome == MaterialImport.Outcome.REFUSED
    assert report.errors[0]["column"] == "supplier"


def test_member_without_admin_role_cannot_import(client, organisation, member):
    client.force_login(member)
    assert client.get(UPLOAD).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(UPLOAD).status_code == 302


def test_another_supplier_cannot_see_or_commit_a_report(client, organisation, owner):
    client.force_login(owner)
    upload(client, csv_bytes([good_row(organisation.slug, 1)]), organisation.slug)
    report = MaterialImport.objects.get()
    _other, other_owner = supplier_with_owner()
    client.force_login(other_owner)
    assert (
        client.get(reverse("materials_supplier:import_report", args=[report.pk])).status_code == 404
    )
    commit = reverse("materials_supplier:import_commit", args=[report.pk])
    assert client.post(commit).status_code == 404
    assert not Material.objects.exists()


def test_admin_colleague_sees_the_report_but_only_the_uploader_commits(
    client, organisation, owner, org_admin
):
    client.force_login(owner)
    upload(client, csv_bytes([good_row(organisation.slug, 1)]), organisation.slug)
    report = MaterialImport.objects.get()
    client.force_login(org_admin)
    page = client.get(reverse("materials_supplier:import_report", args=[report.pk]))
    assert page.status_code == 200 and "Import 1 row" not in page.content.decode()
    assert (
        client.post(reverse("materials_supplier:import_commit", args=[report.pk])).status_code
        == 403
    )


def test_staff_import_several_suppliers_and_publish_directly(client, moderator):
    OrganisationFactory(slug="margilon-atlas", country="UZ")
    client.force_login(moderator)
    rows = [good_row("margilon-atlas", 1), good_row("Rishton Sopol", 2, country="UZ")]
    response = upload(client, csv_bytes(rows), "*", publish="on")
    report = MaterialImport.objects.get()
    assert report.outcome == MaterialImport.Outcome.CHECKED and report.publish
    client.post(reverse("materials_supplier:import_commit", args=[report.pk]))
    assert Material.objects.filter(status=Status.PUBLISHED).count() == 2
    assert search(key="materials", q="").count == 2
    assert response.status_code == 302


def test_supplier_cannot_ask_to_publish(client, organisation, owner):
    client.force_login(owner)
    upload(client, csv_bytes([good_row(organisation.slug, 1)]), organisation.slug, publish="on")
    assert MaterialImport.objects.get().publish is False


def test_binary_file_is_refused_with_a_message(client, organisation, owner):
    client.force_login(owner)
    response = upload(client, b"\x00\x01\x02PNG\x00" * 50, organisation.slug, name="x.csv")
    page = client.get(response["Location"]).content.decode()
    assert "This is not a CSV or XLSX file" in page


def test_unknown_report_is_404(client, owner):
    client.force_login(owner)
    assert client.get(reverse("materials_supplier:import_report", args=[424242])).status_code == 404

"""The confirmed import runs as a task that its page follows; the command draws no bar off a
terminal. (The embedded default runs tasks inline on SQLite: the run is over on arrival.)"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from bridge.core.models import Progress
from bridge.materials.models import Material, MaterialImport
from bridge.materials.tests.factories import csv_bytes, good_row

pytestmark = pytest.mark.integration


def test_confirmed_import_reports_every_row_done_and_links_its_report(client, organisation, owner):
    client.force_login(owner)
    rows = [good_row(organisation.slug, n) for n in range(1, 13)]
    file = SimpleUploadedFile("materials.csv", csv_bytes(rows), content_type="text/csv")
    client.post(reverse("materials_supplier:import"), {"file": file, "supplier": organisation.slug})
    checked = MaterialImport.objects.get()
    response = client.post(reverse("materials_supplier:import_commit", args=[checked.pk]))
    run = Progress.objects.get()
    assert response["Location"] == reverse("core:progress", args=[run.pk])
    assert run.state == Progress.State.DONE and run.owner == owner
    assert run.done == run.total == 12
    assert Material.objects.filter(supplier=organisation).count() == 12
    imported = MaterialImport.objects.get(dry_run=False)
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Finished." in page and "every 1s" not in page
    assert reverse("materials_supplier:import_report", args=[imported.pk]) in page


def test_import_that_fails_on_confirmation_shows_its_errors(client, organisation, owner):
    client.force_login(owner)
    file = SimpleUploadedFile(
        "m.csv", csv_bytes([good_row(organisation.slug, 1)]), content_type="text/csv"
    )
    client.post(reverse("materials_supplier:import"), {"file": file, "supplier": organisation.slug})
    checked = MaterialImport.objects.get()
    # the supplier's name changed since the check: the row no longer belongs to it
    organisation.slug, organisation.name = "renamed", "Renamed"
    organisation.save()
    response = client.post(reverse("materials_supplier:import_commit", args=[checked.pk]))
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    run = Progress.objects.get()
    assert run.errors and run.errors[0]["column"] == "supplier"
    assert "Finished with 1 error." in page and "Download the report (CSV)" in page
    assert not Material.objects.exists()


def test_command_off_a_terminal_prints_no_bar_and_records_the_run(tmp_path, organisation):
    path = tmp_path / "m.csv"
    path.write_bytes(csv_bytes([good_row(organisation.slug, n) for n in range(1, 4)]))
    out = io.StringIO()
    call_command("import_materials", str(path), stdout=out, stderr=io.StringIO())
    assert "━" not in out.getvalue() and "3 rows" in out.getvalue()
    run = Progress.objects.get(kind="materials.import")
    assert run.done == run.total == 3 and run.owner is None


def test_upload_page_shows_the_figure_of_ones_imports_under_way(client, owner, org_admin):
    from bridge.core.progress import progress_advance, progress_start

    run = progress_start(kind="materials.import", label="big.csv", owner=owner, total=100_000)
    progress_advance(run=run, done=64_000)
    client.force_login(owner)
    page = client.get(reverse("materials_supplier:import"), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Imports under way" in html and "64,000 of 100,000" in html
    assert reverse("core:progress", args=[run.pk]) in html
    client.force_login(org_admin)  # a colleague sees only their own runs
    html = client.get(reverse("materials_supplier:import")).content.decode()
    assert "big.csv" not in html

"""The bulk import's services, to the exact value a person sees: where a checked file waits (its
name, unguessable and stable, and its extension), that the dry run keeps the very bytes uploaded
and only when every row is correct, who may import a checked file (only the person who uploaded
it: the exact message otherwise) and when (a successful dry run whose file still waits: the
exact message and code otherwise), what the import writes and that the file is gone after it
(and kept when the import fails), and the browser's confirm: the run its page follows and the
task it queues. Written for the mutation score of issue 18. The importer itself has tests of its
own; here it reads small CSV files written with the factories' good rows."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.crypto import salted_hmac

from bridge.core.models import Progress
from bridge.materials.models import Material, MaterialImport
from bridge.materials.services import imports as services
from bridge.materials.tests.factories import csv_bytes, good_row
from bridge.materials.tests.factories_supplier import supplier_with_owner
from bridge.materials.vocabulary import Status

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

ONLY_UPLOADER = "Only the person who uploaded this file can import it."
NOT_WAITING = "This file was imported already, or its check failed."
PUBLISH = "Only moderators can publish imported rows directly."
NOT_YOURS = "You cannot change the listings of this supplier."
FILENAME = "spring-list.csv"


def good_file(supplier, count=3, name=FILENAME) -> SimpleUploadedFile:
    rows = [good_row(supplier.slug, n) for n in range(1, count + 1)]
    return SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv")


def bad_file(supplier, name=FILENAME) -> SimpleUploadedFile:
    rows = [good_row(supplier.slug, 1), good_row(supplier.slug, 2, price="-5")]
    return SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv")


def check(actor, supplier, file=None, **kwargs) -> MaterialImport:
    file = file or good_file(supplier)
    return services.import_check(
        actor=actor, file=file, filename=file.name, supplier=supplier, **kwargs
    )


def waiting_file(report) -> bytes | None:
    name = services.stored_name(report)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def waiting_names() -> list[str]:
    if not default_storage.exists(services.UPLOAD_DIR):
        return []
    return default_storage.listdir(services.UPLOAD_DIR)[1]


def report_made(by, supplier, *, dry_run=True, outcome=MaterialImport.Outcome.CHECKED, file=True):
    """A report as the importer leaves it, with (or without) its checked file waiting."""
    report = MaterialImport.objects.create(
        created_by=by,
        supplier=supplier,
        filename=FILENAME,
        dry_run=dry_run,
        outcome=outcome,
        rows=3,
    )
    if file:
        default_storage.save(services.stored_name(report), good_file(supplier))
    return report


# --- where a checked file waits ---------------------------------------------------------------


def token(pk) -> str:
    return salted_hmac("materials.import-file", str(pk)).hexdigest()[:32]


def test_a_checked_file_waits_under_its_report_s_number_and_a_secret_token(db, organisation):
    report = report_made(None, organisation, file=False)
    name = services.stored_name(report)
    assert name == f"material-imports/{report.pk}-{token(report.pk)}.csv"
    assert len(token(report.pk)) == 32
    other = report_made(None, organisation, file=False)
    assert services.stored_name(other) == f"material-imports/{other.pk}-{token(other.pk)}.csv"
    assert services.stored_name(other).split("-")[2] != name.split("-")[2]


def test_the_token_depends_on_the_secret_key(db, organisation, settings):
    report = report_made(None, organisation, file=False)
    before = services.stored_name(report)
    settings.SECRET_KEY = "another-secret-key-of-some-length-0123456789"
    after = services.stored_name(report)
    assert after != before
    assert after.startswith(f"material-imports/{report.pk}-") and after.endswith(".csv")


@pytest.mark.parametrize(
    ("filename", "suffix"),
    [
        ("list.xlsx", ".xlsx"),
        ("LIST.XLSX", ".xlsx"),
        ("macros.xlsm", ".xlsx"),
        ("Macros.XlSm", ".xlsx"),
        ("list.csv", ".csv"),
        ("list.xls", ".csv"),
        ("list.xlsx.csv", ".csv"),
        ("list", ".csv"),
        ("xlsx", ".csv"),
    ],
)
def test_a_spreadsheet_waits_as_a_spreadsheet_and_anything_else_as_csv(
    db, organisation, filename, suffix
):
    report = report_made(None, organisation, file=False)
    report.filename = filename
    assert services.stored_name(report) == (
        f"material-imports/{report.pk}-{token(report.pk)}{suffix}"
    )


# --- the dry run -------------------------------------------------------------------------------


def test_a_correct_file_is_checked_and_kept_byte_for_byte(organisation, owner):
    file = good_file(organisation)
    uploaded = file.read()
    file.seek(0)
    report = check(owner, organisation, file)
    assert MaterialImport.objects.get() == report
    assert (
        report.created_by,
        report.supplier,
        report.filename,
        report.dry_run,
        report.publish,
        report.outcome,
        report.rows,
        report.errors,
    ) == (owner, organisation, FILENAME, True, False, MaterialImport.Outcome.CHECKED, 3, [])
    assert waiting_file(report) == uploaded
    assert waiting_names() == [services.stored_name(report).split("/")[1]]
    assert not Material.objects.exists()


def test_a_file_with_errors_is_reported_and_not_kept(organisation, owner):
    report = check(owner, organisation, bad_file(organisation))
    assert report.outcome == MaterialImport.Outcome.REFUSED
    assert [(e["row"], e["column"]) for e in report.errors] == [(3, "price")]
    assert waiting_file(report) is None
    assert waiting_names() == []
    assert not Material.objects.exists()


def test_a_moderator_checks_a_file_to_publish_for_several_suppliers(organisation, moderator):
    report = check(moderator, None, good_file(organisation), publish=True)
    assert (report.supplier, report.publish, report.outcome) == (
        None,
        True,
        MaterialImport.Outcome.CHECKED,
    )
    assert waiting_file(report) is not None


def test_a_supplier_may_not_ask_to_publish_directly(organisation, owner):
    with pytest.raises(PermissionDenied) as raised:
        check(owner, organisation, publish=True)
    assert str(raised.value) == PUBLISH
    assert not MaterialImport.objects.exists()


def test_a_supplier_may_not_check_a_file_for_another(organisation, owner):
    other, _ = supplier_with_owner()
    with pytest.raises(PermissionDenied) as raised:
        check(owner, other, good_file(other))
    assert str(raised.value) == NOT_YOURS
    assert not MaterialImport.objects.exists()


# --- whether a file waits for this person ------------------------------------------------------


def test_a_successful_dry_run_waits_for_the_person_who_uploaded_it(organisation, owner):
    report = report_made(owner, organisation)
    assert services.import_waiting(actor=owner, report=report) is True


@pytest.mark.parametrize("who", ["org_admin", "moderator", "outsider"])
def test_it_waits_for_nobody_else(organisation, owner, who, request):
    report = report_made(owner, organisation)
    assert not services.import_waiting(actor=request.getfixturevalue(who), report=report)
    assert not services.import_waiting(actor=AnonymousUser(), report=report)


def test_a_real_import_s_report_does_not_wait(organisation, owner):
    report = report_made(owner, organisation, dry_run=False)
    assert not services.import_waiting(actor=owner, report=report)


@pytest.mark.parametrize(
    "outcome", [MaterialImport.Outcome.REFUSED, MaterialImport.Outcome.IMPORTED]
)
def test_a_dry_run_that_was_not_a_success_does_not_wait(organisation, owner, outcome):
    report = report_made(owner, organisation, outcome=outcome)
    assert not services.import_waiting(actor=owner, report=report)


def test_a_dry_run_whose_file_is_gone_does_not_wait(organisation, owner):
    report = report_made(owner, organisation, file=False)
    assert not services.import_waiting(actor=owner, report=report)


# --- the import --------------------------------------------------------------------------------


def test_the_uploader_imports_the_checked_file_and_it_is_gone(organisation, owner):
    checked = check(owner, organisation)
    result = services.import_confirm(actor=owner, report=checked)
    assert (result.ok, result.rows, result.created, result.updated) == (True, 3, 3, 0)
    assert sorted(Material.objects.filter(supplier=organisation).values_list("sku", "status")) == [
        ("SKU-00001", Status.PENDING),
        ("SKU-00002", Status.PENDING),
        ("SKU-00003", Status.PENDING),
    ]
    report = result.report
    assert report.pk != checked.pk
    assert (
        report.created_by,
        report.supplier,
        report.filename,
        report.dry_run,
        report.publish,
        report.outcome,
    ) == (owner, organisation, FILENAME, False, False, MaterialImport.Outcome.IMPORTED)
    assert waiting_file(checked) is None
    with pytest.raises(ValidationError) as raised:
        services.import_confirm(actor=owner, report=checked)
    assert (raised.value.messages, raised.value.code) == ([NOT_WAITING], "not_waiting")
    assert Material.objects.count() == 3


def test_a_file_checked_to_publish_is_published(organisation, moderator):
    checked = check(moderator, None, good_file(organisation, count=2), publish=True)
    result = services.import_confirm(actor=moderator, report=checked)
    assert (result.report.supplier, result.report.publish) == (None, True)
    assert sorted(Material.objects.values_list("supplier", "status")) == [
        (organisation.pk, Status.PUBLISHED),
        (organisation.pk, Status.PUBLISHED),
    ]


def test_a_spreadsheet_s_name_is_kept_on_the_import_s_report(organisation, owner):
    checked = check(owner, organisation, good_file(organisation, name="List 2026.CSV"))
    result = services.import_confirm(actor=owner, report=checked)
    assert result.report.filename == "List 2026.CSV"


def test_an_import_that_fails_keeps_the_file_to_try_again(organisation, owner):
    checked = check(owner, organisation)
    name = services.stored_name(checked)
    default_storage.delete(name)
    default_storage.save(name, bad_file(organisation))
    result = services.import_confirm(actor=owner, report=checked)
    assert not result.ok
    assert result.report.outcome == MaterialImport.Outcome.REFUSED
    assert not Material.objects.exists()
    assert waiting_file(checked) is not None
    assert services.import_waiting(actor=owner, report=checked)


@pytest.mark.parametrize("who", ["org_admin", "moderator", "outsider"])
def test_nobody_but_the_uploader_may_import_it(organisation, owner, who, request):
    checked = check(owner, organisation)
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied) as raised:
        services.import_confirm(actor=person, report=checked)
    assert str(raised.value) == ONLY_UPLOADER
    assert not Material.objects.exists()
    assert waiting_file(checked) is not None


def test_someone_else_is_refused_even_when_the_file_does_not_wait(organisation, owner, member):
    report = report_made(owner, organisation, outcome=MaterialImport.Outcome.REFUSED)
    with pytest.raises(PermissionDenied) as raised:
        services.import_confirm(actor=member, report=report)
    assert str(raised.value) == ONLY_UPLOADER


def test_a_failed_check_cannot_be_imported(organisation, owner):
    report = check(owner, organisation, bad_file(organisation))
    with pytest.raises(ValidationError) as raised:
        services.import_confirm(actor=owner, report=report)
    assert (raised.value.messages, raised.value.code) == ([NOT_WAITING], "not_waiting")
    assert MaterialImport.objects.count() == 1
    assert not Material.objects.exists()


# --- the browser's confirm ---------------------------------------------------------------------


@pytest.fixture
def queued(monkeypatch):
    sent = []

    class Recorder:
        def enqueue(self, **kwargs):
            sent.append(kwargs)

    monkeypatch.setattr(services, "materials_import_task", Recorder())
    return sent


def test_the_browser_s_confirm_queues_the_import_and_returns_its_run(organisation, owner, queued):
    checked = check(owner, organisation)
    run = services.import_confirm_later(actor=owner, report=checked)
    assert Progress.objects.get() == run
    assert (run.kind, run.label, run.owner, run.state) == (
        "materials.import",
        FILENAME,
        owner,
        Progress.State.RUNNING,
    )
    assert queued == [
        {"progress_id": run.pk, "checked_id": checked.pk, "name": services.stored_name(checked)}
    ]
    assert not Material.objects.exists()


def test_the_queued_import_runs_and_its_run_is_finished(organisation, owner):
    checked = check(owner, organisation)
    run = services.import_confirm_later(actor=owner, report=checked)
    run.refresh_from_db()
    assert (run.state, run.done) == (Progress.State.DONE, 3)
    assert Material.objects.filter(supplier=organisation).count() == 3
    assert waiting_file(checked) is None


def test_the_browser_s_confirm_refuses_someone_else(organisation, owner, org_admin, queued):
    checked = check(owner, organisation)
    with pytest.raises(PermissionDenied) as raised:
        services.import_confirm_later(actor=org_admin, report=checked)
    assert str(raised.value) == ONLY_UPLOADER
    assert not Progress.objects.exists()
    assert queued == []


def test_the_browser_s_confirm_refuses_a_file_that_does_not_wait(organisation, owner, queued):
    checked = check(owner, organisation)
    default_storage.delete(services.stored_name(checked))
    with pytest.raises(ValidationError) as raised:
        services.import_confirm_later(actor=owner, report=checked)
    assert (raised.value.messages, raised.value.code) == ([NOT_WAITING], "not_waiting")
    assert not Progress.objects.exists()
    assert queued == []

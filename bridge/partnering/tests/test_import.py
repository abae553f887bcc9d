"""The import contract (docs/DESIGN.md, "Partnering import"): CSV and XLSX, any column order,
errors by row and column, all or nothing, updates in place by (organisation, ref), unknown
organisations created unverified, matches computed for published rows."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from bridge.accounts.models import Organisation, Verification
from bridge.partnering.importer.run import import_listings
from bridge.partnering.models import Listing, ListingImport, Match
from bridge.partnering.vocabulary import Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HEADER = (
    "organisation,country,ref,kind,type,sectors,title,summary,language,countries_sought,expires"
)
FUTURE = (timezone.localdate() + timedelta(days=200)).isoformat()
ROWS = [
    f"Тёплый свет,RU,afandi,request,co-production,animation,Сериал о Ходже Насреддине,Ищем студию в Узбекистане для сериала об Афанди.,ru,UZ,{FUTURE}",
    "Toshkent Motion,UZ,afandi-uz,offer,co-production,animation;film,Afandi latifalari asosida serial,Studiyamiz Afandi haqida animatsion serial yaratadi.,uz,RU;KZ,",
    "Nukus Studio,UZ,n1,offer,licensing,crafts,Qoraqalpoq naqshlari,Naqshlarni litsenziyalaymiz.,,,",
]


def csv_file(*rows, header=HEADER) -> io.BytesIO:
    return io.BytesIO("\n".join([header, *rows]).encode("utf-8"))


def run(data, **kwargs):
    return import_listings(file=data, filename="requests.csv", **kwargs)


def test_a_real_run_writes_every_row_and_publishes_with_matches(ru_org, uz_org):
    result = run(csv_file(*ROWS), publish=True)
    assert (result.errors, result.rows, result.created) == ([], 3, 3)
    assert result.new_organisations == ["Nukus Studio"]
    assert Organisation.objects.get(name="Nukus Studio").verification == Verification.UNVERIFIED
    request = Listing.objects.get(ref="afandi")
    assert (request.organisation, request.status, request.countries_sought) == (
        ru_org,
        Status.PUBLISHED,
        ["UZ"],
    )
    assert request.expires_at.date().isoformat() == FUTURE
    assert Listing.objects.get(ref="n1").language in ("uz", "ru", "en", "uz-Cyrl")
    assert Match.objects.filter(listing=request, counterpart__ref="afandi-uz").exists()


def test_without_publish_rows_wait_for_validation():
    run(csv_file(*ROWS))
    assert set(Listing.objects.values_list("status", flat=True)) == {Status.PENDING}


def test_importing_again_updates_in_place(ru_org):
    run(csv_file(*ROWS))
    changed = ROWS[0].replace("Сериал о Ходже Насреддине", "Сериал об Афанди: второй сезон")
    result = run(csv_file(changed))
    assert (result.created, result.updated) == (0, 1)
    assert Listing.objects.get(ref="afandi").title == "Сериал об Афанди: второй сезон"
    assert Listing.objects.count() == 3


def test_columns_in_any_order_and_xlsx():
    columns = HEADER.split(",")[::-1]
    book = Workbook()
    sheet = book.active
    sheet.append(columns)
    for row in ROWS:
        cells = row.split(",")[::-1]
        sheet.append(cells)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    result = import_listings(file=data, filename="requests.xlsx")
    assert (result.errors, result.created) == ([], 3)


def test_errors_name_row_and_column_and_nothing_is_written():
    bad = [
        ROWS[0],
        "Studio,XX,r2,offer,co-production,animation,Title,Summary,,,",
        "Studio,RU,r3,gift,barter,cooking,,Summary,fr,ZZ,2001-01-01",
        ROWS[0],
    ]
    result = run(csv_file(*bad))
    found = {(e.row, e.column) for e in result.errors}
    assert {
        (3, "country"),
        (4, "kind"),
        (4, "type"),
        (4, "sectors"),
        (4, "title"),
        (4, "expires"),
    } <= found
    assert (5, "ref") in found  # the same reference twice in one file
    assert not Listing.objects.exists()
    assert ListingImport.objects.get().outcome == "refused"


def test_a_dry_run_checks_and_writes_nothing():
    result = run(csv_file(*ROWS), dry_run=True)
    assert (result.errors, result.rows) == ([], 3)
    assert (
        not Listing.objects.exists()
        and not Organisation.objects.filter(name="Nukus Studio").exists()
    )


def test_missing_columns_and_bad_files_are_refused_clearly():
    result = run(csv_file(ROWS[0], header="organisation,country,title"))
    assert {e.column for e in result.errors} >= {"ref", "kind", "type", "sectors", "summary"}
    result = import_listings(file=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"), filename="x.csv")
    assert result.errors and not Listing.objects.exists()


def test_the_command(tmp_path, capsys):
    path = tmp_path / "listings.csv"
    path.write_bytes(csv_file(*ROWS).getvalue())
    call_command("import_listings", str(path), "--dry-run")
    assert not Listing.objects.exists()
    call_command("import_listings", str(path), "--publish")
    assert "3 created" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file("Studio,XX,r2,offer,co-production,animation,T,S,,,").getvalue())
    with pytest.raises(CommandError):
        call_command("import_listings", str(bad))
    assert "row 2, column country" in capsys.readouterr().err


def test_only_validators_import(ru_owner):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(csv_file(*ROWS), actor=ru_owner)


def test_published_rows_are_searchable_once_committed(django_capture_on_commit_callbacks):
    from bridge.search.selectors import search

    with django_capture_on_commit_callbacks(execute=True):
        run(csv_file(*ROWS), publish=True)
    found = search(key="partnering", q="Насреддин").ids
    assert set(found) == set(
        Listing.objects.filter(ref__in=["afandi", "afandi-uz"]).values_list("pk", flat=True)
    )

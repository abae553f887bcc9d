"""Every bad input of issue 4 is refused with a row/column message, and nothing is written."""

import io
import zipfile

import pytest

from bridge.accounts.models import Organisation
from bridge.materials.importer import MAX_FILE_BYTES, import_materials
from bridge.materials.models import Material, MaterialImport
from bridge.materials.tests.factories import csv_bytes, good_row

pytestmark = pytest.mark.integration


@pytest.fixture
def supplier(db):
    from bridge.accounts.tests.factories import OrganisationFactory

    return OrganisationFactory(name="Margʻilon Atlas", slug="margilon-atlas", country="UZ")


def run(data: bytes, filename="materials.csv", **kwargs):
    return import_materials(file=io.BytesIO(data), filename=filename, **kwargs)


def errors_of(result):
    return {(e.row, e.column) for e in result.errors}


def assert_nothing_written(organisations_before: int):
    assert Material.objects.count() == 0
    assert Organisation.objects.count() == organisations_before


def test_missing_required_columns_are_named(supplier):
    rows = [good_row("margilon-atlas")]
    for row in rows:
        del row["price"], row["currency"]
    result = run(csv_bytes(rows))
    assert not result.ok
    assert errors_of(result) == {(1, "price"), (1, "currency")}
    assert_nothing_written(1)


def test_wrong_columns_entirely(supplier):
    result = run(b"foo,bar\n1,2\n")
    assert {column for _row, column in errors_of(result)} >= {"supplier", "sku", "price"}
    assert_nothing_written(1)


def test_a_column_twice_is_refused(supplier):
    rows = [good_row("margilon-atlas")]
    header = [*rows[0], "Price"]
    result = run(csv_bytes(rows, header=header))
    assert (1, "price") in errors_of(result)
    assert_nothing_written(1)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 20,
        bytes(range(256)) * 50,
    ],
    ids=["png", "random-binary"],
)
def test_binary_file_is_refused(supplier, data):
    result = run(data, filename="materials.csv")
    assert not result.ok
    assert "binary" in result.errors[0].message or "encoding" in result.errors[0].message
    assert_nothing_written(1)


def test_undecodable_text_is_refused(supplier):
    # 0x98 is undefined in cp1251, and these bytes are not UTF-8 either.
    data = csv_bytes([good_row("margilon-atlas")]) + b"\x98\x98\x98,\x98\n"
    result = run(data)
    assert not result.ok
    assert_nothing_written(1)


def test_invalid_utf8_deep_in_the_file_is_refused_with_its_row(supplier):
    rows = [good_row("margilon-atlas", n) for n in range(1, 800)]
    data = csv_bytes(rows)
    assert len(data) > 64 * 1024  # past what the encoding is guessed from
    data += b"margilon-atlas,BAD,\xff\xfe broken,x,textiles,UZ,1,UZS,m,1,1,,,no\n"
    result = run(data)
    assert not result.ok
    assert result.errors[-1].row >= 800
    assert_nothing_written(1)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("price", "-5"),
        ("price", "twelve"),
        ("price", "0"),
        ("currency", "GBP"),
        ("category", "spaceships"),
        ("composition", "silk 70%; cotton 20%"),
        ("unit", "barrel"),
        ("moq", "-1"),
        ("lead_time_days", "soon"),
        ("country", "XX"),
        ("certifications", "Made-up Cert"),
        ("sample_available", "maybe"),
        ("sku", ""),
    ],
)
def test_bad_value_is_refused_with_row_and_column(supplier, column, value):
    rows = [good_row("margilon-atlas", 1), good_row("margilon-atlas", 2, **{column: value})]
    result = run(csv_bytes(rows))
    assert (3, column) in errors_of(result), result.errors
    assert all(e.row == 3 for e in result.errors)
    assert_nothing_written(1)


def test_every_error_is_reported_not_just_the_first(supplier):
    rows = [
        good_row("margilon-atlas", 1, price="-1"),
        good_row("margilon-atlas", 2),
        good_row("margilon-atlas", 3, currency="XYZ", category="nope"),
        good_row("margilon-atlas", 4, composition="silk 50%"),
    ]
    result = run(csv_bytes(rows))
    assert errors_of(result) == {(2, "price"), (4, "currency"), (4, "category"), (5, "composition")}
    assert_nothing_written(1)


def test_duplicate_sku_in_one_file(supplier):
    rows = [
        good_row("margilon-atlas", 1),
        good_row("margilon-atlas", 2),
        good_row("margilon-atlas", 1),
    ]
    result = run(csv_bytes(rows))
    assert errors_of(result) == {(4, "sku")}
    assert "row 2" in result.errors[0].message
    assert_nothing_written(1)


def test_one_bad_row_among_good_ones_writes_nothing(supplier):
    rows = [good_row("margilon-atlas", n) for n in range(1, 1200)]
    rows.append(good_row("margilon-atlas", 5000, price="abc"))
    result = run(csv_bytes(rows))  # the first chunks were written, then rolled back
    assert errors_of(result) == {(1201, "price")}
    assert_nothing_written(1)
    report = MaterialImport.objects.get()
    assert report.outcome == MaterialImport.Outcome.REFUSED
    assert report.errors[0]["column"] == "price"


def test_file_over_50_mb_is_refused(supplier, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.write(csv_bytes([good_row("margilon-atlas")]))
        file.seek(MAX_FILE_BYTES)
        file.write(b"\n")
    with path.open("rb") as file:
        result = import_materials(file=file, filename="huge.csv")
    assert not result.ok
    assert "50" in result.errors[0].message
    assert_nothing_written(1)


def test_xlsx_zip_bomb_is_refused_before_opening(supplier):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200 * 1024
    result = run(buffer.getvalue(), filename="bomb.xlsx")
    assert not result.ok
    assert "zip bomb" in result.errors[0].message
    assert_nothing_written(1)


@pytest.mark.parametrize("kind", ["zip-without-workbook", "text-named-xlsx", "broken-zip"])
def test_xlsx_that_is_not_a_workbook_is_refused(supplier, kind):
    if kind == "zip-without-workbook":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hello")
        data = buffer.getvalue()
    elif kind == "text-named-xlsx":
        data = b"this is not a workbook"
    else:
        data = b"PK\x03\x04" + b"garbage" * 100
    result = run(data, filename="materials.xlsx")
    assert not result.ok
    assert "workbook" in result.errors[0].message
    assert_nothing_written(1)


def test_supplier_import_refuses_rows_of_another_supplier(supplier):
    from bridge.accounts.tests.factories import OrganisationFactory

    other = OrganisationFactory(slug="rishton", name="Rishton")
    rows = [good_row("margilon-atlas", 1), good_row("rishton", 2)]
    result = run(csv_bytes(rows), supplier=supplier)
    assert errors_of(result) == {(3, "supplier")}
    assert not Material.objects.filter(supplier__in=[supplier, other]).exists()


def test_dry_run_reports_counts_and_writes_nothing(supplier):
    rows = [good_row("margilon-atlas", 1), good_row("New Workshop", 2)]
    result = run(csv_bytes(rows), dry_run=True)
    assert result.ok
    assert (result.created, result.new_suppliers) == (2, ["New Workshop"])
    assert_nothing_written(1)
    assert MaterialImport.objects.get().outcome == MaterialImport.Outcome.CHECKED


def test_supplier_cannot_publish_directly_or_import_for_others(supplier, owner):
    from django.core.exceptions import PermissionDenied

    from bridge.accounts.tests.factories import OrganisationFactory

    data = csv_bytes([good_row("margilon-atlas")])
    with pytest.raises(PermissionDenied):
        run(data, actor=owner, supplier=supplier)  # owner of another organisation
    with pytest.raises(PermissionDenied):
        run(data, actor=owner)  # several suppliers: staff only
    mine = OrganisationFactory(owner=owner, slug="mine")
    with pytest.raises(PermissionDenied):
        run(data, actor=owner, supplier=mine, publish=True)
    assert_nothing_written(3)

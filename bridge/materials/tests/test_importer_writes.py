"""The import's write path (importer/run.py): values arrive intact, queries do not grow with rows.

PostgreSQL writes each chunk as one statement with one array per column; these tests run on both
databases, so both write paths are held to the same results.
"""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.importer import import_materials
from bridge.materials.importer.run import CHUNK
from bridge.materials.models import Material
from bridge.materials.tests.factories import csv_bytes, good_row

pytestmark = pytest.mark.integration

AWKWARD = 'Ткань «Хон атлас», 100% ipak; "quoted" {braces} back\\slash — Qoʻqon'


@pytest.fixture
def supplier(db):
    return OrganisationFactory(slug="margilon-atlas", country="UZ")


def run(rows: list[dict], **kwargs):
    return import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", **kwargs)


def test_awkward_values_are_stored_as_written_then_updated_in_place(supplier):
    row = good_row(
        "margilon-atlas",
        description=AWKWARD,
        technique='ikat "abr"; qoʻl toʻqish',
        colors="индиго; oltin",
        width_cm="45.5",
        weight_gsm="",
        certifications="GOTS; OCS",
    )
    assert run([row], publish=True).created == 1
    material = Material.objects.get(sku=row["sku"])
    assert material.description == AWKWARD
    assert material.techniques == ['ikat "abr"', "qoʻl toʻqish"]
    assert material.colours == ["индиго", "oltin"]
    assert (material.width_cm, material.weight_gsm) == (Decimal("45.50"), None)
    assert sorted(c.certification.code for c in material.certifications.all()) == ["gots", "ocs"]

    row.update(technique="block print", colors="", country="RU", width_cm="", price="99.5",
               certifications="GOTS")  # fmt: skip
    result = run([row], publish=True)
    assert (result.created, result.updated) == (0, 1)
    material.refresh_from_db()
    assert material.techniques == ["block print"] and material.colours == []
    assert (str(material.origin_country), material.width_cm) == ("RU", None)
    assert material.price == Decimal("99.50") and material.description == AWKWARD
    assert [c.certification.code for c in material.certifications.all()] == ["gots"]


class _NotInline:
    """Stands for the inline task backend, so that search indexing waits for the commit (as
    with a worker) and the queries counted are the import's own."""


def _queries(rows: list[dict]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert run(rows, publish=True).ok
    return len(captured)


def test_first_import_queries_grow_with_chunks_not_rows(supplier, monkeypatch):
    """A first import asks nothing per row and does not look rows up chunk by chunk: the
    supplier's stored SKUs are read once."""
    monkeypatch.setattr("bridge.materials.importer.writer.ImmediateBackend", _NotInline)
    small = _queries([good_row("margilon-atlas", n) for n in range(1, CHUNK + 1)])
    Material.objects.all().delete()
    large = _queries([good_row("margilon-atlas", n) for n in range(1, 3 * CHUNK + 1)])
    # two more chunks, each a few INSERTs (on PostgreSQL one per table; elsewhere up to 250
    # materials or 500 related rows per statement), never one per row
    assert large - small <= 2 * 5


def test_reimport_queries_grow_with_chunks_not_rows(supplier, monkeypatch):
    monkeypatch.setattr("bridge.materials.importer.writer.ImmediateBackend", _NotInline)
    rows = [good_row("margilon-atlas", n) for n in range(1, 2 * CHUNK + 1)]
    assert run(rows, publish=True).created == 2 * CHUNK
    for row in rows:
        row["price"] = "150000"
    small = _queries(rows[:CHUNK])
    for row in rows:
        row["price"] = "160000"
    large = _queries(rows)
    # one more chunk: its materials, fibres and links read, one UPDATE
    assert large - small <= 4
    assert set(Material.objects.values_list("price", flat=True)) == {Decimal("160000")}

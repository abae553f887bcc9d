"""How a large import keeps the search index in step (docs/decisions/0004-materials-import.md)."""

import io

import pytest

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.importer import import_materials
from bridge.materials.importer.run import CHUNK
from bridge.materials.models import Material
from bridge.materials.tests.factories import csv_bytes, good_row
from bridge.materials.vocabulary import Status
from bridge.search.models import SearchEntry, SearchHead, SearchNumber, SearchWord
from bridge.search.selectors import search
from bridge.search.services import search_rebuild

pytestmark = pytest.mark.integration


@pytest.fixture
def supplier(db):
    return OrganisationFactory(slug="margilon-atlas", country="UZ")


class _NotInline:
    """Stands for the inline backend's class, so the import believes a worker exists."""


def test_large_import_is_indexed_after_commit_by_a_task(
    supplier, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("bridge.materials.importer.writer.ImmediateBackend", _NotInline)
    rows = [good_row("margilon-atlas", n) for n in range(1, CHUNK + 11)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", publish=True)
    assert result.ok and result.created == CHUNK + 10
    assert search(key="materials", q="").count == 0  # not yet: the worker indexes after commit
    assert len(callbacks) == 1
    callbacks[0]()  # the task (inline backend in tests) runs
    assert search(key="materials", q="").count == CHUNK + 10


def test_small_import_is_indexed_at_once_even_with_a_worker(supplier, monkeypatch):
    monkeypatch.setattr("bridge.materials.importer.writer.ImmediateBackend", _NotInline)
    rows = [good_row("margilon-atlas", n) for n in range(1, 6)]
    import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", publish=True)
    assert search(key="materials", q="").count == 5


def test_supplier_change_to_a_published_row_leaves_the_index_at_once(supplier, monkeypatch):
    monkeypatch.setattr("bridge.materials.importer.writer.ImmediateBackend", _NotInline)
    rows = [good_row("margilon-atlas", n) for n in range(1, 4)]
    import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", publish=True)
    assert search(key="materials", q="").count == 3
    rows[0]["price"] = "999000"
    result = import_materials(
        file=io.BytesIO(csv_bytes(rows)), filename="m.csv", supplier=supplier, actor=None
    )
    assert (result.updated, result.unchanged) == (1, 2)
    changed = Material.objects.get(sku=rows[0]["sku"])
    assert changed.status == Status.PENDING
    assert search(key="materials", q="").count == 2  # never searchable while unmoderated


def test_update_writes_only_changed_values(supplier):
    rows = [good_row("margilon-atlas", n) for n in range(1, 4)]
    import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", publish=True)
    rows[1].update(price="1 500,50", composition="silk 100%", certifications="")
    result = import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", publish=True)
    assert (result.updated, result.unchanged) == (1, 2)
    material = Material.objects.get(sku=rows[1]["sku"])
    assert str(material.price) == "1500.50"
    assert [(f.fibre, int(f.percent)) for f in material.fibres.all()] == [("silk", 100)]
    assert material.certifications.count() == 0
    other = Material.objects.get(sku=rows[0]["sku"])
    assert [f.fibre for f in other.fibres.all()] == ["silk", "cotton"]
    assert [c.certification.code for c in other.certifications.all()] == ["gots"]


def _index_rows() -> dict[str, set]:
    def rows(model):
        return model.objects.filter(index_key="materials")

    return {
        "entries": set(
            rows(SearchEntry).values_list(
                "object_id", "title", "keywords", "body", "facet_values", "anchored"
            )
        ),
        "head": set(rows(SearchHead).values_list("token", "impact", "object_id")),
        "numbers": set(rows(SearchNumber).values_list("object_id", "name", "value")),
        "words": set(rows(SearchWord).values_list("word", flat=True)),
    }


def test_a_large_inline_import_indexes_as_a_rebuild_does(supplier):
    # New rows are indexed from memory, changed ones read again; both as a rebuild reads them.
    compositions = ["silk 70%; cotton 30%", "wool 100%", "cotton 100%", ""]
    rows = [
        good_row(
            "margilon-atlas",
            n,
            name=f"Xon atlas {n}" if n % 2 else f"Adras {n % 7}",
            composition=compositions[n % 4],
            certifications="GOTS" if n % 3 else "",
            price=f"{n * 7}.{n % 100:02d}",
            currency=["UZS", "USD", "RUB"][n % 3],
            technique="ikat; hand-woven" if n % 2 else "",
            colors="indigo; gold" if n % 5 else "",
            width_cm=str(40 + n % 30) if n % 2 else "",
            weight_gsm=f"{100 + n % 50}.5" if n % 3 else "",
            language=["uz", "ru", "en"][n % 3],
        )
        for n in range(1, CHUNK * 2 + 11)
    ]
    result = import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", publish=True)
    assert result.ok and result.created == len(rows)
    imported = _index_rows()
    assert len(imported["entries"]) == len(rows)
    search_rebuild(key="materials")
    assert _index_rows() == imported

    for row in rows[::4]:
        row.update(name=row["name"] + " plus", composition="linen 100%", weight_gsm="210")
    result = import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", publish=True)
    assert result.updated == len(rows[::4])
    reimported = _index_rows()
    assert reimported["entries"] != imported["entries"]
    search_rebuild(key="materials")
    rebuilt = _index_rows()
    assert (rebuilt["entries"], rebuilt["numbers"]) == (
        reimported["entries"],
        reimported["numbers"],
    )
    # Between rebuilds the vocabulary only grows, and a head list keeps what it had cut.
    assert rebuilt["words"] < reimported["words"]

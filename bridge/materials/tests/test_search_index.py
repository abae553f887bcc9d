from datetime import date
from decimal import Decimal

import pytest

from bridge.materials.models import (
    Category,
    Certification,
    ExchangeRate,
    MaterialCertification,
    MaterialPropertyValue,
    PropertyDefinition,
)
from bridge.materials.search_index import MaterialIndex
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status

pytestmark = pytest.mark.integration


def test_document_carries_labels_facets_and_usd_price(db):
    ExchangeRate.objects.create(
        currency="UZS", rate_to_usd=Decimal("0.00007"), date=date(2025, 1, 1)
    )
    ExchangeRate.objects.create(
        currency="UZS", rate_to_usd=Decimal("0.00008"), date=date(2025, 6, 1)
    )
    material = MaterialFactory(
        status=Status.PUBLISHED,
        category=Category.objects.get(code="ikat"),
        price=Decimal("250000"),
        techniques=["abr"],
        colours=["qizil"],
        sample_available=True,
        name_ru="Адрас",
        supplier__slug="margilon-atlas",
    )
    material.fibres.create(fibre="silk", percent=100)
    MaterialCertification.objects.create(
        material=material, certification=Certification.objects.get(code="gots")
    )
    index = MaterialIndex()
    obj = index.queryset().get(pk=material.pk)
    document = index.document(obj)
    assert "Адрас" in document.title
    assert "Икат (абровые ткани)" in document.keywords and "Ткани" in document.keywords
    assert "шёлк" in document.keywords  # the fibre in Russian, though written as a code
    assert document.facets["category"] == ["textiles", "silk", "ikat"]
    assert document.facets["supplier"] == ["margilon-atlas"]
    assert document.facets["certification"] == ["gots"]
    assert document.facets["sample"] == ["yes"]
    assert document.numbers["price_usd"] == pytest.approx(20.0)  # the latest rate
    assert document.facets["price_band"] == ["10-25"]


def test_queryset_holds_published_only(db):
    for status in Status.values:
        MaterialFactory(status=status)
    index = MaterialIndex()
    assert list(index.queryset().values_list("status", flat=True)) == [Status.PUBLISHED]


def test_documents_cost_the_same_queries_at_n_and_3n(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(n):
        for _ in range(n):
            MaterialFactory(status=Status.PUBLISHED).fibres.create(fibre="silk", percent=100)
        index = MaterialIndex()
        with CaptureQueriesContext(connection) as captured:
            index.documents_of(list(index.queryset()))
        return len(captured)

    assert count(5) == count(10)  # 5 then 15 rows in all


def test_a_batch_has_the_documents_of_its_materials_one_by_one(db):
    definitions = list(
        PropertyDefinition.objects.filter(code__in=["firing-temperature", "water-absorption"])
    )
    certifications = list(Certification.objects.order_by("code")[:3])
    for n in range(6):
        material = MaterialFactory(status=Status.PUBLISHED)
        for position, fibre in enumerate(["wool", "silk", "cotton"][: n % 3 + 1]):
            material.fibres.create(fibre=fibre, percent=10 * (position + 1), position=position)
        for certification in certifications[: n % 4]:
            MaterialCertification.objects.create(material=material, certification=certification)
        for definition in definitions[: n % 3]:
            MaterialPropertyValue.objects.create(
                material=material, definition=definition, value=Decimal(n + 1)
            )
    index = MaterialIndex()
    batch = index.documents_of(list(index.queryset()))
    assert batch == [(m.pk, index.document(m)) for m in index.queryset()]
    # what the batch read reached the documents
    assert {"silk", "wool", "cotton"} <= {f for _pk, d in batch for f in d.facets["fibre"]}
    assert len({c for _pk, d in batch for c in d.facets["certification"]}) == 3
    assert sum(len(d.numbers) for _pk, d in batch) > 6 * 3 + 2

"""Published materials show themselves in mixed results (site-wide search, heritage pages)."""

import pytest
from django.utils import translation

from bridge.materials.search_index import MaterialIndex
from bridge.materials.selectors.materials import in_order
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status
from bridge.search.grouped import search_grouped
from bridge.search.services import search_index_update

pytestmark = pytest.mark.integration


@pytest.fixture
def published(db):
    material = MaterialFactory(
        status=Status.PUBLISHED,
        name="Adras «Tong»",
        name_ru="Адрас «Рассвет»",
        description="Ipak va paxtadan toʻqilgan adras.",
        supplier__name="Margʻilon Atlas",
    )
    search_index_update(key="materials", objects=[material])
    return material


def test_a_card_speaks_the_readers_language_and_links_the_material(published):
    with translation.override("ru"):
        (card,) = MaterialIndex().cards([published.pk])
    assert card.title == "Адрас «Рассвет»"
    assert card.url == f"/materials/m/{published.supplier.slug}/{published.sku}/"
    assert card.meta == "Margʻilon Atlas · Узбекистан"
    assert (card.language, card.image_url) == ("uz", "")


def test_drafts_and_missing_ids_make_no_card(published):
    draft = MaterialFactory()
    assert [c.title for c in MaterialIndex().cards([draft.pk, 10**9, published.pk])] == [
        "Adras «Tong»"
    ]


def test_the_catalog_is_a_group_of_the_site_wide_results(published):
    (group,) = search_grouped(q="ипак", keys=["materials"])
    assert (group.label, group.count, group.see_all) == (
        "Materials",
        1,
        "/materials/?q=%D0%B8%D0%BF%D0%B0%D0%BA",
    )


def test_a_card_shows_the_first_photo(published):
    from django.core.files.base import ContentFile

    from bridge.materials.models import MaterialImage

    image = MaterialImage(material=published, position=0)
    image.image.save("photo.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    (card,) = MaterialIndex().cards([published.pk])
    assert card.image_url == image.image.url


def test_the_catalog_cards_keep_the_searchs_order_not_the_newest_first(db):
    old, middle, new = MaterialFactory.create_batch(3, status=Status.PUBLISHED)
    draft = MaterialFactory()
    ranked = [middle.pk, draft.pk, old.pk, 10**9, new.pk]
    assert [m.pk for m in in_order(ranked)] == [middle.pk, old.pk, new.pk]

"""Heritage theme pages gather what every app holds about a theme (issue 12): on the top floor,
where the knowledge app and the Materials Center meet without importing each other."""

import pytest
from django.urls import reverse

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.knowledge.models import ThemePage
from bridge.knowledge.tests.factories import EventFactory, published_practice
from bridge.materials.search_index import MaterialIndex
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status
from bridge.search.services import search_index_update
from bridge.search.thesaurus import thesaurus_override, yaml_concepts

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def ikat_world():
    with thesaurus_override(yaml_concepts()):
        silk = MaterialFactory(
            status=Status.PUBLISHED, name="Xon atlas «Tovus»", name_ru="Хан-атлас «Павлин»"
        )
        search_index_update(key=MaterialIndex.key, objects=[silk])
        OrganisationFactory(name="Atlas Lab", description_en="Clothes of Uzbek ikat and adras.")
        published_practice(versions={"ru": "Натуральные красители"}, themes=["ikat"])
        EventFactory(title_en="Abrband workshop", themes=["ikat"])
        ThemePage.objects.create(concept_id="ikat", title_en="Abr (ikat)")
        yield silk


def test_the_abr_page_shows_the_margilan_silk_beside_practices_and_events(client, ikat_world):
    response = client.get(reverse("knowledge:theme", args=["ikat"]), HTTP_ACCEPT_LANGUAGE="en")
    groups = {g.key: [c.title for c in g.cards] for g in response.context["theme"].groups}
    assert groups["materials"] == ["Xon atlas «Tovus»"]
    assert {"practices", "events", "organisations"} <= set(groups)
    # The khan-atlas silk links its own theme (the page's own theme is not repeated).
    html = response.content.decode()
    assert 'href="/knowledge/heritage/khan-atlas/"' in html
    assert 'href="/knowledge/heritage/ikat/"' not in html


def test_the_index_counts_the_materials_of_each_theme(client, ikat_world):
    response = client.get(reverse("knowledge:themes"), HTTP_ACCEPT_LANGUAGE="en")
    summaries = {s.concept_id: s for s in response.context["themes"]}
    assert dict(summaries["ikat"].counts)["Materials"] == 1
    assert dict(summaries["khan-atlas"].counts)["Materials"] == 1

import pytest
from django.core.management import call_command
from django.urls import reverse

from bridge.accounts.models import Verification
from bridge.accounts.search_index import OrganisationIndex
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.search.grouped import search_grouped
from bridge.search.models import Concept
from bridge.search.selectors import search
from bridge.search.services import search_rebuild
from bridge.search.thesaurus import current, thesaurus_invalidate, yaml_concepts

pytestmark = pytest.mark.integration


def test_organisations_index_finds_by_name_and_description_with_facets(db, test_thesaurus):
    atlas = OrganisationFactory(
        name="Margilon Atlas",
        country="UZ",
        description_uz="Qoʻl toʻqima adras va atlas",
        verification=Verification.VERIFIED,
        is_it_park_resident=False,
    )
    OrganisationFactory(name="Moscow Studio", country="RU", description_ru="Игры и анимация")
    assert search_rebuild(key="organisations") == 2
    result = search(key="organisations", q="шёлк", facets=["country", "verified"])
    assert result.ids == [atlas.pk]
    assert result.facets == {"country": [("UZ", 1)], "verified": [("yes", 1)]}
    assert search(key="organisations", filters={"country": ["RU"]}).count == 1


def test_search_rebuild_command_loads_the_thesaurus_once(db, test_thesaurus):
    OrganisationFactory(name="Qogʻoz ustaxonasi")
    call_command("search_rebuild", "organisations")
    loaded = Concept.objects.count()
    assert loaded == len(yaml_concepts())
    call_command("search_rebuild")
    assert Concept.objects.count() == loaded
    assert search(key="organisations", q="қоғоз").count == 1


def test_staff_edits_in_the_database_replace_the_yaml(db):
    Concept.objects.create(id="kigiz-test", kind="fabric", uz=["kigiz"], ru=["войлок"])
    thesaurus_invalidate()
    thesaurus = current()
    assert set(thesaurus.ids) == {"kigiz-test"}
    Concept.objects.all().delete()
    thesaurus_invalidate()
    assert len(current()) == len(yaml_concepts())


def test_thesaurus_load_is_idempotent_and_keeps_staff_edits(db):
    call_command("thesaurus_load")
    first = Concept.objects.count()
    assert first == len(yaml_concepts())
    concept = Concept.objects.first()
    concept.en = ["edited by staff"]
    concept.save()
    call_command("thesaurus_load")
    assert Concept.objects.count() == first
    concept.refresh_from_db()
    assert concept.en == ["edited by staff"]


def test_staff_can_edit_a_concept_in_the_admin(client, db):
    from bridge.accounts.tests.factories import UserFactory

    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    Concept.objects.create(id="silk", kind="fibre", en=["silk"])
    response = client.post(
        reverse("admin:search_concept_add"),
        {
            "id": "atlas-x",
            "kind": "fabric",
            "broader": ["silk"],
            "ru": "атлас\n",
            "uz": "atlas",
            "en": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    concept = Concept.objects.get(id="atlas-x")
    assert concept.ru == ["атлас"] and concept.uz == ["atlas"] and concept.en == []
    assert current().ancestors("atlas-x") == {"silk"}


def test_an_organisation_card_links_its_page_and_is_in_the_directorys_group(db):
    organisation = OrganisationFactory(
        name="Rishton Sopol",
        country="UZ",
        description_en="",
        description_uz="Kulolchilik ustaxonasi",
    )
    (card,) = OrganisationIndex().cards([organisation.pk])
    assert (card.title, card.url, card.summary, card.language) == (
        "Rishton Sopol",
        f"/organisations/{organisation.slug}/",
        "Kulolchilik ustaxonasi",
        "uz",
    )
    (group,) = search_grouped(q="rishton", keys=["organisations"])
    assert (group.count, group.see_all) == (1, "/organisations/?q=rishton")

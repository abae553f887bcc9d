"""The joint projects' search index: only published projects are in it, they leave it when a
partner withdraws, they are found across languages and scripts, and their cards show in the
site-wide search and on heritage pages."""

import pytest
from django.utils import translation

from bridge.partnering.search_index_projects import PROJECTS_INDEX, ProjectIndex
from bridge.partnering.services import projects as services
from bridge.partnering.tests.factories_projects import project_between, published_project
from bridge.search.grouped import search_grouped
from bridge.search.models import SearchEntry
from bridge.search.selectors import search

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def indexed() -> set[int]:
    return set(
        SearchEntry.objects.filter(index_key=PROJECTS_INDEX).values_list("object_id", flat=True)
    )


def test_only_published_projects_are_indexed(ru_org, uz_org, uz_owner):
    private = project_between(ru_org, uz_org)
    assert indexed() == set()
    public = published_project(ru_org, uz_org, title="Kashta: embroidery film")
    assert indexed() == {public.pk}
    place = public.partners.get(organisation=uz_org)
    services.project_consent(actor=uz_owner, partner=place, consent=False)
    assert indexed() == set()
    assert private.pk not in indexed()


def test_found_across_languages_and_scripts_with_facets(ru_org, uz_org):
    project = published_project(ru_org, uz_org)
    for q in ("Афанди", "Afandi", "Афанди ҳақида", "мультсериал", "animatsion"):
        assert search(key=PROJECTS_INDEX, q=q).ids == [project.pk], q
    found = search(key=PROJECTS_INDEX, filters={"country": ["UZ"]}, facets=("status", "sector"))
    assert found.ids == [project.pk]
    assert found.facets["status"] == [("talks", 1)] and found.facets["sector"] == [("animation", 1)]
    assert search(key=PROJECTS_INDEX, filters={"sector": ["film"]}).ids == []


def test_cards_in_the_reader_language_on_the_heritage_page(ru_org, uz_org):
    project = published_project(ru_org, uz_org)
    with translation.override("uz"):
        card = ProjectIndex().cards([project.pk, 999])[0]
    assert card.summary.startswith("Afandi haqida") and "Toshkent Motion" in card.meta
    with translation.override("uz-cyrl"):
        assert ProjectIndex().cards([project.pk])[0].summary.startswith("Афанди ҳақида")
    groups = {g.key: g for g in search_grouped(concepts=["afandi"])}
    assert groups[PROJECTS_INDEX].cards[0].url == project.get_absolute_url()
    assert groups[PROJECTS_INDEX].themes == [["afandi"]]

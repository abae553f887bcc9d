"""One search in the header of every page (issue 17, point 1): results grouped by kind, and
suggestions as one types, in Russian, Uzbek (both scripts, any apostrophe) and English."""

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

SEARCH = reverse("site:search")
SUGGEST = reverse("site:search_suggest")


def silk(n=0):
    material = MaterialFactory(
        status=Status.PUBLISHED, name=f"Xon atlas «Tovus» {n}", name_ru=f"Хан-атлас «Павлин» {n}"
    )
    search_index_update(key=MaterialIndex.key, objects=[material])
    return material


@pytest.fixture
def atlas_world():
    with thesaurus_override(yaml_concepts()):
        silk()
        OrganisationFactory(name="Atlas Lab", description_en="Clothes of Uzbek ikat and adras.")
        OrganisationFactory(name="Margʻilon Ipak Yoʻli", slug="margilon-ipak")
        published_practice(versions={"ru": "Атлас: как ткут абр"}, themes=["ikat"])
        EventFactory(title_en="Atlas weaving workshop", themes=["ikat"])
        yield


def groups_of(response):
    return {group.key: group for group in response.context["results"].groups}


@pytest.mark.parametrize("language", ["ru", "uz", "uz-cyrl", "en"])
def test_every_page_has_the_search_in_its_header_in_every_language(client, language):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'action="{SEARCH}"' in html and 'role="search"' in html
    assert 'role="combobox"' in html and 'aria-controls="site-suggest"' in html
    labels = {
        "ru": "Искать по всей платформе",
        "uz": "Butun platformadan qidirish",
        "uz-cyrl": "Бутун платформадан қидириш",
        "en": "Search the whole platform",
    }
    assert labels[language] in html


@pytest.mark.parametrize(
    ("language", "q"),
    [("ru", "атлас"), ("uz", "atlas"), ("uz-cyrl", "атлас"), ("en", "Atlas")],
)
def test_results_come_grouped_by_kind_with_counts_and_see_all(client, atlas_world, language, q):
    response = client.get(SEARCH, {"q": q}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    groups = groups_of(response)
    assert {"materials", "organisations", "practices", "events"} <= set(groups)
    # Each card in the reader's language where the supplier wrote one.
    (card,) = groups["materials"].cards
    assert card.title == ("Хан-атлас «Павлин» 0" if language == "ru" else "Xon atlas «Tovus» 0")
    assert groups["organisations"].count >= 1
    assert "Atlas Lab" in [card.title for card in groups["organisations"].cards]
    html = response.content.decode()
    # Each group links to its section's own faceted search for the same words.
    assert groups["materials"].see_all.startswith(reverse("materials_catalog:catalog") + "?q=")
    assert f'href="{groups["organisations"].see_all}"' in html.replace("&amp;", "&")
    # The header keeps the query, so one can refine it.
    assert f'value="{q}"' in html


def test_the_heritage_themes_a_query_names_are_their_own_group(client, atlas_world):
    ThemePage.objects.create(concept_id="ikat", title_ru="Абр (икат)")
    response = client.get(SEARCH, {"q": "абр"}, HTTP_ACCEPT_LANGUAGE="ru")
    themes = {theme.id: theme.title for theme in response.context["results"].themes}
    assert themes["ikat"] == "Абр (икат)"  # the theme page's own title
    assert 'href="/knowledge/heritage/ikat/">Абр (икат)</a>' in response.content.decode()


def test_a_query_that_matches_nothing_says_so(client, atlas_world):
    response = client.get(SEARCH, {"q": "zzzqqq"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["results"].groups == []
    assert "Nothing on the platform matches" in response.content.decode()


def test_an_empty_or_odd_query_shows_the_form_not_an_error(client, atlas_world):
    assert client.get(SEARCH).status_code == 200
    assert client.get(SEARCH, {"q": "   "}).context["results"].groups == []
    assert client.get(SEARCH, {"q": "a\x00b" + "x" * 5000}).status_code == 200
    assert client.post(SEARCH, {"q": "atlas"}).status_code == 405


def test_the_results_page_runs_the_same_number_of_queries_for_more_rows(
    client, atlas_world, django_assert_max_num_queries
):
    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(SEARCH, {"q": "atlas"}).status_code == 200
        return len(captured)

    few = queries()
    # Bounded by the indexes holding entries (materials, organisations, practices, events
    # here), a dozen statements each at most; the three empty ones cost none.
    assert few <= 12 * 4 + 6
    with thesaurus_override(yaml_concepts()):
        for n in range(1, 9):
            silk(n)
            OrganisationFactory(name=f"Atlas Studio {n}")
    with django_assert_max_num_queries(few):
        response = client.get(SEARCH, {"q": "atlas"})
    assert groups_of(response)["materials"].count == 9
    assert len(groups_of(response)["materials"].cards) == 3


def suggestions(client, q, language="en"):
    response = client.get(SUGGEST, {"q": q}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "q"),
    [("ru", "атл"), ("uz", "atl"), ("uz-cyrl", "Атл"), ("en", "ATL")],
)
def test_organisation_names_are_suggested_in_any_script(client, atlas_world, language, q):
    html = suggestions(client, q, language)
    assert "Atlas Lab" in html
    assert 'role="option"' in html


@pytest.mark.parametrize(
    "typed", ["margʻilon", "marg'ilon", "margʼi", "marg`i", "маргилон", "ipak"]
)
def test_uzbek_names_are_suggested_whatever_the_apostrophe(client, atlas_world, typed):
    assert "Margʻilon Ipak Yoʻli" in suggestions(client, typed, "uz")


@pytest.mark.parametrize(
    ("language", "q", "label", "code"),
    [
        ("ru", "ткан", "Ткани", "textiles"),
        ("en", "texti", "Textiles", "textiles"),
        ("uz", "mato", "Matolar", "textiles"),
        ("uz-cyrl", "мато", "Матолар", "textiles"),
        ("uz", "yog'o", "Yogʻoch", "wood"),
        ("uz-cyrl", "ёғо", "Ёғоч", "wood"),
    ],
)
def test_categories_are_suggested_and_lead_to_the_filtered_catalog(
    client, q, language, label, code
):
    html = suggestions(client, q, language)
    assert label in html
    assert f"/materials/?category={code}" in html


@pytest.mark.parametrize(
    ("language", "q", "label"),
    [("ru", "афан", "Афанди"), ("uz", "afan", "Afandi"), ("en", "Nasr", "Nasreddin")],
)
def test_thesaurus_concepts_are_suggested_and_a_heritage_theme_leads_to_its_page(
    client, q, language, label
):
    with thesaurus_override(yaml_concepts()):
        html = suggestions(client, q, language)
    assert label in html
    assert 'href="/knowledge/heritage/' in html


def test_every_suggestion_list_ends_with_search_everywhere(client, atlas_world):
    html = suggestions(client, "atl")
    assert html.rstrip().endswith("</div>")
    assert f'data-url="{SEARCH}?q=atl"' in html


def test_too_short_or_empty_typing_suggests_nothing(client, atlas_world):
    assert suggestions(client, "a").strip() == ""
    assert suggestions(client, "").strip() == ""
    assert client.get(SUGGEST, {"q": "\x00" * 300}).status_code == 200


def test_a_new_organisation_is_suggested_at_once(client, atlas_world):
    assert "Rishton Keramika" not in suggestions(client, "rish")
    OrganisationFactory(name="Rishton Keramika")
    assert "Rishton Keramika" in suggestions(client, "rish")

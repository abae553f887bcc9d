"""The header's search in the browser (issue 17, point 1).

A Russian reader types «атл» in the header of the home page: the suggestions open under the box
(keywords, organisations), the arrow keys move through them and Enter opens Atlas Lab's page;
Escape closes the list. Without JavaScript the same box is a plain form: Enter shows the results
page, grouped by kind, each group with its count and a "see all" link. Screenshots of the open
suggestions and the results page, as a phone and a laptop, in ru, uz, uz-cyrl and en."""

import pytest
from playwright.sync_api import expect

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.materials.search_index import MaterialIndex
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status
from bridge.search.services import search_index_update
from bridge.search.thesaurus import thesaurus_override, yaml_concepts
from e2e.conftest import SCREENSHOTS
from e2e.shot import VIEWPORTS
from e2e.test_materials_journey import _reference_data

LANGUAGES = ("ru", "uz", "uz-cyrl", "en")


@pytest.fixture
def atlas_world(db):
    _reference_data()
    with thesaurus_override(yaml_concepts()):
        OrganisationFactory(
            name="Atlas Lab", slug="atlas-lab", description_en="Clothes of Uzbek ikat and adras."
        )
        OrganisationFactory(name="Margʻilon Ipak Yoʻli", slug="margilon-ipak", country="UZ")
        for n, (name, name_ru) in enumerate(
            [("Xon atlas «Tovus»", "Хан-атлас «Павлин»"), ("Atlas «Anor»", "Атлас «Гранат»")]
        ):
            material = MaterialFactory(
                status=Status.PUBLISHED, name=name, name_ru=name_ru, sku=f"ATL-{n}"
            )
            search_index_update(key=MaterialIndex.key, objects=[material])
        yield


def typed(page, text):
    box = page.locator("#site-q")
    box.click()
    box.press_sequentially(text, delay=60)
    return box


def test_suggestions_work_with_the_keyboard(page, live_server, atlas_world):
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    page.goto(live_server.url + "/")
    box = typed(page, "атл")
    listbox = page.locator("#site-suggest")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(listbox.get_by_role("option", name="Atlas Lab")).to_be_visible()
    names = [name.strip() for name in options.all_inner_texts()]
    assert names[-1].startswith("Искать «атл» везде")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    first_id = options.first.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("ArrowDown")  # opens the list again, on the first option
    for _ in range(names.index("Atlas Lab")):
        box.press("ArrowDown")
    expect(listbox.get_by_role("option", name="Atlas Lab")).to_have_attribute(
        "aria-selected", "true"
    )
    box.press("Enter")
    page.wait_for_url("**/organisations/atlas-lab/")


def test_without_javascript_the_box_is_a_form_and_results_come_by_kind(
    browser, live_server, atlas_world
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.fill("#site-q", "atlas")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search/?q=atlas")
    materials = page.locator("section", has=page.locator("h2#group-materials"))
    expect(materials.locator("h2")).to_contain_text("2")
    expect(materials.get_by_role("link", name="Xon atlas «Tovus»")).to_be_visible()
    see_all = materials.locator(".site-results-head a")
    assert see_all.get_attribute("href") == "/materials/?q=atlas"
    expect(page.locator("h2#group-organisations")).to_be_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_of_the_header_search(browser, live_server, atlas_world, language):
    query = {"ru": "атлас", "uz": "atlas", "uz-cyrl": "атлас", "en": "atlas"}[language]
    for name, (width, height) in VIEWPORTS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        page.goto(live_server.url + "/")
        typed(page, query[:3])
        expect(
            page.locator("#site-suggest").get_by_role("option", name="Atlas Lab")
        ).to_be_visible()
        page.screenshot(path=SCREENSHOTS / f"site-search-suggest-{language}-{name}.png")
        page.goto(f"{live_server.url}/search/?q={query}")
        expect(page.locator("h2#group-materials")).to_be_visible()
        page.screenshot(
            path=SCREENSHOTS / f"site-search-results-{language}-{name}.png", full_page=True
        )
        context.close()

"""A visitor without JavaScript on the cached pages: no CSRF token in them, and the language
switch in the header still works (docs/decisions/0010-production-stack.md)."""

import re

from playwright.sync_api import expect

from bridge.accounts.tests.factories import OrganisationFactory


def test_a_visitor_without_javascript_switches_language_on_a_cached_page(browser, live_server):
    OrganisationFactory(name="Margʻilon Atlas", country="UZ")
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{live_server.url}/organisations/?country=UZ")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert "csrfmiddlewaretoken" not in page.content()
        assert not [c for c in context.cookies() if c["name"] == "csrftoken"]

        page.locator("form.lang-switch button[value=uz]").first.click()

        expect(page).to_have_url(re.compile(r"/organisations/\?country=UZ$"))
        expect(page.locator("html")).to_have_attribute("lang", "uz")
        expect(page.get_by_text("Margʻilon Atlas")).to_be_visible()
        page.reload()  # the Uzbek page, now from the cache, stays Uzbek
        expect(page.locator("html")).to_have_attribute("lang", "uz")
        page.locator("form.lang-switch button[value=ru]").first.click()
        expect(page.locator("html")).to_have_attribute("lang", "ru")
    finally:
        context.close()

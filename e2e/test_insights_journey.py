"""Insights in the browser: a journalist opens the dashboard, narrows it to Uzbekistan and the
last 12 months (the filters stay in the address), reads a chart's table behind its toggle,
downloads the materials-by-country CSV, opens the quarterly report and its PDF; a bad filter
gets a note; an analyst recomputes the figures and reads suppliers' answer times. Screenshots of
the dashboard and the report in every language."""

import csv
import importlib
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from bridge.accounts.models import User
from bridge.insights.services.rollup import rollup_run
from bridge.insights.tests.factories import published, sample_request, supplier
from e2e import second_factor

PASSWORD = "Insights-Journey-2026!"
LANGUAGES = ("ru", "uz", "uz-cyrl", "en")


@pytest.fixture
def figures(transactional_db):
    # Categories come from a data migration, which a transactional test's flush empties.
    from django.apps import apps

    from bridge.materials.models import Category

    if not Category.objects.filter(code="textiles").exists():
        importlib.import_module("bridge.materials.migrations.0002_reference_data").forwards(
            apps, None
        )
    uz, ru = supplier("UZ", name="Margʻilon Atlas"), supplier("RU", name="Ивановский текстиль")
    published(14, supplier=uz, when=timezone.now() - timedelta(days=200))
    published(9, supplier=uz, category="ceramics", when=timezone.now() - timedelta(days=40))
    published(7, supplier=ru)
    for hours in range(9):
        sample_request(supplier=uz, answered_after=timedelta(hours=3 + hours))
    rollup_run()
    return uz


def _login(browser, live_server, email):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    device = second_factor.prepare(email)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    second_factor.pass_it(page, device)
    return page


def test_a_journalist_reads_filters_and_downloads_the_figures(
    page, live_server, figures, screenshot
):
    page.goto(live_server.url + "/insights/")
    expect(page.locator("h1")).to_have_text("Insights")
    expect(page.locator(".headline-value").first).to_have_text("30")
    chart = page.locator("#c-materials-by-country")
    expect(chart.locator("svg[role=img] title").first).to_have_text(
        "Published materials by country"
    )
    expect(chart.locator(".chart-summary")).to_contain_text(
        "Uzbekistan has the most published materials: 23 of 30."
    )
    table = chart.locator("details.chart-table table")
    expect(table).to_be_hidden()
    chart.locator("details.chart-table summary").click()
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text("Uzbekistan")

    page.select_option("#f-country", "UZ")
    page.select_option("#f-period", "12m")
    page.click("form.insights-filters button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/insights/?period=12m&country=UZ")
    expect(page.locator(".headline-value").first).to_have_text("23")

    with page.expect_download() as download:
        page.locator("#c-materials-by-country a", has_text="CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert rows == [["country", "count"], ["UZ", "23"]]

    page.goto(live_server.url + "/insights/?country=XX&period=someday")
    expect(page.locator(".alert-warning")).to_have_count(2)
    expect(page.locator(".headline-value").first).to_have_text("30")

    page.goto(live_server.url + "/insights/report/")
    expect(page.locator("h1")).to_contain_text("Quarter")
    href = page.locator("a", has_text="Download the PDF").get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.ok and response.body().startswith(b"%PDF")

    for language in LANGUAGES:
        screenshot("/insights/", "insights-dashboard", language=language)
    screenshot("/insights/report/", "insights-report", language="uz")


def test_an_analyst_recomputes_and_reads_answer_times(browser, live_server, figures):
    analyst = User.objects.create_user(
        email="analyst@example.org", password=PASSWORD, full_name="Andrey Solovyov",
        email_confirmed_at=timezone.now(), is_staff=True,
    )  # fmt: skip
    analyst.groups.add(Group.objects.get(name="analyst"))
    page = _login(browser, live_server, analyst.email)
    page.goto(live_server.url + "/insights/staff/")
    runs = page.locator("section[aria-labelledby=runs-title] tbody tr")
    expect(runs).to_have_count(1)
    page.get_by_role("button", name="Recompute now").click()
    # The run's page says it finished, then leads back to the figures.
    expect(page.locator(".run-status .alert-success")).to_be_visible()
    page.get_by_role("link", name="Open the result").click()
    expect(runs).to_have_count(2)
    expect(runs.first).to_contain_text("Andrey Solovyov")
    page.locator(".staff-nav").get_by_role("link", name="Suppliers' answers").click()
    row = page.locator("tbody tr", has_text="Margʻilon Atlas")
    expect(row.locator("td").nth(0)).to_have_text("9")

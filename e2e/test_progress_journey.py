"""A long import followed in the browser: the bar moves as htmx polls, stops at the result, and
reads well in every language at phone and laptop widths (var/screenshots/progress-*)."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from bridge.accounts.models import User
from bridge.core.models import Progress
from bridge.core.progress import progress_advance, progress_finish, progress_start
from e2e import second_factor

PASSWORD = "Margilon-Atlas-2026!"
LANGUAGES = ("ru", "uz", "uz-cyrl", "en")


def test_supplier_follows_an_import_to_its_result(browser, live_server, screenshot):
    owner = User.objects.create_user(
        email="dilnoza@margilon-atlas.uz", password=PASSWORD, full_name="Dilnoza Yusupova",
        language="en", email_confirmed_at=timezone.now(),
    )  # fmt: skip
    run = progress_start(
        kind="materials.import", label="margilon-atlas-2026.csv", owner=owner, total=100_000
    )
    # Two minutes in and 64,000 rows read: about a minute left.
    Progress.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(minutes=2))
    run.refresh_from_db()
    progress_advance(run=run, done=64_000)

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", owner.email)
    page.fill("input[name=password]", PASSWORD)
    device = second_factor.prepare(owner.email)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    second_factor.pass_it(page, device)
    storage = context.storage_state()

    path = f"/runs/{run.pk}/"
    for language in LANGUAGES:
        User.objects.filter(pk=owner.pk).update(language=language)
        screenshot(path, "progress-import", language=language, storage_state=storage)
    User.objects.filter(pk=owner.pk).update(language="en")

    page.goto(live_server.url + path)
    bar = page.locator("progress")
    expect(bar).to_have_attribute("value", "64000")
    expect(page.get_by_text("64,000 of 100,000")).to_be_visible()
    # The work moves on: the next poll shows it without reloading the page.
    progress_advance(run=run, done=90_000)
    expect(page.get_by_text("90,000 of 100,000")).to_be_visible()
    progress_finish(
        run=run,
        done=100_000,
        warnings=[{"row": 12, "column": "colors", "message": "“zangori” is kept as written."}],
        result_url="/materials/import/",
    )
    expect(page.get_by_text("Finished.")).to_be_visible()
    expect(page.locator("progress")).to_have_count(0)
    expect(page.locator("[hx-trigger]#run-status")).to_have_count(0)  # polling stopped
    expect(page.get_by_role("link", name="Download the report (CSV)")).to_be_visible()
    for language in ("ru", "uz"):
        User.objects.filter(pk=owner.pk).update(language=language)
        screenshot(path, "progress-result", language=language, storage_state=storage)
    context.close()

"""Playwright journeys against a live server, in Debian's Chromium (never a downloaded browser)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from e2e.accessibility import severe_violations
from e2e.shot import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Assertions that wait (expect(...)) get the same patience as actions on a busy machine.
expect.set_options(timeout=30_000)

SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the journeys' database is a file, as in production, not Django's shared-cache
    memory database: there, two requests of the live server's threads writing at once fail at
    once with "database table is locked" (an autosave beside a save), where a file's writers
    queue on the busy timeout (config/settings.py)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("e2e-database") / "journeys.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(autouse=True)
def _e2e_settings(settings, tmp_path, live_server):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.AXES_ENABLED = False
    settings.RATE_LIMITS_ENABLED = False
    settings.SITE_URL = live_server.url
    # Each journey's database starts empty; so does the page cache it would otherwise share.
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    page = context.new_page()
    # Generous: CI shares two cores between the browser, the server and the test.
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def mailbox(settings):
    """The e-mails the platform wrote to files, oldest first, as plain text."""

    def read() -> list[str]:
        folder = Path(settings.EMAIL_FILE_PATH)
        if not folder.exists():
            return []
        files = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime)
        return [f.read_text(encoding="utf-8") for f in files]

    return read


@pytest.fixture
def screenshot(browser, live_server):
    """Save a page as phone and laptop, full length, under var/screenshots/<name>-<size>.png,
    and fail on any serious or critical accessibility violation axe-core finds there."""

    def take(path: str, name: str, *, language: str = "en", storage_state=None) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for size, (width, height) in VIEWPORTS.items():
            # The audit injects axe inline, which the page's CSP rightly forbids.
            context = browser.new_context(
                viewport={"width": width, "height": height},
                storage_state=storage_state,
                bypass_csp=True,
            )
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            shot = context.new_page()
            shot.goto(live_server.url + path)
            shot.screenshot(path=str(SCREENSHOTS / f"{name}-{language}-{size}.png"), full_page=True)
            problems = severe_violations(shot)
            context.close()
            assert not problems, f"axe on {path} ({language}, {size}): " + "; ".join(problems)

    return take

"""Security headers and a Content-Security-Policy that needs nothing inline (issue 16, item 6).

Every page type of the demo, anonymously and signed in as the superuser, under production-like
settings (no DEBUG, HTTPS): the headers are there, and no page holds an inline script, an inline
style (element or attribute) or an on* handler, which the policy would block in the browser.
"""

from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bridge.accounts.models import Organisation, User
from bridge.knowledge.models import Practice, ThemePage
from bridge.materials.models import Material
from bridge.materials.vocabulary import Status
from bridge.partnering.models import Listing
from bridge.programs.models import Call

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# Script types a browser does not run: data blocks, which CSP does not govern.
DATA_SCRIPTS = {"application/ld+json", "application/json"}


class InlineFinder(HTMLParser):
    """What the policy would block: <script> without src (unless a data block), <style>, a
    style attribute, an on* handler, htmx's hx-on (it needs eval)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.htmx_config = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") not in DATA_SCRIPTS:
            self.found.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        if tag == "meta" and values.get("name") == "htmx-config":
            self.htmx_config = values.get("content")
        for name, _value in attrs:
            if name == "style" or name.startswith("on") or name.startswith("hx-on"):
                self.found.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")


def inline_parts(html: str) -> InlineFinder:
    finder = InlineFinder()
    finder.feed(html)
    return finder


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())


def page_urls() -> dict[str, str]:
    material = Material.objects.filter(status=Status.PUBLISHED).select_related("supplier").first()
    call = Call.objects.filter(is_published=True).first()
    return {
        "home": "/",
        "catalog": reverse("materials_catalog:catalog"),
        "catalog search": reverse("materials_catalog:catalog") + "?q=atlas",
        "material": reverse(
            "materials_catalog:material", args=[material.supplier.slug, material.sku]
        ),
        "site search": reverse("site:search") + "?q=silk",
        "directory": reverse("organisations:directory"),
        "organisation": Organisation.objects.filter(slug__gt="").first().get_absolute_url(),
        "call": reverse("programs:call_detail", args=[call.slug]),
        "call figures": reverse("programs:figures", args=[call.slug]),
        "listing": Listing.objects.order_by("pk").first().get_absolute_url(),
        "knowledge entry": Practice.objects.order_by("pk").first().get_absolute_url(),
        "heritage page": ThemePage.objects.order_by("pk").first().get_absolute_url(),
        "insights": reverse("insights:dashboard"),
        "sign-up": reverse("accounts:signup"),
        "not found": "/no-such-page/",
        "admin login": "/staff/admin/login/",
        "api docs": "/api/docs",
    }


def test_every_page_type_has_the_headers_and_nothing_inline(production_like, demo):
    superuser = User.objects.get(email__startswith="superuser@")
    signed_in = Client()
    signed_in.force_login(superuser)
    problems, seen = [], set()
    for label, url in page_urls().items():
        for who, client in (("visitor", Client()), ("superuser", signed_in)):
            response = client.get(url, secure=True, HTTP_ACCEPT_LANGUAGE="en")
            if response.status_code in (301, 302):  # e.g. the admin login of a signed-in person
                continue
            csp = response.headers.get("Content-Security-Policy", "")
            where = f"{label} ({who}, {url}, {response.status_code})"
            assert response.status_code in (200, 404), where
            assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, where
            assert "script-src 'self'" in csp and "unsafe-eval" not in csp, where
            if label != "api docs":
                assert "unsafe-inline" not in csp, where
            assert response.headers["Referrer-Policy"] == "same-origin", where
            assert response.headers["X-Content-Type-Options"] == "nosniff", where
            assert "camera=()" in response.headers["Permissions-Policy"], where
            assert "geolocation=()" in response.headers["Permissions-Policy"], where
            seen.add(label)
            parts = inline_parts(response.content.decode())
            problems += [f"{where}: {found}" for found in parts.found]
            if label not in ("admin login", "api docs"):
                assert '"allowEval":false' in (parts.htmx_config or ""), where
                assert '"includeIndicatorStyles":false' in parts.htmx_config, where
    assert problems == []
    assert seen == set(page_urls())


def test_only_the_api_docs_allow_inline_styles_and_no_page_allows_inline_scripts(
    client, production_like, db
):
    docs = client.get("/api/docs", secure=True).headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in docs.split(";") if part.strip())
    assert "'unsafe-inline'" in directives["style-src"]
    assert "data:" in directives["img-src"]
    assert directives["script-src"] == "'self'"
    home = client.get("/", secure=True).headers["Content-Security-Policy"]
    assert "unsafe-inline" not in home and "data:" not in home


def test_the_api_and_the_error_pages_carry_the_headers_too(client, production_like, db):
    for url in ("/api/v1/materials", "/api/v1/no-such-thing", "/healthz"):
        response = client.get(url, secure=True)
        assert "default-src 'self'" in response.headers["Content-Security-Policy"], url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert "microphone=()" in response.headers["Permissions-Policy"], url


def test_the_finder_sees_what_the_policy_would_block():
    html = (
        '<div style="color:red" onclick="go()"><script>go()</script><style>p{}</style>'
        '<script type="application/ld+json">{}</script><script src="/static/x.js"></script></div>'
    )
    assert len(inline_parts(html).found) == 4

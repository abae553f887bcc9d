"""No input gives a 500: walk every URL pattern of the project (whatever the apps add) and
request it with odd path values and odd query strings, as several kinds of visitor, by GET and
by an empty POST. Any status ≥ 500 is a bug; so is a redirect to another site via `next=`.
"""

import re

import pytest
from django.http import HttpResponse, HttpResponseRedirect
from django.test import Client
from django.urls import path

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import (
    ApiTokenFactory,
    OrganisationFactory,
    UserFactory,
)
from bridge.site.tests.urlwalk import Route, routes

pytestmark = pytest.mark.integration

# Values put in place of each path parameter, one parameter at a time (the others keep a real
# value, so the odd one reaches the view instead of stopping at an earlier lookup).
ODD_VALUES = [
    "no-such-thing",  # unknown slug / token
    "x" * 300,  # very long
    "ünïcødé-имя-ʻ",  # unicode (percent-encoded by the client)
    "99999999999999999999999",  # larger than any database integer
    "0",
    "-1",
    "%00",  # NUL: PostgreSQL refuses it in text, so it must not reach a query unchecked
    "..",
]
ODD_QUERIES = [
    "page=999999",
    "page=-1",
    "page=abc",
    "page_size=100000",
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "country=XX&sector=nope&verified=maybe&it_park=2",
    "next=//evil.example",
    "next=https://evil.example/",
    "lang=xx&format=nope&sort=nope",
]
EVIL = re.compile(r"^(https?:)?//evil\.example", re.IGNORECASE)


@pytest.fixture
def world(db):
    """Real rows, so the non-odd parameters resolve to something that exists."""
    owner = UserFactory()
    organisation = OrganisationFactory(owner=owner)
    membership = Membership.objects.get(organisation=organisation, user=owner)
    member = UserFactory()
    Membership.objects.create(organisation=organisation, user=member, role=Role.MEMBER)
    token = ApiTokenFactory(user=owner)
    return {
        "owner": owner,
        "user": UserFactory(),
        "moderator": UserFactory(is_staff=True, groups=["moderator"]),
        "slug": organisation.slug,
        "int": str(membership.pk),
        "token_id": str(token.pk),
        "id": str(organisation.pk),
    }


def real_value(name: str, converter: str, world: dict) -> str:
    if name in world and isinstance(world[name], str):
        return world[name]
    if "slug" in name:
        return world["slug"]
    if converter == "int" or name in ("pk", "id") or name.endswith("_id"):
        return world["id"] if "organisation" in name else world["int"]
    return "anything"


def urls_for(route: Route, world: dict) -> list[str]:
    base = {name: real_value(name, conv, world) for name, conv in route.params}
    urls = ["/" + route.template.format(**base)]
    for name, _conv in route.params:
        for odd in ODD_VALUES:
            urls.append("/" + route.template.format(**{**base, name: odd}))
    return urls


def test_the_walker_finds_the_project_pages():
    templates = {route.template for route in routes()}
    # The pages every later feature hangs off; if these are missing, the walker is broken.
    assert "" in templates
    assert "organisations/{slug}/" in templates
    assert "staff/admin/" in templates and "staff/admin/login/" in templates
    assert not any(t.startswith("staff/admin/auth/") for t in templates)
    assert any(t.startswith("api/v1/") for t in templates)


def bad_answers(client: Client, world: dict, person) -> tuple[list[str], int]:
    """Every request of the walk; returns the problems found and the number of requests."""
    problems, sent = [], 0

    def check(method: str, url: str) -> None:
        nonlocal sent
        sent += 1
        response = client.get(url) if method == "GET" else client.post(url, {})
        if response.status_code >= 500:
            problems.append(f"{response.status_code} {method} {url}")
        location = response.headers.get("Location", "")
        if 300 <= response.status_code < 400 and EVIL.match(location):
            problems.append(f"open redirect {method} {url} → {location}")

    for route in routes():
        if person is not None:
            # Re-sign in for every route: an earlier POST (logout, leave …) may have ended it.
            client.force_login(person)
        urls = urls_for(route, world)
        for url in urls:
            check("GET", url)
        for query in ODD_QUERIES:
            check("GET", f"{urls[0]}?{query}")
        check("POST", f"{urls[0]}?next=//evil.example")
        if len(urls) > 1:
            check("POST", urls[-1])
    return problems, sent


@pytest.mark.parametrize("role", ["anonymous", "user", "moderator", "owner"])
def test_no_url_answers_500(world, role):
    client = Client(raise_request_exception=False)
    problems, sent = bad_answers(client, world, world.get(role))
    assert sent > 100
    assert not problems, f"{len(problems)} bad answers as {role}:\n" + "\n".join(problems)


# --- The walker itself: a crashing view and an open redirect must be caught ------------------


def _crash(request, slug):
    if len(slug) > 100:
        raise RuntimeError("boom")
    return HttpResponse("ok")


def _redirect(request):
    return HttpResponseRedirect(request.GET.get("next", "/"))


urlpatterns = [
    path("things/<slug:slug>/", _crash),
    path("go/", _redirect),
]


def test_the_walker_reports_a_crash_and_an_open_redirect(world, settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    problems, _sent = bad_answers(client, world, None)
    assert any(p.startswith("500 GET /things/xxxx") for p in problems), problems
    assert any(p.startswith("open redirect GET /go/?next=//evil.example") for p in problems)

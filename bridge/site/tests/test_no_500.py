"""No input gives a 500: walk every URL pattern of the project (whatever the apps add) and
request it with odd path values and odd query strings, as several kinds of visitor, by GET and
by an empty POST. Any status ≥ 500 is a bug; so is a redirect to another site via `next=`.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path
from django.urls.resolvers import RegexPattern, RoutePattern
from django.views.static import serve

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import (
    ApiTokenFactory,
    OrganisationFactory,
    UserFactory,
)

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
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
ADMIN_KEPT = {"index", "login"}


@dataclass(frozen=True)
class Route:
    template: str  # "organisations/{slug}/members/{pk}/"
    params: tuple[tuple[str, str], ...]  # (name, converter)
    name: str


def _regex_to_template(regex: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A simple regex pattern (literal text and named groups) as a template; None if the
    pattern is more than that (such a URL can only be reached by the resolver's own tests)."""
    out, params, i = [], [], 0
    regex = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    while i < len(regex):
        if regex.startswith("(?P<", i):
            end_name = regex.index(">", i)
            name = regex[i + 4 : end_name]
            depth, j = 1, end_name + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                j += 1
            out.append("{" + name + "}")
            params.append((name, "regex"))
            i = j
        elif regex[i] == "\\" and i + 1 < len(regex) and not regex[i + 1].isalnum():
            out.append(regex[i + 1])
            i += 2
        elif regex[i] in "()[]{}*+?|.^$\\":
            return None
        else:
            out.append(regex[i])
            i += 1
    return "".join(out), params


def _piece(pattern) -> tuple[str, list[tuple[str, str]]] | None:
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        params = [(m["name"], m["converter"] or "str") for m in PARAM.finditer(route)]
        return PARAM.sub(lambda m: "{" + m["name"] + "}", route), params
    if isinstance(pattern, RegexPattern):
        return _regex_to_template(pattern._regex)
    return None


def walk(
    resolver: URLResolver, prefix: str = "", params=(), namespace: str = ""
) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        piece = _piece(entry.pattern)
        if piece is None:
            continue
        text, new_params = piece
        if isinstance(entry, URLResolver):
            space = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from walk(entry, prefix + text, (*params, *new_params), space)
        elif isinstance(entry, URLPattern):
            full = prefix + text
            if entry.callback is serve or full.startswith(
                (settings.STATIC_URL.strip("/"), settings.MEDIA_URL.strip("/"))
            ):
                continue
            if namespace.split(":")[0] == "admin" and (
                namespace != "admin" or entry.name not in ADMIN_KEPT
            ):
                continue
            yield Route(full, (*params, *new_params), entry.name or "")


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


def routes() -> list[Route]:
    seen, out = set(), []
    for route in walk(get_resolver()):
        if route.template not in seen:
            seen.add(route.template)
            out.append(route)
    return out


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

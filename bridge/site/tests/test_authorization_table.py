"""Issue 16: one authorization table. Every URL pattern of the resolver and every operation of the
API's OpenAPI schema has a row in bridge/site/tests/authorization_table.py, and every cell of that
row is requested here as its role and compared with the answer the table expects.

Pages are requested by the row's method with an empty body; API operations with the role's
Bearer token (and GET operations once more with the role's browser session, which must answer
alike). An API write sends a body that passes its schema (openapi_bodies.py): an empty one would
be refused as bad input before the handler asks who the caller is, and say nothing about who may
write. Each request runs inside a transaction that is rolled back, so a POST (leave, delete,
log out) cannot change the world the next cell is requested in. The world itself
(authorization_world.py) is built once for the module.
"""

import functools

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from bridge.accounts import second_factor
from bridge.site.tests.authorization_table import TABLE, parse_table
from bridge.site.tests.authorization_world import ROLES, build_world, fill
from bridge.site.tests.openapi_bodies import request_body
from bridge.site.tests.urlwalk import routes
from bridge.site.tests.worlds import rolled_back_world

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROWS = parse_table(TABLE)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once, inside a transaction rolled back when the module ends; each test's own
    transaction nests inside it. Each signed-in role gets one session, second factor verified
    (staff sign in with one), reused by every request."""
    media = tmp_path_factory.mktemp("authz-media")
    with rolled_back_world(django_db_blocker, media):
        built = build_world()
        built.sessions = {}
        for role, person in built.people.items():
            if person is None:
                continue
            client = Client()
            client.force_login(person)
            session = client.session
            session[second_factor.SESSION_KEY] = second_factor.VERIFIED
            session.save()
            built.sessions[role] = session.session_key
        built.media = media
        yield built


@pytest.fixture(autouse=True)
def _world_media(_isolate, settings, world):
    """After the project's own per-test media folder: the world's files are in the module's."""
    settings.MEDIA_ROOT = world.media


def outcome(response) -> str:
    """The answer, as one letter of the table's legend."""
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        location = response["Location"]
        if location.startswith(reverse("accounts:login")):
            return "L"
        if location.startswith("/accounts/two-factor/"):
            return "2"
        return "o"
    if 200 <= code < 300:
        return "o"
    return {400: "b", 409: "b", 422: "b", 401: "L", 403: "D", 404: "N", 405: "M"}.get(code, "?")


def request_as(world, role: str, method: str, url: str, *, api: str = "", body=None) -> str:
    """One cell: `api` is "token" or "session" for API operations, empty for pages; `body` the
    Client's keyword arguments for an API write (request_body), made afresh for each request
    because an uploaded file is read once."""
    client = Client(raise_request_exception=False)
    headers = {}
    if role != "an":
        if api == "token":
            headers["Authorization"] = f"Bearer {world.tokens[role]}"
        else:
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    if body is None:
        body = {"content_type": "application/json", "data": {}} if api else {"data": {}}
    with transaction.atomic():
        response = getattr(client, method.lower())(url, headers=headers, **body)
        transaction.set_rollback(True)
    return outcome(response)


def observed(world, method: str, path: str) -> dict[str, str]:
    api = path.startswith("/api/")
    url = path if api else "/" + fill(path.removeprefix("/"), world.objects)
    url = fill(url, world.objects)
    writes = api and method in ("POST", "PUT", "PATCH")
    cells = {}
    for role in ROLES:
        body = request_body(api_schema(), method, path, world.objects) if writes else None
        cells[role] = request_as(world, role, method, url, api="token" if api else "", body=body)
        if api and method == "GET" and role != "an":
            by_session = request_as(world, role, method, url, api="session")
            if by_session != cells[role]:
                cells[role] += f"(session {by_session})"
    return cells


@functools.cache
def api_schema() -> dict:
    """The schema as an integrator reads it (the API is a floor above the site's)."""
    return Client().get("/api/v1/openapi.json").json()


def schema_operations(client) -> set[tuple[str, str]]:
    schema = client.get("/api/v1/openapi.json").json()
    return {
        (method.upper(), "/api/v1" + path.removeprefix("/api/v1"))
        for path, operations in schema["paths"].items()
        for method in operations
    }


PAGE_PATHS = {route.template for route in routes()}


@pytest.mark.parametrize(("method", "path"), list(ROWS), ids=[f"{m} {p}" for m, p in ROWS])
def test_every_cell_answers_as_the_table_says(world, method, path):
    expected = ROWS[(method, path)]
    got = observed(world, method, path)
    wrong = {role: (expected[role], got[role]) for role in ROLES if got[role] != expected[role]}
    assert not wrong, (
        f"{method} {path}: (expected, got) by role {wrong}\nobserved row: " + " ".join(got.values())
    )


def test_the_table_has_a_row_for_every_url_and_api_operation_and_no_other(world, client):
    """A new URL pattern or API operation without a row fails here; so does a stale row."""
    operations = schema_operations(client)
    api_paths = {path for _method, path in operations}
    pages = {"/" + t for t in PAGE_PATHS if "/" + t not in api_paths}
    table_pages = {path for method, path in ROWS if (method, path) not in operations}
    table_api = {(method, path) for method, path in ROWS if (method, path) in operations}
    missing = sorted(pages - table_pages) + [f"{m} {p}" for m, p in sorted(operations - table_api)]
    stale = sorted(table_pages - pages)
    assert not missing and not stale, (
        f"rows missing for {missing}; stale rows {stale}. Add a row with the answer each role "
        "should get (see the legend in authorization_table.py)."
    )

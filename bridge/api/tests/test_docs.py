"""The API's docs page and schema: served from this site alone, listing every endpoint."""

import re

import pytest

pytestmark = pytest.mark.integration

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def test_docs_page_loads_only_local_assets(client, db):
    response = client.get("/api/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET.findall(html)
    assert assets, "the page should load Swagger UI's script and styles"
    assert [url for url in assets if not url.startswith("/static/")] == []
    assert "/static/ninja/swagger-ui-bundle.js" in assets
    assert "/static/ninja/swagger-ui.css" in assets
    # Nothing else on the page points off-site (no CDN, no online validator badge).
    assert not re.search(r"https?://", html)
    assert '"validatorUrl": null' in html
    assert '"url": "/api/v1/openapi.json"' in html


def test_every_asset_of_the_docs_page_is_served(client, db):
    html = client.get("/api/docs").content.decode()

    for url in ASSET.findall(html):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 100, url


def test_docs_with_a_trailing_slash_redirect(client, db):
    response = client.get("/api/docs/")

    assert response.status_code == 301
    assert response["Location"] == "/api/docs"


def test_openapi_schema_lists_the_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Creative Bridge API"
    assert schema["info"]["version"] == "1"
    paths = schema["paths"]
    assert {
        "/api/v1/organisations",
        "/api/v1/organisations/{organisation_id}",
        "/api/v1/me",
    } <= set(paths)
    listing = {param["name"] for param in paths["/api/v1/organisations"]["get"]["parameters"]}
    assert {"q", "country", "sector", "verified", "it_park", "page", "page_size"} <= listing
    assert "401" in paths["/api/v1/me"]["get"]["responses"]
    assert "404" in paths["/api/v1/organisations/{organisation_id}"]["get"]["responses"]
    assert schema["components"]["securitySchemes"]["ApiTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    # /me needs a credential; the public lists say theirs is optional (the empty requirement).
    assert {} not in paths["/api/v1/me"]["get"]["security"]
    assert {"ApiTokenAuth": []} in paths["/api/v1/me"]["get"]["security"]
    assert {} in paths["/api/v1/organisations"]["get"]["security"]
    assert {} in paths["/api/v1/organisations/{organisation_id}"]["get"]["security"]


def test_the_schema_has_no_key_twice(client, db):
    """Swagger UI shows an empty page when a JSON object repeats a key (two "200" responses
    once hid every operation); json.loads would silently keep the last one."""
    import json

    repeated = []

    def pairs(items):
        keys = [key for key, _value in items]
        repeated.extend({key for key in keys if keys.count(key) > 1})
        return dict(items)

    schema = json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert not repeated, f"keys written twice: {sorted(set(repeated))}"
    ics = schema["paths"]["/api/v1/knowledge/events/{slug}/event.ics"]["get"]["responses"]["200"]
    assert "text/calendar" in ics["content"]


def test_every_operation_documents_the_rate_limit(client, db):
    """The middleware may answer 429 before any view runs; a client must find it in the
    schema, with the header that says how long to wait."""
    schema = client.get("/api/v1/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) > 50
    for operation in operations:
        refused = operation["responses"]["429"]
        assert "Retry-After" in refused["headers"]
        assert refused["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def refusal_text(client, **headers) -> str:
    schema = client.get("/api/v1/openapi.json", headers=headers).json()
    return schema["paths"]["/api/v1/organisations"]["get"]["responses"]["429"]["description"]


def test_the_documented_limits_are_the_ones_in_force(client, db, settings):
    """The schema is kept once built (it costs 0.6 s): a change of the limits still shows."""
    assert "7/60 per address" not in refusal_text(client)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": ("7/60", "70/60")}
    schema = client.get("/api/v1/openapi.json").json()
    refused = schema["paths"]["/api/v1/organisations"]["get"]["responses"]["429"]
    assert "7/60 per address" in refused["description"]
    assert "70/60 per token" in refused["description"]


def test_the_schema_speaks_the_callers_language_after_another_asked(client, db):
    def description(language: str) -> str:
        schema = client.get("/api/v1/openapi.json", headers={"accept-language": language})
        return schema.json()["info"]["description"]

    english = description("en")
    assert english.startswith("Public data of Creative Bridge.")
    assert description("ru").startswith("Открытые данные «Креативного моста».")
    assert description("en") == english

"""When a query matches a huge share of the catalog, counts are estimates and say so."""

import pytest
from django.core.cache import caches

from bridge.materials.tests import factories_catalog as fc
from bridge.search import selectors

pytestmark = pytest.mark.integration


@pytest.fixture
def data(db):
    return fc.uzbek_catalog()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_estimated_counts_are_marked_on_the_page(client, data, settings, monkeypatch, lang):
    settings.LANGUAGE_CODE = lang
    exact = client.get("/materials/", {"q": "silk"})
    assert "≈" not in exact.content.decode()
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    caches["pages"].clear()  # the engine changed, not the data: no version saw it
    page = client.get("/materials/", {"q": "silk"}, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert ("about" if lang == "en" else "около") in page
    assert 'class="facet-count">≈' in page


def test_the_api_says_when_counts_are_estimates(client, data, monkeypatch):
    assert client.get("/api/v1/materials", {"q": "silk"}).json()["approximate"] is False
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    caches["pages"].clear()  # the engine changed, not the data: no version saw it
    body = client.get("/api/v1/materials", {"q": "silk"}).json()
    assert body["approximate"] is True
    assert body["count"] >= len(body["items"]) > 0

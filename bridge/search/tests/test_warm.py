"""A web process warms the search before it serves (SearchConfig.warm, called from
bridge.core.runtime.settle): its first search then builds neither the thesaurus nor an index's
vocabulary, which took ~0.5 s of a worker's first search at 100k materials."""

import pytest
from django.apps import apps

from bridge.materials.tests.factories_supplier import published
from bridge.search import thesaurus, typos
from bridge.search.selectors import search

pytestmark = pytest.mark.integration


@pytest.fixture
def cold_process(db):
    """A process that has built nothing yet, with a published material to find."""
    material = published(name="Adras «Tong»", description="Ipak va paxtadan toʻqilgan adras.")
    cached = thesaurus._cached
    thesaurus._cached = None
    typos._cache.clear()
    yield material
    thesaurus._cached = cached
    typos._cache.clear()


@pytest.fixture
def builds(monkeypatch):
    """What a search builds from here on: the thesaurus, or a vocabulary."""
    built = []
    build, vocabulary = thesaurus._build, typos.Vocabulary
    monkeypatch.setattr(thesaurus, "_build", lambda: built.append("thesaurus") or build())
    monkeypatch.setattr(
        typos, "Vocabulary", lambda *args: built.append("vocabulary") or vocabulary(*args)
    )
    return built


def test_a_warmed_process_finds_across_scripts_and_typos_building_nothing(cold_process, builds):
    apps.get_app_config("search").warm()
    builds.clear()
    # Cyrillic Uzbek for a Latin listing (the thesaurus), and a misspelt name (the vocabulary)
    assert search(key="materials", q="ипак").ids == [cold_process.pk]
    assert search(key="materials", q="adrass").ids == [cold_process.pk]
    assert builds == []


def test_a_cold_process_builds_both_in_its_first_search(cold_process, builds):
    assert search(key="materials", q="adrass").ids == [cold_process.pk]
    assert "thesaurus" in builds and "vocabulary" in builds

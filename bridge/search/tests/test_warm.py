"""A web process warms the search before it serves (SearchConfig.warm, called from
bridge.core.runtime.settle): its first search then builds neither the thesaurus nor an index's
vocabulary, which took ~0.5 s of a worker's first search at 100k materials."""

import pytest
from django.apps import apps

from bridge.search import registry, thesaurus, typos
from bridge.search.registry import Document
from bridge.search.selectors import search

from .engine_support import KEY, DocumentsIndex, add_documents

pytestmark = pytest.mark.integration


@pytest.fixture
def cold_process(db):
    """A process that has built nothing yet, with the real thesaurus and a listing to find;
    yields the listing's id."""
    index = DocumentsIndex()
    registry.register(index)
    (listing,) = add_documents(
        index,
        [Document(title="Adras «Tong»", body="Ipak va paxtadan toʻqilgan adras.", language="uz")],
    )
    cached = thesaurus._cached
    thesaurus._cached = None
    typos._cache.clear()
    yield listing
    thesaurus._cached = cached
    typos._cache.clear()
    registry._INDEXES.pop(KEY, None)


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
    assert search(key=KEY, q="ипак").ids == [cold_process]
    assert search(key=KEY, q="adrass").ids == [cold_process]
    assert builds == []


def test_a_cold_process_builds_both_in_its_first_search(cold_process, builds):
    assert search(key=KEY, q="adrass").ids == [cold_process]
    assert "thesaurus" in builds and "vocabulary" in builds

"""SQLite's index of facet pairs (migration 0016): a filter without words takes the entries
holding the chosen values from search_facets, instead of testing every entry of the index
(issue 14). Triggers keep it in step with the entries; the filter's own test still runs on
what it lets through, so a token shared by two pairs cannot let a wrong row into the results."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bridge.search import selectors
from bridge.search.backends import sqlite
from bridge.search.models import SearchEntry
from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.services import search_index_remove, search_index_update

from .engine_support import KEY, add_documents, copy_entries, migrate_search
from .test_narrowed import catalog  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL has a GIN index"),
]


def _documents() -> list[Document]:
    return [
        Document(title="Silk scarf", facets={"country": ["UZ"], "fibre": ["silk"]}),
        Document(title="Wool scarf", facets={"country": ["UZ"], "fibre": ["wool"]}),
        Document(title="Plain scarf"),
        # a value that starts another: only a whole value matches
        Document(title="Uzbek felt", facets={"country": ["UZB"], "fibre": ["wool"]}),
        Document(title="Kazakh felt", facets={"country": ["KZ"], "fibre": ["wool"]}),
    ]


def _found(**filters) -> list[int]:
    return sorted(search(key=KEY, filters=filters).ids)


def test_a_filter_without_words_finds_the_objects_holding_its_values(index):
    silk, wool, _plain, uzb, kz = add_documents(index, _documents())
    assert _found(country=["UZ"]) == [silk, wool]
    assert _found(country=["UZ", "KZ"]) == [silk, wool, kz]
    assert _found(country=["UZ"], fibre=["wool"]) == [wool]
    assert _found(fibre=["wool"], country=["UZB", "KZ"]) == [uzb, kz]
    assert _found(country=["RU"]) == []


def test_the_filter_reads_the_pairs_index(index):
    add_documents(index, _documents())
    with CaptureQueriesContext(connection) as queries:
        search(key=KEY, filters={"country": ["UZ"]})
    listed = [q["sql"] for q in queries if "COUNT(*) OVER" in q["sql"]]  # sql.page_sql
    assert listed and all("search_facets MATCH" in sql for sql in listed)


def test_the_pairs_index_follows_every_write(index):
    silk, wool, plain, uzb, kz = add_documents(index, _documents())
    index.documents[silk] = Document(title="Silk scarf", facets={"country": ["KZ"]})
    search_index_update(key=KEY, objects=Group.objects.filter(pk=silk))  # re-indexed
    assert silk not in _found(country=["UZ"]) and silk in _found(country=["KZ"])

    SearchEntry.objects.filter(object_id=plain).update(facet_values="country\x1fRU")
    assert _found(country=["RU"]) == [plain]

    search_index_remove(key=KEY, ids=[wool])
    assert _found(country=["UZ"]) == []
    assert _found(fibre=["wool"]) == [uzb, kz]


def test_a_token_shared_by_every_pair_lets_no_wrong_row_through(index, monkeypatch):
    monkeypatch.setattr(sqlite, "pair_token", lambda pair: "fsame")
    silk, wool, _plain, uzb, kz = add_documents(index, _documents())
    assert _found(country=["UZ"]) == [silk, wool]
    assert _found(fibre=["wool"], country=["KZ"]) == [kz]
    search_index_remove(key=KEY, ids=[silk, uzb])  # forgotten by the same tokens
    assert _found(country=["UZ"]) == [wool]


@pytest.mark.django_db(transaction=True)
def test_the_migration_indexes_the_entries_written_before_it(transactional_db, index):
    first = add_documents(index, _documents())
    migrate_search("0015_postgres_facet_pairs")
    try:
        assert "search_facets" not in connection.introspection.table_names()
        later = copy_entries(first)  # written while no trigger fills it
    finally:
        migrate_search(None)
    assert _found(country=["UZ"]) == sorted([*first[:2], *later[:2]])
    search_index_remove(key=KEY, ids=[first[0], later[1]])
    assert _found(country=["UZ"]) == sorted([first[1], later[0]])


def _searched(**kwargs) -> tuple[selectors.SearchResult, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        result = search(key=KEY, **kwargs)
    return result, [q["sql"] for q in queries]


@pytest.mark.usefixtures("catalog")
def test_with_words_it_narrows_the_matches_only_when_the_filter_holds_fewer(monkeypatch):
    # 80 entries: "fabric" matches all, "silk" every other one; 8 are the rare supplier's
    exact, _ = _searched(q="fabric", filters={"supplier": ["rare"]})
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 30)  # 80 and 40 matches are "many"
    narrowed, statements = _searched(q="fabric", filters={"supplier": ["rare"]})
    assert narrowed.ids == exact.ids and narrowed.count == exact.count == 8
    assert any("search_fts.rowid + 0 IN" in sql for sql in statements)

    # Uzbek or Russian: 54 entries, more than the 40 silk matches: testing them is cheaper
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 5_000)
    exact, _ = _searched(q="silk", filters={"country": ["UZ", "RU"]})
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 30)
    narrowed, statements = _searched(q="silk", filters={"country": ["UZ", "RU"]})
    assert narrowed.ids == exact.ids and narrowed.count == exact.count == 27
    assert not any("search_fts.rowid + 0 IN" in sql for sql in statements)

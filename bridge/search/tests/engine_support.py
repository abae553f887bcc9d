"""Shared by the engine tests: a small thesaurus and an index of arbitrary Documents.

The documents hang off auth Group rows (a real model that no bridge app owns, so queryset()/update/remove behave as
for any client app), but each carries whatever Document the test gives it.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bridge.search import registry
from bridge.search.registry import Document, SearchIndex
from bridge.search.services import search_index_update
from bridge.search.thesaurus import thesaurus_override

TEST_CONCEPTS = [
    {
        "id": "silk",
        "kind": "fibre",
        "ru": ["шёлк", "шелковый"],
        "uz": ["ipak", "shoyi"],
        "en": ["silk"],
    },
    {
        "id": "cotton",
        "kind": "fibre",
        "ru": ["хлопок", "хлопковый"],
        "uz": ["paxta"],
        "en": ["cotton"],
    },
    {"id": "ikat", "kind": "technique", "ru": ["икат"], "uz": ["abrband"], "en": ["ikat"]},
    {
        "id": "atlas",
        "kind": "fabric",
        "broader": ["silk", "ikat"],
        "ru": ["атлас"],
        "uz": ["atlas"],
        "en": ["atlas silk"],
    },
    {
        "id": "xonatlas",
        "kind": "fabric",
        "broader": ["atlas"],
        "ru": ["хан-атлас"],
        "uz": ["xonatlas"],
        "en": ["khan atlas"],
    },
    {
        "id": "adras",
        "kind": "fabric",
        "broader": ["ikat", "silk", "cotton"],
        "ru": ["адрас"],
        "uz": ["adras"],
        "en": ["adras"],
    },
    {"id": "paper", "kind": "material", "ru": ["бумага"], "uz": ["qogʻoz"], "en": ["paper"]},
    {
        "id": "handmade",
        "kind": "technique",
        "ru": ["ручная работа", "ручной работы"],
        "uz": ["qoʻl mehnati"],
        "en": ["handmade", "hand made"],
    },
    {
        "id": "ceramics",
        "kind": "material",
        "ru": ["керамика"],
        "uz": ["kulolchilik"],
        "en": ["ceramics", "pottery"],
    },
]

KEY = "engine-test"


class DocumentsIndex(SearchIndex):
    key = KEY
    model = Group

    def __init__(self) -> None:
        self.documents: dict[int, Document] = {}

    def queryset(self):
        return Group.objects.filter(pk__in=list(self.documents))

    def document(self, obj) -> Document:
        return self.documents[obj.pk]


@pytest.fixture
def test_thesaurus():
    with thesaurus_override(TEST_CONCEPTS) as thesaurus:
        yield thesaurus


@pytest.fixture
def index(db, test_thesaurus):
    documents_index = DocumentsIndex()
    registry.register(documents_index)
    yield documents_index
    registry._INDEXES.pop(KEY, None)


def add_documents(index: DocumentsIndex, documents: list[Document]) -> list[int]:
    """Index ``documents``; returns their ids in the same order."""
    start = Group.objects.count()
    rows = Group.objects.bulk_create(Group(name=f"doc {start + n}") for n in range(len(documents)))
    for row, document in zip(rows, documents, strict=True):
        index.documents[row.pk] = document
    search_index_update(key=index.key, objects=rows)
    return [row.pk for row in rows]


def facet_pairs(packed: str) -> list[tuple[str, str]]:
    """An entry's facet_values → its (facet, value) pairs, in their order."""
    return [tuple(pair.split("\x1f", 1)) for pair in packed.split("\x1e") if pair]


def migrate_search(target: str | None) -> None:
    """To ``target``, or None: to the latest, which the tests that follow need."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("search", target)] if target else executor.loader.graph.leaf_nodes("search"))


def copy_entries(object_ids: list[int], offset: int = 1_000) -> list[int]:
    """Copies of these objects' entries under object id + ``offset``, written in SQL with the
    columns every schema since 0011 has: for a test that writes while an earlier migration is
    applied (the code's own writes name later columns). Returns the copies' object ids."""
    columns = (
        "index_key, title, keywords, body, display_title, display_body, language, "
        "facet_values, anchored"
    )
    marks = ", ".join(["%s"] * len(object_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO search_searchentry (object_id, {columns}) "  # noqa: S608
            f"SELECT object_id + %s, {columns} FROM search_searchentry "
            f"WHERE object_id IN ({marks}) ORDER BY id",
            [offset, *object_ids],
        )
    return [object_id + offset for object_id in object_ids]

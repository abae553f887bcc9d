"""Token strings and display bodies stored deflated on SQLite (stored.py, migration 0017):
what a reader gets back is the text that was written, and search finds, forgets and
re-finds entries through the contentless full-text table as before."""

import random

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from bridge.search.models import SearchEntry
from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.services import search_index_remove, search_index_update
from bridge.search.stored import pack, unpack

from .engine_support import KEY, add_documents, migrate_search

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL stores the text as it is"
)
LONG = (
    "Hand-woven khan atlas of natural silk from Margilan, dyed in the abr technique; "
    "shoyi atlas qoʻlda toʻqilgan, шёлк ручной работы для платьев и интерьера"
)


def test_every_text_comes_back_as_it_was_written():
    alphabet = "abcxyz s_c_-ʻʼ'`‘’ шёлкҚўғҳ\u00e9\u200b\n"
    rng = random.Random(14)
    texts = ["", "a", LONG, LONG * 30]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(200))) for _ in range(500)]
    for text in texts:
        assert unpack(pack(text)) == text
    assert isinstance(pack(LONG * 3), bytes) and len(pack(LONG * 3)) < len(LONG * 3)
    assert pack("silk scarf") == "silk scarf"  # too short to gain: stays text


def _stored_types() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT typeof(body), typeof(display_body) FROM search_searchentry")
        return {kind for row in cursor.fetchall() for kind in row}


def _fts_is_sound() -> None:
    with connection.cursor() as cursor:  # raises where the index disagrees with itself
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 0)")


@sqlite_only
def test_search_finds_forgets_and_refinds_deflated_entries(index):
    ids = add_documents(
        index,
        [
            Document(title="Khan atlas", body=LONG + " mippetron"),
            Document(title="Plain cotton", body="Plain weave cotton. " * 10),
        ],
    )
    assert _stored_types() == {"blob"}
    entry = SearchEntry.objects.get(index_key=KEY, object_id=ids[0])
    assert "mippetron" in entry.body.split() and entry.display_body == LONG + " mippetron"
    assert search(key=KEY, q="mippetron").ids == [ids[0]]

    index.documents[ids[0]] = Document(title="Khan atlas", body=LONG + " gravlonic")
    search_index_update(key=KEY, objects=Group.objects.filter(pk=ids[0]))
    assert search(key=KEY, q="mippetron").ids == []  # the old tokens left the index
    assert search(key=KEY, q="gravlonic").ids == [ids[0]]

    search_index_remove(key=KEY, ids=[ids[0]])
    assert search(key=KEY, q="gravlonic").ids == []
    assert search(key=KEY, q="cotton").ids == [ids[1]]
    _fts_is_sound()


@sqlite_only
def test_an_orm_update_is_stored_deflated_and_reindexed(index):
    (object_id,) = add_documents(index, [Document(title="Suzani", body=LONG)])
    SearchEntry.objects.filter(object_id=object_id).update(body=LONG + " zardozivek")
    assert _stored_types() == {"blob"}
    assert search(key=KEY, q="zardozivek").ids == [object_id]
    _fts_is_sound()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_migration_packs_what_was_written_before_and_going_back_unpacks(
    transactional_db, index
):
    first = add_documents(index, [Document(title="Rishtan bowl", body=LONG + " ceramovka")])
    later = add_documents(index, [Document(title="Abr scarf", body=LONG + " ceramovka")])
    migrate_search("0016_sqlite_facet_tokens")
    try:
        # (This code reads columns added later: the old schema is checked, not searched.)
        assert _stored_types() == {"text"}
    finally:
        migrate_search(None)
    assert _stored_types() == {"blob"}
    assert sorted(search(key=KEY, q="ceramovka").ids) == sorted(first + later)
    search_index_remove(key=KEY, ids=first)  # forgets by the tokens the migration gave it
    assert search(key=KEY, q="ceramovka").ids == later
    _fts_is_sound()

"""The index writers of bridge/search/services.py with exact expected rows (issue 18, mutation
testing): what search_index_documents, search_index_update, search_index_remove and
search_rebuild leave in search_searchentry (its packed facets too) / searchnumber / searchhead /
searchword after each call, the counts they return, how they batch (WRITE_BATCH, BATCH), how
duplicates in a batch are treated, the prune of head postings to head.KEEP, progress
reporting, the "search" version bump, and what a second call changes."""

import pytest
from django.contrib.auth.models import Group

from bridge.search import head, registry, services
from bridge.search.backends import backend
from bridge.search.models import SearchEntry, SearchHead, SearchNumber, SearchWord
from bridge.search.registry import Document
from bridge.search.services import (
    search_index_documents,
    search_index_remove,
    search_index_update,
    search_rebuild,
)

from .engine_support import KEY, DocumentsIndex, facet_pairs

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

OTHER = "engine-test-b"
SILK = {"silk", "s_silk", "c_silk"}
SCARF = {"scarf", "s_scarf"}


class OtherIndex(DocumentsIndex):
    key = OTHER


@pytest.fixture
def other(index):
    other_index = OtherIndex()
    registry.register(other_index)
    yield other_index
    registry._INDEXES.pop(OTHER, None)


@pytest.fixture
def bumps(monkeypatch):
    calls = []
    monkeypatch.setattr(services, "bump", lambda *names: calls.append(names))
    return calls


def groups(index, documents):
    """Objects in ``index``'s queryset carrying ``documents``, not indexed yet."""
    start = Group.objects.count()
    rows = Group.objects.bulk_create(Group(name=f"svc {start + n}") for n in range(len(documents)))
    for row, document in zip(rows, documents, strict=True):
        index.documents[row.pk] = document
    return rows


def entries(key=KEY):
    return dict(SearchEntry.objects.filter(index_key=key).values_list("object_id", "display_title"))


def facets(key=KEY):
    rows = SearchEntry.objects.filter(index_key=key).values_list("object_id", "facet_values")
    return sorted((object_id, *pair) for object_id, packed in rows for pair in facet_pairs(packed))


def numbers(key=KEY):
    return sorted(
        SearchNumber.objects.filter(index_key=key).values_list("object_id", "name", "value")
    )


def tokens(object_id, key=KEY):
    return set(
        SearchHead.objects.filter(index_key=key, object_id=object_id).values_list(
            "token", flat=True
        )
    )


def heads(key=KEY):
    return set(SearchHead.objects.filter(index_key=key).values_list("token", "object_id"))


def words(key=KEY):
    return set(SearchWord.objects.filter(index_key=key).values_list("word", flat=True))


# search_index_documents ------------------------------------------------------------------


def test_one_document_writes_exact_rows_in_every_table(index, bumps):
    document = Document(
        title="Silk scarf",
        keywords="red",
        body="Warm wool",
        language="en",
        facets={"colour": ["red", "red", "blue"]},
        numbers={"price": 3, "weight": None, "stock": 0},
    )
    assert search_index_documents(key=KEY, documents=[(7, document)]) == 1
    assert bumps == [("search",)]
    row = SearchEntry.objects.get(index_key=KEY)
    assert (row.object_id, row.title, row.keywords, row.body) == (
        7,
        "silk scarf s_silk s_scarf c_silk",
        "red s_red",
        "warm wool s_warm s_wool",
    )
    assert (row.display_title, row.display_body, row.language) == (
        "Silk scarf",
        "Warm wool",
        "en",
    )
    assert row.facet_values == "colour\x1fred\x1ecolour\x1fblue"
    assert row.anchored is False  # the description does not speak of silk or scarves
    assert row.body_words == 2  # "warm wool": what the re-ranker damps the description by
    assert facets() == [(7, "colour", "blue"), (7, "colour", "red")]
    # None is left out; 0 is a number like any other.
    assert numbers() == [(7, "price", 3.0), (7, "stock", 0.0)]
    assert sorted(SearchHead.objects.filter(index_key=KEY).values_list("token", "impact")) == [
        ("c_silk", 13636),
        ("red", 19608),
        ("s_red", 14706),
        ("s_scarf", 20455),
        ("s_silk", 20455),
        ("scarf", 27273),
        ("silk", 27273),
    ]
    assert words() == {
        "red",
        "s_scarf",
        "s_silk",
        "s_warm",
        "s_wool",
        "scarf",
        "silk",
        "warm",
        "wool",
    }


def test_values_are_cut_and_cleaned_and_defaults_filled(index):
    long_facet = "f" * 45
    document = Document(
        title="T" * 1005,
        body="b" * 4005,
        facets={long_facet: ["v" * 105, "a\x1fb\x1ec", 5]},
        numbers={"n" * 45: 2},
    )
    search_index_documents(key=KEY, documents=[(3, document)])
    row = SearchEntry.objects.get(index_key=KEY, object_id=3)
    assert row.display_title == "T" * 1000
    assert row.display_body == "b" * 4000
    assert row.language == ""
    assert facets() == [(3, "f" * 40, "5"), (3, "f" * 40, "a b c"), (3, "f" * 40, "v" * 100)]
    assert row.facet_values == "\x1e".join(
        "f" * 40 + "\x1f" + value for value in ("v" * 100, "a b c", "5")
    )
    assert numbers() == [(3, "n" * 40, 2.0)]


def test_an_entry_without_a_description_is_anchored(index):
    search_index_documents(
        key=KEY,
        documents=[
            (1, Document(title="Silk scarf")),
            (2, Document(title="Silk scarf", body="Silk scarf from Margilan")),
            (3, Document(title="Silk scarf", body="Pottery and ceramics")),
        ],
    )
    assert dict(SearchEntry.objects.values_list("object_id", "anchored")) == {
        1: True,
        2: True,
        3: False,
    }
    assert dict(SearchEntry.objects.values_list("object_id", "body_words")) == {1: 0, 2: 4, 3: 3}


def test_a_second_call_replaces_the_rows_of_the_same_ids_and_leaves_the_others(index, bumps):
    search_index_documents(
        key=KEY,
        documents=[
            (1, Document(title="Silk scarf", facets={"c": ["red"]}, numbers={"p": 1})),
            (2, Document(title="Silk", facets={"c": ["blue"]}, numbers={"p": 2})),
        ],
    )
    assert search_index_documents(key=KEY, documents=[(1, Document(title="Cotton"))]) == 1
    assert bumps == [("search",), ("search",)]
    assert entries() == {1: "Cotton", 2: "Silk"}
    assert SearchEntry.objects.filter(index_key=KEY).count() == 2
    assert facets() == [(2, "c", "blue")]
    assert numbers() == [(2, "p", 2.0)]
    assert tokens(1) == {"cotton", "s_cotton", "c_cotton"}
    assert tokens(2) == SILK
    # The vocabulary only grows between rebuilds.
    assert {"scarf", "silk", "cotton"} <= words()


def test_a_duplicate_id_in_one_batch_is_written_once_with_its_last_document(index):
    written = search_index_documents(
        key=KEY,
        documents=[
            (5, Document(title="Silk", facets={"c": ["red"]})),
            (4, Document(title="Scarf")),
            (5, Document(title="Cotton", facets={"c": ["blue"]})),
        ],
    )
    assert written == 2
    # Written in the order the ids first came.
    assert list(SearchEntry.objects.order_by("id").values_list("object_id", "display_title")) == [
        (5, "Cotton"),
        (4, "Scarf"),
    ]
    assert facets() == [(5, "c", "blue")]
    assert tokens(5) == {"cotton", "s_cotton", "c_cotton"}


def test_documents_are_written_write_batch_at_a_time(index, monkeypatch):
    monkeypatch.setattr(services, "WRITE_BATCH", 2)
    batches = []
    replace = services.Indexing.replace

    def spy(self, batch):
        batches.append([object_id for object_id, _ in batch])
        return replace(self, batch)

    monkeypatch.setattr(services.Indexing, "replace", spy)
    documents = [(n, Document(title=f"Silk {n}")) for n in (9, 8, 7, 6, 5)]
    assert search_index_documents(key=KEY, documents=documents) == 5
    assert batches == [[9, 8], [7, 6], [5]]
    assert set(entries()) == {5, 6, 7, 8, 9}

    batches.clear()
    assert search_index_documents(key=KEY, documents=documents[:4]) == 4
    assert batches == [[9, 8], [7, 6], []]
    assert SearchEntry.objects.filter(index_key=KEY).count() == 5


def test_an_id_in_two_batches_is_counted_twice_and_written_once(index, monkeypatch):
    monkeypatch.setattr(services, "WRITE_BATCH", 2)
    written = search_index_documents(
        key=KEY,
        documents=[
            (1, Document(title="Silk", numbers={"p": 1})),
            (2, Document(title="Scarf")),
            (1, Document(title="Cotton", numbers={"p": 9})),
        ],
    )
    assert written == 3
    assert entries() == {1: "Cotton", 2: "Scarf"}
    assert numbers() == [(1, "p", 9.0)]
    assert tokens(1) == {"cotton", "s_cotton", "c_cotton"}


def test_vocabulary_words_are_sent_once_per_call_sorted(index, monkeypatch):
    monkeypatch.setattr(services, "WRITE_BATCH", 1)
    sent = []
    real = type(backend()).add_words

    def spy(self, cursor, key, words):
        sent.append((key, list(words)))
        return real(self, cursor, key, words)

    monkeypatch.setattr(type(backend()), "add_words", spy)
    search_index_documents(
        key=KEY,
        documents=[(1, Document(title="Wool scarf")), (2, Document(title="Wool silk"))],
    )
    assert sent == [
        (KEY, ["s_scarf", "s_wool", "scarf", "wool"]),
        (KEY, ["s_silk", "silk"]),
    ]
    assert words() == {"s_scarf", "s_wool", "scarf", "wool", "s_silk", "silk"}


def test_head_lists_are_pruned_to_keep_once_the_call_is_done(index, monkeypatch):
    monkeypatch.setattr(head, "KEEP", 2)
    monkeypatch.setattr(services, "WRITE_BATCH", 1)
    written = search_index_documents(
        key=KEY, documents=[(n, Document(title="Silk")) for n in (30, 10, 20)]
    )
    assert written == 3
    # Equal impacts: the lower object ids stay.
    assert heads() == {(token, object_id) for token in SILK for object_id in (10, 20)}
    assert set(entries()) == {10, 20, 30}

    # A re-index of the same ids prunes again; an untouched token's list is left alone.
    monkeypatch.setattr(head, "KEEP", 1)
    search_index_documents(key=KEY, documents=[(20, Document(title="Silk"))])
    assert {(t, o) for t, o in heads() if t in SILK} == {(t, 10) for t in SILK}


def test_an_unknown_index_writes_nothing_and_bumps_nothing(index, bumps):
    with pytest.raises(LookupError):
        search_index_documents(key="nope", documents=[(1, Document(title="Silk"))])
    with pytest.raises(LookupError):
        search_index_update(key="nope", objects=[])
    with pytest.raises(LookupError):
        search_index_remove(key="nope", ids=[1])
    assert bumps == []
    assert not SearchEntry.objects.exists()


def test_an_empty_call_writes_nothing_and_returns_zero(index, bumps):
    assert search_index_documents(key=KEY, documents=[]) == 0
    assert bumps == []  # nothing changed: cached result pages stay valid
    assert not SearchEntry.objects.exists()
    assert not SearchWord.objects.exists()


# search_index_update ---------------------------------------------------------------------


def test_update_reindexes_the_objects_and_removes_those_gone_from_the_queryset(
    index, bumps, monkeypatch
):
    monkeypatch.setattr(services, "BATCH", 2)
    rows = groups(
        index,
        [
            Document(title="Silk", facets={"c": ["red"]}, numbers={"p": 1}),
            Document(title="Scarf"),
            Document(title="Cotton"),
        ],
    )
    a, b, c = (row.pk for row in rows)
    assert search_index_update(key=KEY, objects=rows) is None
    assert bumps == [("search",)]
    assert entries() == {a: "Silk", b: "Scarf", c: "Cotton"}

    index.documents[a] = Document(title="Wool", facets={"c": ["grey"]})
    del index.documents[c]
    search_index_update(key=KEY, objects=[rows[0], rows[2], rows[0]])
    assert entries() == {a: "Wool", b: "Scarf"}
    assert facets() == [(a, "c", "grey")]
    assert numbers() == []
    assert tokens(a) == {"wool", "s_wool"}
    assert tokens(b) == SCARF
    assert tokens(c) == set()


def test_update_works_through_batches(index, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 2)
    monkeypatch.setattr(head, "KEEP", 3)
    rows = groups(index, [Document(title="Silk") for _ in range(5)])
    search_index_update(key=KEY, objects=rows)
    ids = sorted(row.pk for row in rows)
    assert set(entries()) == set(ids)
    # Pruned once at the end, across batches: the three lowest ids keep their postings.
    assert heads() == {(t, o) for t in SILK for o in ids[:3]}


# search_index_remove ---------------------------------------------------------------------


def test_remove_deletes_exactly_those_ids_of_that_index(other, bumps, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 2)
    documents = [
        (n, Document(title="Silk scarf", facets={"c": ["red"]}, numbers={"p": n}))
        for n in (1, 2, 3, 4)
    ]
    search_index_documents(key=KEY, documents=documents)
    search_index_documents(key=OTHER, documents=documents[:1])
    vocabulary = words()
    bumps.clear()
    assert search_index_remove(key=KEY, ids=iter([1, 2, 3])) is None
    assert bumps == [("search",)]
    assert set(entries()) == {4}
    assert facets() == [(4, "c", "red")]
    assert numbers() == [(4, "p", 4.0)]
    assert heads() == {(t, 4) for t in SILK | SCARF}
    assert words() == vocabulary  # the vocabulary stays until a rebuild
    assert set(entries(OTHER)) == {1}
    assert facets(OTHER) == [(1, "c", "red")]
    assert numbers(OTHER) == [(1, "p", 1.0)]
    assert heads(OTHER) == {(t, 1) for t in SILK | SCARF}


# search_rebuild --------------------------------------------------------------------------


def test_rebuild_starts_the_index_afresh_and_leaves_other_indexes(index, other, bumps):
    rows = groups(index, [Document(title="Silk", facets={"c": ["red"]})] * 2)
    search_index_documents(
        key=KEY,
        documents=[(999_999, Document(title="Cotton", numbers={"p": 1}, facets={"c": ["x"]}))],
    )
    search_index_documents(key=OTHER, documents=[(999_999, Document(title="Cotton"))])
    bumps.clear()
    assert search_rebuild(key=KEY) == 2
    assert bumps == [("search",)]
    ids = {row.pk for row in rows}
    assert set(entries()) == ids
    assert facets() == sorted((pk, "c", "red") for pk in ids)
    assert numbers() == []
    assert heads() == {(t, o) for t in SILK for o in ids}
    assert words() == {"silk", "s_silk"}
    # The other index is untouched.
    assert set(entries(OTHER)) == {999_999}
    assert tokens(999_999, OTHER) == {"cotton", "s_cotton", "c_cotton"}
    assert "cotton" in words(OTHER)


def test_rebuild_reports_progress_per_batch(index, monkeypatch):
    monkeypatch.setattr(services, "WRITE_BATCH", 2)
    monkeypatch.setattr(head, "KEEP", 1)
    calls = []
    groups(index, [Document(title=f"Silk {n}") for n in range(5)])
    assert search_rebuild(key=KEY, progress=lambda *args: calls.append(args)) == 5
    assert calls == [(0, 5), (2,), (4,), (5,)]
    assert SearchEntry.objects.filter(index_key=KEY).count() == 5
    # Pruned across the batches: one object per shared token.
    assert SearchHead.objects.filter(index_key=KEY, token="silk").count() == 1

    del index.documents[max(index.documents)]
    calls.clear()
    assert search_rebuild(key=KEY, progress=lambda *args: calls.append(args)) == 4
    assert calls == [(0, 4), (2,), (4,), (4,)]
    assert SearchEntry.objects.filter(index_key=KEY).count() == 4


def test_rebuild_of_every_index_counts_them_all(index, other, monkeypatch):
    monkeypatch.setattr(registry, "_INDEXES", {KEY: index, OTHER: other})
    monkeypatch.setattr(services, "WRITE_BATCH", 2)
    first = groups(index, [Document(title="Silk")] * 3)
    second = groups(other, [Document(title="Scarf")] * 2)
    calls = []
    assert search_rebuild(progress=lambda *args: calls.append(args)) == 5
    assert calls == [(0, 5), (2,), (3,), (5,), (5,)]
    assert set(entries()) == {row.pk for row in first}
    assert set(entries(OTHER)) == {row.pk for row in second}
    assert words(OTHER) == {"scarf", "s_scarf"}
    assert search_rebuild() == 5
    assert SearchEntry.objects.count() == 5


def test_rebuild_sends_each_vocabulary_word_once(index, monkeypatch):
    monkeypatch.setattr(services, "WRITE_BATCH", 1)
    sent = []
    real = type(backend()).add_words

    def spy(self, cursor, key, words):
        sent.append(list(words))
        return real(self, cursor, key, words)

    monkeypatch.setattr(type(backend()), "add_words", spy)
    groups(index, [Document(title="Wool scarf"), Document(title="Wool silk")])
    assert search_rebuild(key=KEY) == 2
    # One write per batch (an empty last batch writes nothing), shared words sent once.
    # (Sorted within each batch; which object comes first is the database's choice.)
    assert len(sent) == 2
    assert all(batch == sorted(batch) for batch in sent)
    assert sorted(sent[0] + sent[1]) == ["s_scarf", "s_silk", "s_wool", "scarf", "silk", "wool"]
    assert words() == {"s_scarf", "s_wool", "scarf", "wool", "s_silk", "silk"}

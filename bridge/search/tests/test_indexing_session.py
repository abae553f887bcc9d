"""One indexing call (services.search_indexing): head postings kept in memory, the best
head.KEEP per token, and written when the call ends; analysed fields remembered by the process (documents.fields_for)."""

import random

import pytest

from bridge.search import documents as documents_module
from bridge.search import head, services
from bridge.search.documents import FieldCache, analyse_document, fields_for
from bridge.search.models import SearchEntry, SearchHead
from bridge.search.registry import Document
from bridge.search.services import search_index_documents, search_indexing
from bridge.search.thesaurus import current

from .engine_support import KEY

pytestmark = pytest.mark.integration

WORDS = ["silk", "atlas", "ikat", "cotton", "wool", "felt", "copper", "tray", "scarf", "red"]


def _documents(seed: int, count: int) -> list[tuple[int, Document]]:
    rnd = random.Random(seed)
    return [
        (
            object_id,
            Document(
                title=" ".join(rnd.choices(WORDS, k=rnd.randint(1, 6))),
                keywords=" ".join(rnd.choices(WORDS, k=rnd.randint(0, 3))),
                body=" ".join(rnd.choices(WORDS, k=rnd.randint(0, 8))),
                language="en",
            ),
        )
        for object_id in rnd.sample(range(1, 10_000), count)
    ]


def _heads() -> set[tuple[str, int, int]]:
    return set(SearchHead.objects.filter(index_key=KEY).values_list("token", "impact", "object_id"))


def _best(postings: set[tuple[str, int, int]], keep: int) -> set[tuple[str, int, int]]:
    """What cutting every list to ``keep`` leaves: the highest impacts, then the lower ids."""
    lists: dict[str, list[tuple[str, int, int]]] = {}
    for posting in postings:
        lists.setdefault(posting[0], []).append(posting)
    return {
        posting
        for token_list in lists.values()
        for posting in sorted(token_list, key=lambda p: (-p[1], p[2]))[:keep]
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_heads_written_are_the_best_keep_of_every_list(index, monkeypatch, seed):
    documents = _documents(seed, 60)
    search_index_documents(key=KEY, documents=documents)
    every = _heads()  # KEEP (200) is more than any list holds here
    assert len([p for p in every if p[0] == "silk"]) > 3  # lists longer than KEEP below

    SearchHead.objects.all().delete()
    SearchEntry.objects.all().delete()
    monkeypatch.setattr(head, "KEEP", 3)
    monkeypatch.setattr(services, "WRITE_BATCH", 7)
    # Two calls: the second's best meet the lists the first one left.
    search_index_documents(key=KEY, documents=documents[:25])
    search_index_documents(key=KEY, documents=documents[25:])
    assert _heads() == _best(every, 3)


def test_an_object_indexed_twice_in_one_call_keeps_only_its_last_postings(index):
    with search_indexing(key=KEY) as indexing:
        indexing.replace([(7, Document(title="copper tray", language="en"))])
        indexing.replace([(7, Document(title="brass tray", language="en"))])
    tokens = set(SearchHead.objects.filter(object_id=7).values_list("token", flat=True))
    assert "brass" in tokens and "copper" not in tokens
    assert SearchEntry.objects.filter(index_key=KEY, object_id=7).count() == 1


def test_a_call_that_raises_writes_nothing(index):
    with pytest.raises(RuntimeError), search_indexing(key=KEY) as indexing:
        indexing.replace([(7, Document(title="copper tray", language="en"))])
        raise RuntimeError
    assert not SearchEntry.objects.exists()
    assert not SearchHead.objects.exists()


def test_fields_from_the_cache_are_the_fields_analysed_afresh(index):
    thesaurus = current()
    cache = FieldCache(thesaurus)
    documents = [document for _id, document in _documents(4, 80)] * 2
    for document in documents:
        assert analyse_document(document, thesaurus, cache) == analyse_document(document, thesaurus)
    assert 0 < len(cache) < 3 * len(documents)


def test_the_cache_keeps_no_long_text_and_starts_afresh_when_full(monkeypatch):
    monkeypatch.setattr(documents_module, "CACHED_FIELDS", 2)
    cache = FieldCache()
    cache.remember(("x" * (documents_module.CACHED_FIELD_CHARS + 1), "en"), ("x", set()))
    assert not cache
    for text in ("a", "b", "c"):
        cache.remember((text, "en"), (text, set()))
    assert sorted(key for key, _language in cache) == ["c"]
    monkeypatch.setattr(documents_module, "CACHED_FIELDS", 100)
    monkeypatch.setattr(documents_module, "CACHED_CHARS", 10)
    cache.remember(("dddd", "en"), ("dddd", set()))  # 1 + 1 + 8 characters: still room
    cache.remember(("e", "en"), ("e", set()))
    assert sorted(key for key, _language in cache) == ["e"]


def test_the_next_indexing_call_finds_the_fields_the_last_one_analysed(index):
    with search_indexing(key=KEY) as indexing:
        indexing.replace([(1, Document(title="silk scarf", language="en"))])
    cache = fields_for(current())
    assert ("silk scarf", "en") in cache
    with search_indexing(key=KEY) as indexing:
        indexing.replace([(2, Document(title="silk scarf", language="en"))])
    assert fields_for(current()) is cache
    titles = dict(SearchEntry.objects.values_list("object_id", "title"))
    assert titles[1] == titles[2]


def test_a_new_thesaurus_gets_a_cache_of_its_own(index):
    with search_indexing(key=KEY) as indexing:
        indexing.replace([(1, Document(title="silk scarf", language="en"))])
    before = fields_for(current())
    assert before
    other = object()
    assert fields_for(other) is not before
    assert not fields_for(other)
    assert fields_for(current()).thesaurus is current()

"""Writes to the search index. Client apps call these inside their own transaction, so the
index changes (or rolls back) with the rows it describes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Model

from bridge.core.versions import bump
from bridge.search import head, registry
from bridge.search.backends import backend
from bridge.search.documents import MAX_DISPLAY_BODY, analyse_document, fields_for
from bridge.search.models import (
    SearchEntry,
    SearchHead,
    SearchNumber,
    SearchWord,
    pack_facets,
    without_separators,
)
from bridge.search.registry import Document
from bridge.search.rerank import anchored, plain_words
from bridge.search.stored import packing
from bridge.search.thesaurus import current

BATCH = 500
WRITE_BATCH = 2_000

# The columns of the rows _rows makes, in their order.
_ENTRY_COLUMNS = (
    "index_key", "object_id", "title", "keywords", "body", "display_title", "display_body",
    "language", "facet_values", "anchored", "body_words",
)  # fmt: skip
_NUMBER_COLUMNS = ("index_key", "object_id", "name", "value")


def _delete(key: str, ids: list[int]) -> None:
    with connection.cursor() as cursor:
        # First: it finds the postings through the entries, and which ids have any.
        ids = head.forget(cursor, key, ids)
    if not ids:
        # An object's numbers are written with its entry: without one it has none. (Deleting
        # numbers by object reads every number of the index: ~26 ms a batch at 100,000.)
        return
    for model in (SearchEntry, SearchNumber):
        model.objects.filter(index_key=key, object_id__in=ids).delete()


def _rows(key: str, documents: list[tuple[int, Document]]):
    """Analyse ``documents`` → (entry rows, number rows, (object id, token strings) for the
    head postings, vocabulary words). Facet values live only in the entry, packed (migration
    0012)."""
    thesaurus = current()
    cache = fields_for(thesaurus)
    entries, numbers, heads, words = [], [], [], set()
    store = packing(connection)
    for object_id, document in documents:
        analysed = analyse_document(document, thesaurus, cache)
        words |= analysed.words
        strings = {"title": analysed.title, "keywords": analysed.keywords, "body": analysed.body}
        # Separator characters inside a value would corrupt the packed form: they go.
        pairs = [
            (facet[:40], without_separators(str(v)[:100]))
            for facet, values in document.facets.items()
            for v in dict.fromkeys(values)
        ]
        entries.append(
            (
                key,
                object_id,
                analysed.title,
                analysed.keywords,
                store(analysed.body),
                document.title[:1000],
                store(document.body[:MAX_DISPLAY_BODY]),
                document.language or "",
                pack_facets(pairs),
                anchored(strings),
                plain_words(analysed.body),
            )
        )
        heads.append((object_id, strings))
        numbers += [
            (key, object_id, name[:40], float(value))
            for name, value in document.numbers.items()
            if value is not None
        ]
    return entries, numbers, heads, words


class Indexing:
    """One indexing call's writes (search_indexing). Entries and numbers are written batch by
    batch; each vocabulary word once; the head postings are kept in memory, the best KEEP per
    token (head.Best), and written at finish(), when their lists are cut once. Cutting after
    every batch read a common token's list once per batch: at 20,000 imported rows the cuts
    and the rows they deleted were 6.2 of 9.7 s of SQL."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.index = registry.get(key)
        self.known: set[str] = set()  # vocabulary words written by this call
        self.head = head.Best()
        self.changed = False  # cached result pages are stale once anything is written

    def add(self, documents: list[tuple[int, Document]]) -> None:
        """Write the rows of documents that have none, a few statements per table."""
        if not documents:
            return
        self.changed = True
        entries, numbers, heads, words = _rows(self.key, documents)
        words -= self.known
        self.known |= words
        for object_id, strings in heads:
            self.head.add(object_id, strings)
        with connection.cursor() as cursor:
            backend().add_rows(cursor, SearchEntry._meta.db_table, _ENTRY_COLUMNS, entries)
            backend().add_rows(cursor, SearchNumber._meta.db_table, _NUMBER_COLUMNS, numbers)
            # Raw rows, not models: a batch of 2,000 documents brings ~30,000 words, nearly
            # all known already; building a model for each was a fifth of the indexing time.
            backend().add_words(cursor, self.key, sorted(words))

    def replace(self, documents: list[tuple[int, Document]]) -> int:
        """(Re-)index ready-made Documents by object id; returns how many."""
        documents = list(dict(documents).items())
        if documents:
            self.remove([object_id for object_id, _ in documents])
            self.add(documents)
        return len(documents)

    def update(self, objects: Iterable[Model]) -> None:
        """Re-index ``objects``; those no longer in the index's queryset are removed."""
        ids = list(dict.fromkeys(obj.pk for obj in objects))
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            present = list(self.index.queryset().filter(pk__in=chunk))
            self.remove(chunk)
            self.add(self.index.documents_of(present))

    def write(self, objects: list[Model]) -> None:
        """Index objects as they are: complete and current, such as rows just written from
        memory. Nothing is read again, and nothing is checked against the queryset."""
        for start in range(0, len(objects), BATCH):
            chunk = objects[start : start + BATCH]
            self.remove([obj.pk for obj in chunk])
            self.add(self.index.documents_of(chunk))

    def remove(self, ids: list[int]) -> None:
        """Delete these objects' rows (an id without an entry costs one read)."""
        if not ids:
            return
        self.changed = True
        if not self.head.objects.isdisjoint(ids):
            # Their postings wait in memory, where deleting their entries cannot reach them.
            self._write_head()
        for start in range(0, len(ids), BATCH):
            _delete(self.key, ids[start : start + BATCH])

    def clear(self) -> None:
        """Delete every row of the index (a rebuild)."""
        self.changed = True
        self.head.clear()
        for model in (SearchEntry, SearchNumber, SearchWord, SearchHead):
            model.objects.filter(index_key=self.key).delete()

    def finish(self) -> None:
        self._write_head()
        if self.changed:
            bump("search")  # cached pages that list search results (bridge.core.versions)

    def _write_head(self) -> None:
        tokens = self.head.tokens()
        with connection.cursor() as cursor:
            if tokens:
                head.lock(cursor, self.key)
            lists = head.lists(cursor, self.key, tokens)
            rows = self.head.rows(self.key, lists.last)
            head.write(cursor, rows)
            head.prune(cursor, self.key, lists.overflowing(token for _key, token, *_ in rows))
        self.head.clear()


@contextmanager
def search_indexing(*, key: str) -> Iterator[Indexing]:
    """Index in one transaction: ``with search_indexing(key=…) as indexing: indexing.update(…)``.
    For callers that index in several steps (an import, batch by batch); nothing of the head
    is written if the block raises."""
    indexing = Indexing(key)
    with transaction.atomic():
        yield indexing
        indexing.finish()


def search_index_documents(*, key: str, documents: Iterable[tuple[int, Document]]) -> int:
    """The bulk path: (re-)index ready-made Documents by object id, WRITE_BATCH at a time
    (one delete and one executemany per table per batch). Returns how many were written.
    For importers that already hold the Documents, and for the benchmark."""
    total = 0
    with search_indexing(key=key) as indexing:
        batch: list[tuple[int, Document]] = []
        for pair in documents:
            batch.append(pair)
            if len(batch) == WRITE_BATCH:
                total += indexing.replace(batch)
                batch = []
        total += indexing.replace(batch)
    return total


def search_index_update(*, key: str, objects: Iterable[Model]) -> None:
    """Re-index ``objects``; those no longer in the index's queryset are removed."""
    with search_indexing(key=key) as indexing:
        indexing.update(objects)


def search_index_remove(*, key: str, ids: Iterable[int]) -> None:
    """Delete these objects from the index (the vocabulary stays until a rebuild)."""
    with search_indexing(key=key) as indexing:
        indexing.remove(list(ids))


def search_rebuild(*, key: str | None = None, progress=None) -> int:
    """Re-index every object of one index (or all); returns how many were indexed.

    `progress(done, total)` (bridge.core.progress) is told the objects indexed, per batch."""
    keys = [key] if key else registry.all_keys()
    if progress is not None:
        progress(0, sum(registry.get(k).queryset().count() for k in keys))
    total = 0
    for index_key in keys:
        with search_indexing(key=index_key) as indexing:
            indexing.clear()
            batch: list[Model] = []
            for obj in indexing.index.queryset().iterator(chunk_size=BATCH):
                batch.append(obj)
                if len(batch) == WRITE_BATCH:
                    indexing.add(indexing.index.documents_of(batch))
                    total += len(batch)
                    batch = []
                    if progress is not None:
                        progress(total)
            indexing.add(indexing.index.documents_of(batch))
            total += len(batch)
            if progress is not None:
                progress(total)
    return total

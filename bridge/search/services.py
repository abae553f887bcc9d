"""Writes to the search index. Client apps call these inside their own transaction, so the
index changes (or rolls back) with the rows it describes."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Model

from bridge.core.versions import bump
from bridge.search import head, registry
from bridge.search.backends import backend
from bridge.search.documents import MAX_DISPLAY_BODY, analyse_document
from bridge.search.models import (
    SearchEntry,
    SearchHead,
    SearchNumber,
    SearchWord,
    pack_facets,
    without_separators,
)
from bridge.search.registry import Document
from bridge.search.rerank import anchored
from bridge.search.thesaurus import current

BATCH = 500
WRITE_BATCH = 2_000

_ENTRY_SQL = (
    "INSERT INTO search_searchentry (index_key, object_id, title, keywords, body, "
    "display_title, display_body, language, facet_values, anchored) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_NUMBER_SQL = (
    "INSERT INTO search_searchnumber (index_key, object_id, name, value) VALUES (%s, %s, %s, %s)"
)


def _delete(key: str, ids: list[int]) -> None:
    with connection.cursor() as cursor:
        head.forget(cursor, key, ids)  # first: it finds the postings through the entries
    for model in (SearchEntry, SearchNumber):
        model.objects.filter(index_key=key, object_id__in=ids).delete()


def _rows(key: str, documents: list[tuple[int, Document]]):
    """Analyse ``documents`` → (entry rows, number rows, head postings, vocabulary words).
    Facet values live only in the entry, packed (migration 0012)."""
    thesaurus = current()
    entries, numbers, postings, words = [], [], [], set()
    for object_id, document in documents:
        analysed = analyse_document(document, thesaurus)
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
                analysed.body,
                document.title[:1000],
                document.body[:MAX_DISPLAY_BODY],
                document.language or "",
                pack_facets(pairs),
                anchored(strings),
            )
        )
        postings += head.postings(key, object_id, strings)
        numbers += [
            (key, object_id, name[:40], float(value))
            for name, value in document.numbers.items()
            if value is not None
        ]
    return entries, numbers, postings, words


def _write(
    key: str, documents: list[tuple[int, Document]], known: set[str] | None = None
) -> set[str]:
    """One executemany per table for the whole batch (the triggers index each entry).
    Returns the tokens whose head lists grew: the caller prunes them once it is done.

    ``known``: vocabulary words written earlier in this transaction, left out and added to."""
    if not documents:
        return set()
    entries, numbers, postings, words = _rows(key, documents)
    if known is not None:
        # Batches of one build share most of their words: each written once (was ~15 % of
        # the indexing time on SQLite).
        words -= known
        known |= words
    with connection.cursor() as cursor:
        cursor.executemany(_ENTRY_SQL, entries)
        head.write(cursor, postings)
        if numbers:
            cursor.executemany(_NUMBER_SQL, numbers)
        # Raw rows, not models: a batch of 2,000 documents brings ~30,000 words, nearly all
        # known already; building a model for each was a fifth of the indexing time.
        backend().add_words(cursor, key, sorted(words))
    return {token for _key, token, _impact, _object in postings}


def _prune(key: str, tokens: set[str]) -> None:
    with connection.cursor() as cursor:
        head.prune(cursor, key, tokens)


@transaction.atomic
def search_index_documents(*, key: str, documents: Iterable[tuple[int, Document]]) -> int:
    """The bulk path: (re-)index ready-made Documents by object id, WRITE_BATCH at a time
    (one delete and one executemany per table per batch). Returns how many were written.
    For importers that already hold the Documents, and for the benchmark."""
    registry.get(key)
    bump("search")  # cached pages that list search results (bridge.core.versions)
    total = 0
    known: set[str] = set()
    tokens: set[str] = set()
    batch: list[tuple[int, Document]] = []
    for pair in documents:
        batch.append(pair)
        if len(batch) == WRITE_BATCH:
            total += _replace(key, batch, tokens, known)
            batch = []
    total += _replace(key, batch, tokens, known)
    _prune(key, tokens)
    return total


def _replace(
    key: str, batch: list[tuple[int, Document]], tokens: set[str], known: set[str] | None = None
) -> int:
    batch = list(dict(batch).items())
    if batch:
        _delete(key, [object_id for object_id, _ in batch])
        tokens |= _write(key, batch, known)
    return len(batch)


@transaction.atomic
def search_index_update(*, key: str, objects: Iterable[Model]) -> None:
    """Re-index ``objects``; those no longer in the index's queryset are removed."""
    index = registry.get(key)
    bump("search")
    ids = list(dict.fromkeys(obj.pk for obj in objects))
    known: set[str] = set()
    tokens: set[str] = set()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        present = list(index.queryset().filter(pk__in=chunk))
        _delete(key, chunk)
        tokens |= _write(key, [(obj.pk, index.document(obj)) for obj in present], known)
    _prune(key, tokens)


@transaction.atomic
def search_index_remove(*, key: str, ids: Iterable[int]) -> None:
    registry.get(key)
    bump("search")
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        _delete(key, ids[start : start + BATCH])


def search_rebuild(*, key: str | None = None, progress=None) -> int:
    """Re-index every object of one index (or all); returns how many were indexed.

    `progress(done, total)` (bridge.core.progress) is told the objects indexed, per batch."""
    bump("search")
    keys = [key] if key else registry.all_keys()
    if progress is not None:
        progress(0, sum(registry.get(k).queryset().count() for k in keys))
    total = 0
    for index_key in keys:
        with transaction.atomic():
            index = registry.get(index_key)
            for model in (SearchEntry, SearchNumber, SearchWord, SearchHead):
                model.objects.filter(index_key=index_key).delete()
            known: set[str] = set()
            tokens: set[str] = set()
            batch: list[tuple[int, Document]] = []
            for obj in index.queryset().iterator(chunk_size=BATCH):
                batch.append((obj.pk, index.document(obj)))
                if len(batch) == WRITE_BATCH:
                    tokens |= _write(index_key, batch, known)
                    total += len(batch)
                    batch = []
                    if progress is not None:
                        progress(total)
            tokens |= _write(index_key, batch, known)
            _prune(index_key, tokens)
            total += len(batch)
            if progress is not None:
                progress(total)
    return total

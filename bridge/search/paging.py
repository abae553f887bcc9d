"""The engine's ranked matches as a sequence of model objects, for Django's Paginator and the
API's `paginate`: both ask for `count()` and then one slice of a page's length."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from django.db.models import QuerySet

from bridge.search.selectors import MAX_PAGE_SIZE, SearchResult, search


class RankedHits(Sequence):
    """Best first. Each page asked for costs one search and one query for its rows; the first
    page also answers count(), so a paginated page costs one search in all."""

    def __init__(self, *, key: str, queryset: QuerySet, per_page: int = 20, **search_kwargs):
        self.key = key
        self.queryset = queryset
        self.per_page = max(1, min(per_page, MAX_PAGE_SIZE))
        self.search_kwargs = search_kwargs
        self._result = lru_cache(maxsize=4)(self._search)

    def _search(self, page: int) -> SearchResult:
        return search(key=self.key, page=page, page_size=self.per_page, **self.search_kwargs)

    def count(self) -> int:
        return self._result(1).count

    def __len__(self) -> int:
        return self.count()

    def _objects(self, page: int) -> list:
        ids = self._result(page).ids
        rows = self.queryset.in_bulk(ids)
        # An entry whose row is gone (or filtered out by the queryset) is skipped.
        return [rows[pk] for pk in ids if pk in rows]

    def __getitem__(self, item):
        if isinstance(item, int):
            if item < 0:
                item += self.count()
            found = self[item : item + 1]
            if not found:
                raise IndexError(item)
            return found[0]
        start, stop, step = item.indices(self.count())
        if start >= stop:
            return []
        first, last = start // self.per_page + 1, (stop - 1) // self.per_page + 1
        objects = [obj for page in range(first, last + 1) for obj in self._objects(page)]
        offset = (first - 1) * self.per_page
        return objects[start - offset : stop - offset : step]

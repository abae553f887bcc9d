"""The Python interface client apps register their models with (see the brief's interface)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class Document:
    title: str  # weight 3
    keywords: str = ""  # weight 2
    body: str = ""  # weight 1
    language: str | None = None  # "ru" | "uz" | "uz-Cyrl" | "en" | None (detect)
    facets: dict[str, list[str]] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Card:
    """How a hit looks where several indexes are shown together (the site-wide search, a
    heritage page, "related" lists): enough to show and link it without knowing its app."""

    title: str
    url: str
    summary: str = ""
    meta: str = ""  # one line under the title: a supplier, a country, dates
    image_url: str = ""
    language: str = ""  # what the title and summary are written in, for a lang attribute


@dataclass(frozen=True)
class Suggestion:
    """One entry in the suggestions shown as one types in the site-wide search box."""

    label: str
    url: str
    language: str = ""  # what the label is written in, for a lang attribute


class SearchIndex(ABC):
    """One subclass per searchable model.

    An index that sets ``label`` and implements ``cards`` is shown in mixed results, in the
    order of ``position``; ``section_url`` is its section's own search ("see all").
    """

    key: str
    model: type[models.Model]
    label: str | Promise = ""  # what people call these things, plural: "Materials"
    position: int = 100
    suggest_label: str | Promise = ""  # what ``suggest`` offers, when not ``label``

    def queryset(self) -> QuerySet:
        return self.model._default_manager.all()

    @abstractmethod
    def document(self, obj) -> Document:
        """What the engine indexes for ``obj``."""

    def documents_of(self, objects: list) -> list[tuple[int, Document]]:
        """(id, Document) of a batch of objects from queryset(): what indexing calls, batch by
        batch, so that an index may read what its documents need once per batch."""
        return [(obj.pk, self.document(obj)) for obj in objects]

    def cards(self, ids: list[int]) -> list[Card]:
        """Cards of the objects with these ids, in the same order, in a fixed number of
        queries; objects gone since they were indexed are left out."""
        return []

    def section_url(self, q: str = "") -> str:
        return ""

    def suggest(self, needle: str, *, limit: int) -> list[Suggestion]:
        """What to offer as one types, for a query folded by bridge.search.suggest.folded
        (one case, one script, no apostrophes): names people look for by name (organisations,
        categories), not the indexed objects themselves. Called on every keystroke, so it
        must be fast whatever the size of the index."""
        return []


_INDEXES: dict[str, SearchIndex] = {}


def register(index: SearchIndex) -> None:
    if not getattr(index, "key", "") or len(index.key) > 40:
        raise ValueError("a search index needs a key of 1 to 40 characters")
    _INDEXES[index.key] = index


def get(key: str) -> SearchIndex:
    try:
        return _INDEXES[key]
    except KeyError:
        raise LookupError(f"no search index {key!r}; registered: {sorted(_INDEXES)}") from None


def all_keys() -> list[str]:
    return sorted(_INDEXES)


def suggesting() -> list[SearchIndex]:
    """The indexes whose ``suggest`` is their own, in the order of mixed results."""
    return [index for index in shown_together() if type(index).suggest is not SearchIndex.suggest]


def shown_together() -> list[SearchIndex]:
    """The indexes that take part in mixed results, in their order."""
    return sorted(
        (index for index in _INDEXES.values() if index.label),
        key=lambda index: (index.position, index.key),
    )

"""The Python interface client apps register their models with (see the brief's interface)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet


@dataclass(frozen=True)
class Document:
    title: str  # weight 3
    keywords: str = ""  # weight 2
    body: str = ""  # weight 1
    language: str | None = None  # "ru" | "uz" | "uz-Cyrl" | "en" | None (detect)
    facets: dict[str, list[str]] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)


class SearchIndex(ABC):
    """One subclass per searchable model."""

    key: str
    model: type[models.Model]

    def queryset(self) -> QuerySet:
        return self.model._default_manager.all()

    @abstractmethod
    def document(self, obj) -> Document:
        """What the engine indexes for ``obj``."""


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

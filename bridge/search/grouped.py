"""One query over every index that shows itself in mixed results (registry.shown_together):
the site-wide search, heritage theme pages and "related" lists. An app joins by registering an
index with a label and cards; this module names no app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bridge.search import registry
from bridge.search.registry import Card
from bridge.search.selectors import search


@dataclass
class Group:
    key: str
    label: str
    count: int
    approximate: bool
    cards: list[Card] = field(default_factory=list)
    see_all: str = ""


def search_grouped(
    *,
    q: str,
    per_group: int = 3,
    keys: Sequence[str] | None = None,
    exclude: dict[str, Sequence[int]] | None = None,
) -> list[Group]:
    """Per index: how many match ``q`` and the cards of the best ``per_group``; indexes with no
    match are left out. ``exclude`` drops objects by index key (a page that shows an object
    lists what is related to it, without the object itself)."""
    groups = []
    exclude = exclude or {}
    for index in registry.shown_together():
        if keys is not None and index.key not in keys:
            continue
        skip = set(exclude.get(index.key, ()))
        result = search(key=index.key, q=q, page_size=per_group + len(skip))
        ids = [pk for pk in result.ids if pk not in skip][:per_group]
        count = result.count - len(skip.intersection(result.ids))
        if not ids:
            continue
        groups.append(
            Group(
                key=index.key,
                label=str(index.label),
                count=count,
                approximate=result.approximate,
                cards=index.cards(ids),
                see_all=index.section_url(q),
            )
        )
    return groups

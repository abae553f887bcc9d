"""One query over every index that shows itself in mixed results (registry.shown_together):
the site-wide search, heritage theme pages and "related" lists. An app joins by registering an
index with a label and cards; this module names no app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection

from bridge.core.versions import versions
from bridge.search import registry
from bridge.search.backends import backend
from bridge.search.documents import CONCEPT
from bridge.search.models import SearchEntry
from bridge.search.query import concept_query
from bridge.search.registry import Card
from bridge.search.selectors import search
from bridge.search.thesaurus import current


@dataclass
class Group:
    key: str
    label: str
    count: int
    approximate: bool
    cards: list[Card] = field(default_factory=list)
    see_all: str = ""
    # The heritage themes each card's object is tied to, in the cards' order: a theme is
    # linked wherever a tagged item is shown.
    themes: list[list[str]] = field(default_factory=list)

    @property
    def items(self) -> list[tuple[Card, list[str]]]:
        return list(zip(self.cards, self.themes or [[]] * len(self.cards), strict=False))


def indexes_with_entries(keys: Sequence[str]) -> set[str]:
    """Which of ``keys`` hold any entry, remembered per version of the search data (every
    write to an index bumps it).

    The full-text table is shared by every index: an index without entries still paid, for
    each query, for all the words' matches in the other indexes before its key filtered them
    out (1–2 s per empty index at 100k materials, docs/benchmarks.md), only to find nothing."""
    cache_key = f"search:filled:{versions(['search'])}"
    known = cache.get(cache_key)
    if known is None or not set(keys) <= set(known):
        known = {
            key: SearchEntry.objects.filter(index_key=key).exists()
            for key in dict.fromkeys([*(known or {}), *keys])
        }
        cache.set(cache_key, known, 24 * 3600)
    return {key for key in keys if known[key]}


def heritage_of(key: str, ids: Sequence[int]) -> dict[int, list[str]]:
    """The heritage themes the indexed objects carry (named, or through a narrower concept), by
    object id, in one query."""
    heritage = current().heritage_ids
    rows = SearchEntry.objects.filter(index_key=key, object_id__in=list(ids)).values_list(
        "object_id", "title", "keywords", "body"
    )
    found = {}
    for object_id, *fields in rows:
        tokens = {
            t[len(CONCEPT) :] for text in fields for t in text.split() if t.startswith(CONCEPT)
        }
        found[object_id] = sorted(tokens & heritage)
    return found


def search_grouped(
    *,
    q: str = "",
    per_group: int = 3,
    keys: Sequence[str] | None = None,
    exclude: dict[str, Sequence[int]] | None = None,
    concepts: Sequence[str] = (),
    see_all_q: str = "",
) -> list[Group]:
    """Per index: how many match ``q`` (or carry one of ``concepts``, see search()) and the
    cards of the best ``per_group``; indexes with no match are left out. ``exclude`` drops
    objects by index key (a page that shows an object lists what is related to it, without the
    object itself). "See all" searches each section for ``q``, else ``see_all_q``."""
    groups = []
    exclude = exclude or {}
    shown = [i for i in registry.shown_together() if keys is None or i.key in keys]
    filled = indexes_with_entries([i.key for i in shown])
    for index in shown:
        if index.key not in filled:
            continue
        skip = set(exclude.get(index.key, ()))
        result = search(key=index.key, q=q, concepts=concepts, page_size=per_group + len(skip))
        ids = [pk for pk in result.ids if pk not in skip][:per_group]
        count = result.count - len(skip.intersection(result.ids))
        if not ids:
            continue
        cards = index.cards(ids)
        themes = []
        if len(cards) == len(ids):  # else an object left since it was indexed: no pairing
            tied = heritage_of(index.key, ids)
            themes = [tied.get(pk, []) for pk in ids]
        groups.append(
            Group(
                key=index.key,
                label=str(index.label),
                count=count,
                approximate=result.approximate,
                cards=cards,
                see_all=index.section_url(q or see_all_q),
                themes=themes,
            )
        )
    return groups


def concept_counts(*, concepts: Sequence[str], keys: Sequence[str] | None = None):
    """{concept id: {index key: objects carrying it}} for the indexes shown together (or
    ``keys``), in one statement whatever the number of concepts and indexes: the counts of an
    index of heritage themes. Pairs without a match are left out."""
    engine = backend()
    # Only the backend's constant SQL is interpolated; ids and expressions are parameters.
    match_sql = engine.match_sql()
    shown = [i.key for i in registry.shown_together() if keys is None or i.key in keys]
    statements, params = [], []
    for concept_id in dict.fromkeys(concepts):
        query = concept_query([concept_id])
        if not query.terms:
            continue
        ready = engine.text(engine.match_any(query))
        for key in shown:
            statements.append(f"SELECT %s, %s, COUNT(*) FROM ({match_sql}) AS m")  # noqa: S608
            params += [concept_id, key, ready, key]
    counts: dict[str, dict[str, int]] = {}
    if not statements:
        return counts
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(statements), params)
        for concept_id, key, count in cursor.fetchall():
            if count:
                counts.setdefault(concept_id, {})[key] = count
    return counts

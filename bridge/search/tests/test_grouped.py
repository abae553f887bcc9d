"""Mixed results: every index that shows itself (a label and cards) answers one query, in its
position, with its count, cards and "see all" link; RankedHits pages through one index."""

import pytest
from django.contrib.auth.models import Group
from django.core.paginator import Paginator

from bridge.search import registry
from bridge.search.grouped import search_grouped
from bridge.search.paging import RankedHits
from bridge.search.registry import Card, Document

from .engine_support import DocumentsIndex, add_documents

pytestmark = pytest.mark.integration


class ShownIndex(DocumentsIndex):
    def __init__(self, key, label, position):
        super().__init__()
        self.key, self.label, self.position = key, label, position

    def cards(self, ids):
        rows = Group.objects.in_bulk(ids)
        return [Card(title=rows[pk].name, url=f"/{self.key}/{pk}/") for pk in ids if pk in rows]

    def section_url(self, q=""):
        return f"/{self.key}/?q={q}"


@pytest.fixture
def shown(db, test_thesaurus):
    first, second = ShownIndex("grp-b", "Second", 20), ShownIndex("grp-a", "First", 10)
    hidden = DocumentsIndex()
    hidden.key = "grp-hidden"
    for index in (first, second, hidden):
        registry.register(index)
    yield first, second, hidden
    for key in ("grp-a", "grp-b", "grp-hidden"):
        registry._INDEXES.pop(key, None)


def test_groups_come_in_position_order_with_counts_cards_and_links(shown):
    second, first, hidden = shown
    add_documents(second, [Document(title="шёлк"), Document(title="ipak"), Document(title="paper")])
    silk = add_documents(first, [Document(title="silk scarf")])
    add_documents(hidden, [Document(title="silk")])
    groups = search_grouped(q="silk", per_group=1, keys=["grp-a", "grp-b", "grp-hidden"])
    assert [(g.key, g.label, g.count, len(g.cards)) for g in groups] == [
        ("grp-a", "First", 1, 1),
        ("grp-b", "Second", 2, 1),
    ]
    assert groups[0].cards[0].url == f"/grp-a/{silk[0]}/"
    assert groups[1].see_all == "/grp-b/?q=silk"


def test_indexes_without_a_match_are_left_out_and_an_object_can_be_excluded(shown):
    second, first, _hidden = shown
    ids = add_documents(second, [Document(title="шёлк"), Document(title="ipak")])
    add_documents(first, [Document(title="paper")])
    groups = search_grouped(q="silk", keys=["grp-a", "grp-b"], exclude={"grp-b": [ids[0]]})
    assert [(g.key, g.count, [c.url for c in g.cards]) for g in groups] == [
        ("grp-b", 1, [f"/grp-b/{ids[1]}/"])
    ]


def test_ranked_hits_page_through_the_engine_for_paginator(index):
    ids = add_documents(index, [Document(title=f"silk {n}") for n in range(5)])
    hits = RankedHits(key=index.key, queryset=Group.objects.all(), per_page=2, q="silk")
    page = Paginator(hits, 2).get_page(3)
    assert (hits.count(), page.paginator.num_pages, len(page.object_list)) == (5, 3, 1)
    everything = [g.pk for n in (1, 2, 3) for g in Paginator(hits, 2).get_page(n).object_list]
    assert sorted(everything) == sorted(ids)
    assert hits[0].pk in ids and hits[-1].pk in ids
    with pytest.raises(IndexError):
        hits[5]


def test_an_index_without_entries_costs_no_statement_and_the_rest_no_more_for_more_matches(
    shown,
):
    """The grouped search asks each index holding entries the same few statements whatever the
    number of matches; an empty index is not searched at all (the shared full-text table made
    each of them pay for every other index's matches)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    second, first, _hidden = shown
    add_documents(second, [Document(title=f"silk {n}") for n in range(2)])

    def statements(keys):
        search_grouped(q="silk", keys=keys)  # the vocabulary and the filled indexes, cached
        with CaptureQueriesContext(connection) as captured:
            groups = search_grouped(q="silk", keys=keys)
        assert [g.key for g in groups] == ["grp-b"]
        return len(captured)

    alone = statements(["grp-b"])
    assert statements(["grp-a", "grp-b"]) == alone, "grp-a holds nothing: no statement"
    add_documents(second, [Document(title=f"silk scarf {n}") for n in range(30)])
    assert statements(["grp-a", "grp-b"]) == alone
    (group,) = search_grouped(q="silk", keys=["grp-a", "grp-b"])
    assert group.count == 32 and len(group.cards) == 3
    # The first entry of an index makes it searched at once (the index's writes bump the
    # search data's version).
    add_documents(first, [Document(title="silk road")])
    assert [g.key for g in search_grouped(q="silk", keys=["grp-a", "grp-b"])] == ["grp-a", "grp-b"]

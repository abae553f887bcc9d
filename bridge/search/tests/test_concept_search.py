"""Searching an index by thesaurus concept id: what a heritage page and a "related" list ask.

A concept finds every object that names it in any language, or names a narrower concept
(documents carry concepts with their ancestors); several concepts rank the objects that carry
more of them first; the counts per index come in one statement."""

import pytest

from bridge.search import registry
from bridge.search.grouped import concept_counts, search_grouped
from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.thesaurus import thesaurus_override

from .engine_support import TEST_CONCEPTS, add_documents
from .test_grouped import ShownIndex

pytestmark = pytest.mark.integration


@pytest.fixture
def shown(db, test_thesaurus):
    first, second = ShownIndex("cpt-a", "First", 10), ShownIndex("cpt-b", "Second", 20)
    for index in (first, second):
        registry.register(index)
    yield first, second
    for key in ("cpt-a", "cpt-b"):
        registry._INDEXES.pop(key, None)


def test_a_concept_finds_its_labels_in_every_language_and_its_narrower_concepts(index):
    ids = add_documents(
        index,
        [
            Document(title="икат из Маргилана"),  # the concept's Russian label
            Document(title="Abrband matosi"),  # its Uzbek label
            Document(title="Khan atlas scarf"),  # xonatlas → atlas → ikat
            Document(title="Adras coat", language="en"),  # adras → ikat
            Document(title="Silk scarf"),  # silk only: not ikat
            Document(title="Paper notebook"),
        ],
    )
    found = search(key=index.key, concepts=["ikat"])
    assert set(found.ids) == set(ids[:4])
    assert found.count == 4
    # The label typed as a word finds the same four: the concept is what they share.
    assert set(search(key=index.key, q="ikat").ids) >= set(ids[:4])


def test_objects_carrying_more_of_the_concepts_rank_first(index):
    ids = add_documents(
        index,
        [
            Document(title="Paper notebook"),
            Document(title="Ceramic bowl"),
            Document(title="Paper box with a ceramics lid"),
        ],
    )
    found = search(key=index.key, concepts=["paper", "ceramics"])
    assert found.ids[0] == ids[2]
    assert set(found.ids) == set(ids)


def test_concepts_page_and_filter_like_any_search(index):
    ids = add_documents(
        index,
        [
            Document(title=f"silk {n}", facets={"colour": ["red" if n % 2 else "blue"]})
            for n in range(5)
        ],
    )
    found = search(key=index.key, concepts=["silk"], filters={"colour": ["red"]}, facets=["colour"])
    assert set(found.ids) == {ids[1], ids[3]}
    assert dict(found.facets["colour"]) == {"red": 2, "blue": 3}
    second = search(key=index.key, concepts=["silk"], page=2, page_size=2)
    assert second.count == 5 and len(second.ids) == 2


def test_unknown_or_malformed_concept_ids_find_nothing_and_never_fail(index):
    add_documents(index, [Document(title="silk")])
    for concepts in (["no-such-concept"], ['silk" OR "x'], ["Silk"], ["silk*"], [""], ["a" * 500]):
        result = search(key=index.key, concepts=concepts)
        assert (result.count, result.ids) == (0, []), concepts


def test_a_query_and_concepts_together_are_a_programming_error(index):
    with pytest.raises(ValueError):
        search(key=index.key, q="silk", concepts=["silk"])


def test_grouped_by_concept_links_each_section_to_its_search_for_the_label(shown):
    first, second = shown
    add_documents(first, [Document(title="шёлк"), Document(title="paper")])
    add_documents(
        second, [Document(title="ipak"), Document(title="atlas"), Document(title="cotton")]
    )
    groups = search_grouped(concepts=["silk"], keys=["cpt-a", "cpt-b"], see_all_q="Silk")
    assert [(g.key, g.count, len(g.cards)) for g in groups] == [("cpt-a", 1, 1), ("cpt-b", 2, 2)]
    assert groups[1].see_all == "/cpt-b/?q=Silk"


def test_counts_per_concept_and_index_come_in_one_statement(shown, django_assert_num_queries):
    first, second = shown
    add_documents(first, [Document(title="шёлк"), Document(title="икат")])
    add_documents(second, [Document(title="xonatlas"), Document(title="paper")])
    with django_assert_num_queries(1):
        counts = concept_counts(
            concepts=["silk", "ikat", "paper", "cotton"], keys=["cpt-a", "cpt-b"]
        )
    assert counts == {
        "silk": {"cpt-a": 1, "cpt-b": 1},
        "ikat": {"cpt-a": 1, "cpt-b": 1},
        "paper": {"cpt-b": 1},
    }
    assert concept_counts(concepts=["bad id!"], keys=["cpt-a"]) == {}


def test_each_card_carries_the_heritage_themes_of_its_object(shown):
    first, _second = shown
    concepts = [{**c, "heritage": c["id"] in ("ikat", "paper")} for c in TEST_CONCEPTS]
    with thesaurus_override(concepts):
        ids = add_documents(
            first, [Document(title="Khan atlas"), Document(title="paper"), Document(title="silk")]
        )
        (group,) = search_grouped(concepts=["silk", "paper"], keys=["cpt-a"])
        by_url = {card.url: themes for card, themes in group.items}
    # Khan atlas carries ikat through atlas, a narrower concept; plain silk carries no theme.
    assert by_url == {
        f"/cpt-a/{ids[0]}/": ["ikat"],
        f"/cpt-a/{ids[1]}/": ["paper"],
        f"/cpt-a/{ids[2]}/": [],
    }

"""Concepts for people: labels in the reader's language and script, heritage themes, and
keyword suggestions as one types in any language, script or apostrophe."""

import pytest

from bridge.search.concepts import (
    concept_label,
    concept_suggest,
    concepts,
    concepts_in_text,
    heritage_themes,
)
from bridge.search.thesaurus import thesaurus_override

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CONCEPTS = [
    {
        "id": "afandi",
        "kind": "story",
        "heritage": True,
        "ru": ["Насреддин Афанди", "Ходжа Насреддин"],
        "uz": ["Nasriddin Afandi", "Xoʻja Nasriddin"],
        "en": ["Nasreddin Afandi"],
    },
    {"id": "ikat", "kind": "technique", "heritage": True, "ru": ["икат", "абр"], "uz": ["abr"]},
    {"id": "silk", "kind": "fibre", "ru": ["шёлк"], "uz": ["ipak"], "en": ["silk"]},
    {"id": "silk-road", "kind": "place", "ru": ["Шёлковый путь"], "en": ["Silk Road"]},
]


@pytest.fixture(autouse=True)
def thesaurus():
    with thesaurus_override(CONCEPTS) as built:
        yield built


@pytest.mark.parametrize("typed", ["наср", "Насреддин", "nasr", "afan", "АФАН", "xoʻja", "xo'ja"])
def test_a_heritage_theme_is_suggested_from_any_script_and_apostrophe(typed):
    assert [c.id for c in concept_suggest(typed, language="en")] == ["afandi"]


def test_whole_label_prefixes_come_before_word_prefixes():
    assert [c.id for c in concept_suggest("silk", language="en")] == ["silk", "silk-road"]
    assert [c.id for c in concept_suggest("road", language="en")] == ["silk-road"]


def test_suggestions_are_labelled_in_the_readers_language():
    (suggested,) = concept_suggest("ipak", language="ru")
    assert (suggested.id, suggested.label, suggested.heritage) == ("silk", "шёлк", False)
    assert concept_suggest("ipak", language="uz-Cyrl")[0].label == "ипак"


def test_heritage_only_and_short_queries():
    assert [c.id for c in concept_suggest("a", language="en")] == []
    assert [c.id for c in concept_suggest("ab", language="ru", heritage_only=True)] == ["ikat"]
    assert [c.id for c in concept_suggest("sil", language="ru", heritage_only=True)] == []


def test_labels_fall_back_to_another_language_and_uzbek_cyrillic_is_transliterated():
    assert concept_label("ikat", "en") == "икат"  # no English label: the Russian one
    assert concept_label("afandi", "uz") == "Nasriddin Afandi"
    assert concept_label("afandi", "uz-Cyrl") == "Насриддин Афанди"
    assert concept_label("silk-road", "uz-Cyrl") == "Silk Road"  # no Uzbek label to transliterate


def test_heritage_themes_are_sorted_by_the_readers_label():
    assert [(c.id, c.label) for c in heritage_themes("ru")] == [
        ("ikat", "икат"),
        ("afandi", "Насреддин Афанди"),
    ]


def test_unknown_ids_are_left_out_and_texts_name_their_concepts():
    assert [c.id for c in concepts(["nope", "silk"], "en")] == ["silk"]
    assert concepts_in_text("Сериал о Ходже Насреддине на Шёлковом пути") >= {"afandi", "silk-road"}

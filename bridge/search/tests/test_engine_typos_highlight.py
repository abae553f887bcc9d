import pytest

from bridge.search.registry import Document
from bridge.search.selectors import search

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration


@pytest.fixture
def docs(index):
    ids = add_documents(
        index,
        [
            Document(title="Margilon adrasi", body="Rishton sopol idishlari va adras"),
            Document(title="Шелковый платок"),
            Document(title="Embroidery thread", body="Gold zardozi embroidery from Bukhara"),
            Document(title="<script>alert(1)</script> velvet & co", body="a <b>bold</b> velvet"),
        ],
    )
    return dict(zip(["adras", "platok", "zardozi", "script"], ids, strict=True))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("margilan", "adras"),
        ("Маргилан", "adras"),
        ("embrodery", "zardozi"),
        ("embroidary", "zardozi"),
        ("zardozy", "zardozi"),
    ],
)
def test_one_typo_in_a_long_word_still_finds_it_in_any_script(docs, typed, expected):
    assert search(key=KEY, q=typed).ids == [docs[expected]]


def test_two_typos_are_tolerated_only_in_words_of_nine_letters(docs):
    assert search(key=KEY, q="embraidary").ids == [docs["zardozi"]]  # 10 letters, 2 edits
    assert search(key=KEY, q="zerdozy").ids == []  # 7 letters, 2 edits


def test_short_words_are_not_fuzzed_but_get_a_suggestion(docs):
    result = search(key=KEY, q="gald")
    assert result.ids == [] and result.count == 0
    assert result.suggestion == "gold"


def test_no_suggestion_when_nothing_is_close(docs):
    result = search(key=KEY, q="xylophone")
    assert result.count == 0 and result.suggestion is None


def test_matched_words_are_marked_in_title_and_snippet(docs):
    result = search(key=KEY, q="adras")
    marks = result.highlights[docs["adras"]]
    assert marks["title"] == "Margilon <mark>adrasi</mark>"
    assert "<mark>adras</mark>" in marks["snippet"]


def test_highlight_follows_the_thesaurus_across_languages(docs):
    result = search(key=KEY, q="шёлк")
    assert result.highlights[docs["platok"]]["title"] == "<mark>Шелковый</mark> платок"


def test_highlight_escapes_markup_in_the_document(docs):
    marks = search(key=KEY, q="velvet").highlights[docs["script"]]
    assert marks["title"] == ("&lt;script&gt;alert(1)&lt;/script&gt; <mark>velvet</mark> &amp; co")
    assert "<b>" not in marks["snippet"] and "&lt;b&gt;" in marks["snippet"]


def test_a_word_indexed_after_a_search_is_known_to_the_next_ones_typo_tolerance(docs, index):
    # The vocabulary is kept between searches and checked against its version, which the
    # search's first statement reads: a new listing's word must be found with a typo at once.
    assert search(key=KEY, q="kashtachilik").count == 0
    [new] = add_documents(index, [Document(title="Kashtachilik ustaxonasi")])
    assert search(key=KEY, q="kashtachilik").ids == [new]
    assert search(key=KEY, q="kashtachilk").ids == [new]

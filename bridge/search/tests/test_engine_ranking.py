import pytest

from bridge.search.registry import Document
from bridge.search.selectors import search

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration


def test_title_beats_keywords_beats_body(index):
    body, keywords, title = add_documents(
        index,
        [
            Document(title="Mato", body="Yumshoq velvet mato"),
            Document(title="Mato", keywords="velvet"),
            Document(title="Velvet mato"),
        ],
    )
    assert search(key=KEY, q="velvet").ids == [title, keywords, body]


def test_documents_with_every_word_come_before_those_with_some(index):
    one, both = add_documents(
        index,
        [Document(title="Linen linen linen thread"), Document(title="Linen canvas", body="")],
    )
    assert search(key=KEY, q="canvas linen").ids == [both, one]


def test_exact_phrase_ranks_above_the_same_words_apart(index):
    apart, phrase = add_documents(
        index,
        [Document(title="Blue dyed wool"), Document(title="Dyed blue wool")],
    )
    assert search(key=KEY, q="dyed blue").ids == [phrase, apart]


def test_exact_word_ranks_above_another_form_of_it(index):
    other_form, exact = add_documents(
        index, [Document(title="Шелковый платок"), Document(title="Шелк натуральный")]
    )
    assert search(key=KEY, q="шелк").ids[:2] == [exact, other_form]


def test_stem_prefix_finds_longer_forms(index):
    (doc,) = add_documents(index, [Document(title="Керамическая плитка ручной работы")])
    assert search(key=KEY, q="керамический").ids == [doc]
    assert search(key=KEY, q="плитки").ids == [doc]

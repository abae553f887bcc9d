"""Properties the index relies on: analysis is stable and Uzbek is one language in two scripts."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.search.analysis import analyse, cyrillic_to_latin, normalise, uzbek_stem
from bridge.search.analysis.normalise import strip_apostrophes

pytestmark = pytest.mark.unit

_UZBEK_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ"
_UZBEK_LATIN = "abdefghijklmnopqrstuvxyz"
_MARKS = "'`ʻʼ‘’´"

cyrillic_words = st.text(alphabet=_UZBEK_CYRILLIC, min_size=1, max_size=12).map(
    lambda word: word.capitalize() if len(word) % 3 == 0 else word
)
cyrillic_texts = st.lists(cyrillic_words, min_size=1, max_size=6).map(" ".join)
latin_texts = st.lists(
    st.text(alphabet=_UZBEK_LATIN + _MARKS, min_size=1, max_size=12), min_size=1, max_size=6
).map(" ".join)


def _shape(tokens):
    return [(token.key, token.loose, token.position) for token in tokens]


@settings(max_examples=300, deadline=None)
@given(cyrillic_texts)
def test_uzbek_cyrillic_and_its_latin_form_analyse_alike(text):
    cyrillic = analyse(text, "uz-Cyrl")
    latin = analyse(cyrillic_to_latin(text), "uz")
    assert _shape(cyrillic) == _shape(latin)
    for cyrillic_token, latin_token in zip(cyrillic, latin, strict=True):
        uzbek = strip_apostrophes(uzbek_stem(latin_token.key))
        assert uzbek in cyrillic_token.stems
        assert uzbek in latin_token.stems


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(latin_texts, cyrillic_texts), st.sampled_from(["uz", "uz-Cyrl", "ru", "en"]))
def test_analysing_the_keys_again_gives_the_same_keys(text, language):
    keys = [token.key for token in analyse(text, language)]
    again = [token.key for token in analyse(" ".join(keys), language)]
    assert again == keys


@settings(max_examples=300, deadline=None)
@given(latin_texts)
def test_any_apostrophe_spelling_gives_the_same_tokens(text):
    # ʻ ʼ ' ` ‘ ’ ´ are one mark to the analyser, whichever the keyboard produced.
    variants = {text.translate(str.maketrans(dict.fromkeys(_MARKS, mark))) for mark in _MARKS}
    shapes = {tuple(_shape(analyse(variant, "uz"))) for variant in variants}
    assert len(shapes) == 1

"""The snippet of a description: the words around its first match, every match in view
marked, whatever the description holds further on."""

import pytest

from bridge.search.analysis import analyse
from bridge.search.highlight import Matcher, snippet
from bridge.search.thesaurus import current


@pytest.fixture
def silk(db):
    return Matcher.for_tokens(analyse("silk"), current())


def test_the_view_starts_before_the_first_match_and_marks_each_match_in_it(silk):
    text = " ".join(["wool"] * 80 + ["silk", "and", "more", "silk"] + ["wool"] * 80 + ["silk"])
    shown = snippet(text, silk, size=60)
    assert shown.startswith("… wool") and shown.endswith(" …")
    assert shown.count("<mark>silk</mark>") == 2  # the third is out of view
    assert len(shown) < 60 + len("… ") + len(" …") + 2 * len("<mark></mark>")


def test_the_view_ends_between_words_before_a_later_match(silk):
    text = "silk " + "x" * 50 + " silky"
    assert snippet(text, silk, size=58) == "<mark>silk</mark> " + "x" * 50 + " …"


def test_without_a_match_the_view_is_the_beginning(silk):
    text = " ".join(["wool"] * 100)
    assert snippet(text, silk, size=20) == "wool wool wool wool …"

"""The two loops a large search runs per row, written out for speed (issue 14): sorting a
sample's facet rows by the filters they fail (facets.FacetRows) and the re-ranker's field weights
(rerank.parse_field). Each is checked here against its definition, on generated rows."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.search.analysis.tokens import Token
from bridge.search.documents import CONCEPT, STEM
from bridge.search.facets import FacetRows, facet_counts
from bridge.search.models import RECORD_SEPARATOR, UNIT_SEPARATOR
from bridge.search.query import Alternative, Query, Term
from bridge.search.rerank import LENGTH_DAMPING, Ranker, parse_field

pytestmark = pytest.mark.unit

FACETS = ["country", "fibre", "supplier"]
# "U" is the start of "UZ" and "UZB": a value must match whole, never as a prefix
VALUES = ["U", "UZ", "UZB", "silk", "wool", "s-1"]
pairs = st.tuples(st.sampled_from(FACETS), st.sampled_from(VALUES))
rows = st.lists(st.lists(pairs, max_size=5, unique=True), max_size=30)
filters = st.dictionaries(
    st.sampled_from(FACETS), st.lists(st.sampled_from(VALUES), min_size=1, max_size=3), max_size=3
)


def packed(row: list[tuple[str, str]]) -> str:
    return RECORD_SEPARATOR.join(f + UNIT_SEPARATOR + v for f, v in row)


def failed_facets(row, selected) -> list[str]:
    """The definition: the filtered facets none of whose chosen values the row holds."""
    held = set(row)
    return [f for f, values in selected.items() if not any((f, v) in held for v in values)]


@settings(max_examples=300, deadline=None)
@given(rows, filters)
def test_each_row_is_sorted_by_the_filters_it_fails(generated, selected):
    sorted_rows = FacetRows([packed(row) for row in generated], selected)
    passed = [packed(r) for r in generated if not failed_facets(r, selected)]
    assert sorted_rows.passed == passed
    if not selected:
        assert sorted_rows.failing_one == {}
        return
    assert sorted_rows.failing_one == {
        facet: [packed(r) for r in generated if failed_facets(r, selected) == [facet]]
        for facet in selected
    }


def test_a_row_failing_two_filters_counts_for_no_facet():
    silk_uz = packed([("country", "UZ"), ("fibre", "silk")])
    wool_ru = packed([("country", "RU"), ("fibre", "wool")])  # fails both
    silk_ru = packed([("country", "RU"), ("fibre", "silk")])  # fails the country alone
    rows = FacetRows([silk_uz, wool_ru, silk_ru], {"country": ["UZ"], "fibre": ["silk"]})
    assert facet_counts(rows, ["country", "fibre"]) == {
        "country": [("RU", 1), ("UZ", 1)],
        "fibre": [("silk", 1)],
    }


tokens = st.lists(
    st.one_of(
        st.text(alphabet="abcxyz", min_size=1, max_size=6),
        st.text(alphabet="abc", min_size=1, max_size=4).map(lambda t: STEM + t),
        st.text(alphabet="abc", min_size=1, max_size=4).map(lambda t: CONCEPT + t),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(tokens, st.sampled_from([1.0, 2.0, 3.0]), st.sampled_from([LENGTH_DAMPING, 0.02]))
def test_a_field_is_damped_by_its_plain_words_before_the_first_stem_or_concept(
    generated, weight, damping
):
    length = next(
        (at for at, t in enumerate(generated) if t.startswith((STEM, CONCEPT))), len(generated)
    )
    padded, norm = parse_field(" ".join(generated), weight, damping)
    assert padded == f" {' '.join(generated)} "
    assert norm == pytest.approx(weight / (1 + damping * length))


def test_the_best_alternative_of_a_term_counts_once_per_field():
    # "silk" found as a word (1.0) and as a stem (0.75) in the title: the word counts
    term = Term(Token("silk", "silk", (), 0), (Alternative("silk"), Alternative(STEM + "silk")))
    ranker = Ranker(Query([term]))
    tier, score = ranker({"title": f"silk {STEM}silk", "keywords": "", "body": ""}, True)
    assert (tier, score) == (0, round(3.0 / (1 + LENGTH_DAMPING), 9))

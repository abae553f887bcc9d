"""The ranking's numbers, exactly: the scale of each reviewer, the z-scores, the ranks in both
orders and the disagreement flag at its threshold (mutation testing found the looser tests let
changed operators through)."""

from math import sqrt

import pytest

from bridge.programs.ranking import rank, reviewer_scales, top, weighted_total

pytestmark = pytest.mark.unit

# Reviewer 1 is harsh (gives 1–2), reviewer 2 lenient (4–5); each ranks their two the same way.
HARSH_AND_LENIENT = [(10, 1, 2.0), (11, 1, 1.0), (20, 2, 5.0), (21, 2, 4.0)]


def test_a_criterion_without_a_weight_does_not_count():
    assert weighted_total({1: 5, 2: 1}, {1: 1}) == 5.0


def test_each_reviewers_scale_with_the_overall_one_as_fallback():
    reviews = [(1, 1, 2.0), (2, 1, 4.0), (3, 2, 3.0), (1, 3, 5.0), (2, 3, 5.0)]
    overall = sqrt(((2 - 3.8) ** 2 + (4 - 3.8) ** 2 + (3 - 3.8) ** 2 + 2 * (5 - 3.8) ** 2) / 5)
    assert reviewer_scales(reviews) == {
        1: (3.0, 1.0),  # two different totals: their own mean and spread
        2: (pytest.approx(3.8), pytest.approx(overall)),  # one review: the overall ones
        3: (5.0, pytest.approx(overall)),  # no variance: own mean, the overall spread
    }


def test_a_small_but_real_spread_is_the_reviewers_own():
    reviews = [(1, 1, 2.0), (2, 1, 2.5), (1, 2, 1.0), (2, 2, 5.0)]
    assert reviewer_scales(reviews)[1] == (2.25, 0.25)


def test_z_scores_divide_by_the_reviewers_spread():
    reviews = [(1, 1, 2.0), (2, 1, 6.0), (1, 2, 3.0), (2, 2, 5.0)]
    rows = {r.application: r for r in rank(reviews)}
    # Reviewer 1: mean 4, spread 2; reviewer 2: mean 4, spread 1.
    assert (rows[1].normalised, rows[2].normalised) == (-1.0, 1.0)
    assert (rows[1].raw, rows[2].raw) == (2.5, 5.5)


def test_ranks_in_both_orders_start_at_one():
    rows = rank(HARSH_AND_LENIENT)
    # Normalised: 10 and 20 tie at +1 (the higher raw mean first), 21 and 11 at −1.
    assert [(r.application, r.rank_normalised, r.rank_raw) for r in rows] == [
        (20, 1, 1),
        (10, 2, 3),
        (21, 3, 2),
        (11, 4, 4),
    ]
    assert [r.normalised for r in rows] == [1.0, 1.0, -1.0, -1.0]


def test_top_takes_the_best_by_either_score():
    rows = rank(HARSH_AND_LENIENT)
    assert top(rows, 2) == [10, 20]  # a tie on the score: the lower id first
    assert top(rows, 1, "raw") == [20]
    assert top(rows, 3, "normalised") == [10, 20, 11]


def test_disagreement_exactly_at_the_threshold_is_not_flagged():
    # The two reviewers put the two applications in opposite orders: z-scores +1 and −1, whose
    # spread is exactly 1.
    reviews = [(1, 1, 3.0), (2, 1, 1.0), (1, 2, 1.0), (2, 2, 3.0)]
    assert [(r.disagreement, r.flagged) for r in rank(reviews, threshold=1.0)] == [
        (1.0, False),
        (1.0, False),
    ]
    assert [r.flagged for r in rank(reviews, threshold=0.99)] == [True, True]

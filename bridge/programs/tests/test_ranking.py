"""Ranking from reviews: weighted totals, per-reviewer z-scores with guards, disagreement."""

import pytest

from bridge.programs.ranking import rank, reviewer_scales, top, weighted_total


@pytest.mark.unit
def test_weighted_total_is_the_weighted_mean_on_the_rubric_scale():
    assert weighted_total({1: 5, 2: 2}, {1: 2, 2: 1}) == pytest.approx(4.0)
    # A criterion of weight 0 is shown but does not count.
    assert weighted_total({1: 5, 2: 1}, {1: 1, 2: 0}) == pytest.approx(5.0)
    assert weighted_total({1: 5}, {1: 0}) is None


@pytest.mark.unit
def test_a_harsh_reviewer_does_not_sink_the_applications_they_read():
    # Reviewer 1 is harsh (gives 1–2), reviewer 2 lenient (4–5); each sees two applications and
    # ranks them the same way. Raw means favour whoever drew the lenient reviewer.
    reviews = [(10, 1, 2.0), (11, 1, 1.0), (20, 2, 5.0), (21, 2, 4.0)]
    rows = {r.application: r for r in rank(reviews)}
    assert rows[20].raw > rows[10].raw
    assert rows[10].normalised == pytest.approx(rows[20].normalised)
    assert rows[11].normalised == pytest.approx(rows[21].normalised)
    assert rows[10].normalised > rows[11].normalised


@pytest.mark.unit
def test_reviewer_with_one_review_or_no_variance_uses_the_overall_scale():
    reviews = [(1, 1, 2.0), (2, 1, 4.0), (3, 2, 3.0), (1, 3, 5.0), (2, 3, 5.0)]
    scales = reviewer_scales(reviews)
    overall_mean = (2 + 4 + 3 + 5 + 5) / 5
    # One review: the overall mean and spread; the z-score stays finite.
    assert scales[2][0] == pytest.approx(overall_mean)
    assert scales[2][1] > 0
    # All the same totals: their own mean, the overall spread (no division by zero).
    assert scales[3][0] == pytest.approx(5.0)
    assert scales[3][1] > 0
    rows = rank(reviews)
    assert all(r.normalised == r.normalised for r in rows)  # no NaN


@pytest.mark.unit
def test_disagreement_is_flagged_above_the_threshold_and_needs_two_reviews():
    reviews = [
        (1, 1, 5.0), (2, 1, 1.0), (3, 1, 3.0),
        (1, 2, 1.0), (2, 2, 5.0), (3, 2, 3.0),
        (4, 3, 3.0),
    ]  # fmt: skip
    rows = {r.application: r for r in rank(reviews, threshold=1.0)}
    assert rows[1].flagged and rows[2].flagged
    assert rows[3].disagreement == pytest.approx(0.0) and not rows[3].flagged
    assert rows[4].disagreement is None and not rows[4].flagged
    assert rows[1].count == 2 and rows[4].count == 1


@pytest.mark.unit
def test_order_is_deterministic_with_ties():
    reviews = [(3, 1, 4.0), (1, 1, 4.0), (2, 1, 4.0), (1, 2, 2.0), (2, 2, 2.0), (3, 2, 2.0)]
    assert [r.application for r in rank(reviews)] == [1, 2, 3]
    assert top(rank(reviews), 2, "raw") == [1, 2]

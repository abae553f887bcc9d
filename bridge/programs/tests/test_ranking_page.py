"""The staff ranking page and API: figures side by side, sortable, a fixed number of queries."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.programs.models import Assignment, Review, Score
from bridge.programs.tests.factories import (
    CallFactory,
    CriterionFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
)


def _reviewed(call, criteria, reviewers, count, seed=1):
    rnd = random.Random(seed)
    applications = SubmittedApplicationFactory.create_batch(count, call=call, status="under-review")
    for application in applications:
        for reviewer in rnd.sample(reviewers, 2):
            assignment = Assignment.objects.create(reviewer=reviewer, application=application)
            review = Review.objects.create(assignment=assignment, submitted_at="2026-01-01T00:00Z")
            for criterion in criteria:
                Score.objects.create(review=review, criterion=criterion, value=rnd.randint(1, 5))
    return applications


@pytest.mark.integration
def test_ranking_page_query_count_does_not_grow_with_applications(client, programme_manager):
    call = CallFactory()
    criteria = [CriterionFactory(call=call), CriterionFactory(call=call)]
    reviewers = ReviewerFactory.create_batch(4, call=call)
    _reviewed(call, criteria, reviewers, 4)
    client.force_login(programme_manager)
    url = reverse("programs_review:staff_ranking", args=[call.slug])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _reviewed(call, criteria, reviewers, 8, seed=2)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('scope="row"') == 12
    assert len(large) == len(small)
    with CaptureQueriesContext(connection) as api_small:
        client.get(f"/api/v1/programmes/calls/{call.slug}/ranking")
    _reviewed(call, criteria, reviewers, 12, seed=3)
    with CaptureQueriesContext(connection) as api_large:
        data = client.get(f"/api/v1/programmes/calls/{call.slug}/ranking").json()
    assert data["count"] == 24
    assert len(api_large) == len(api_small)


@pytest.mark.integration
def test_ranking_shows_raw_and_normalised_side_by_side_and_sorts(client, programme_manager):
    call = CallFactory()
    criterion = CriterionFactory(call=call)
    harsh, lenient = ReviewerFactory.create_batch(2, call=call)
    a, b, c, d = SubmittedApplicationFactory.create_batch(4, call=call, status="under-review")
    for reviewer, application, value in [
        (harsh, a, 2), (harsh, b, 1), (lenient, c, 5), (lenient, d, 4),
    ]:  # fmt: skip
        assignment = Assignment.objects.create(reviewer=reviewer, application=application)
        review = Review.objects.create(assignment=assignment, submitted_at="2026-01-01T00:00Z")
        Score.objects.create(review=review, criterion=criterion, value=value)
    client.force_login(programme_manager)
    url = reverse("programs_review:staff_ranking", args=[call.slug])
    raw = client.get(url + "?sort=raw").content.decode()
    assert raw.index(c.title) < raw.index(d.title) < raw.index(a.title) < raw.index(b.title)
    html = client.get(url).content.decode()
    assert "Raw mean" in html and "Normalised" in html and "Disagreement" in html
    # Normalised: the best of each reviewer first (a and c tie, then b and d).
    assert html.index(a.title) < html.index(b.title) and html.index(c.title) < html.index(d.title)
    assert html.index(a.title) < html.index(d.title)
    # A bad sort value falls back instead of failing.
    assert client.get(url + "?sort=%27;drop&threshold=abc").status_code == 200

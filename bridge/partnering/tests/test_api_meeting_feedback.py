"""The API's meeting ratings and outcome answers (issue 16 item 1), for every role: the people who
sat at a held meeting may, anyone else gets 404, read-only tokens 403; bad input is 422 at the
field and saves nothing."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory, UserFactory
from bridge.partnering.models import Meeting, MeetingOutcome, MeetingRating
from bridge.partnering.tests.factories import member_of
from bridge.partnering.tests.test_project_meeting import meeting_between

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

_TOKENS = itertools.count()


def bearer(user, *, read_only=False):
    raw = f"cb_meet_{user.pk:08d}_{next(_TOKENS):06d}"
    scope = TokenScope.READ if read_only else TokenScope.READ_WRITE
    ApiTokenFactory(user=user, raw=raw, scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def put(client, url, body, **auth):
    return client.put(url, body, content_type="application/json", **auth)


@pytest.fixture
def meeting(ru_org, uz_org, ru_owner, uz_owner, moderator):
    return meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator)


def rating_url(meeting):
    return f"/api/v1/partnering/events/meetings/{meeting.pk}/rating"


def outcome_url(meeting):
    return f"/api/v1/partnering/events/meetings/{meeting.pk}/outcome"


def test_both_sides_rate_and_change_their_rating(client, meeting, ru_owner, uz_owner):
    first = put(client, rating_url(meeting), {"score": 4, "note": "Useful"}, **bearer(ru_owner))
    assert first.status_code == 200 and first.json()["score"] == 4
    assert put(client, rating_url(meeting), {"score": 5}, **bearer(uz_owner)).status_code == 200
    changed = put(client, rating_url(meeting), {"score": 2}, **bearer(ru_owner))
    assert changed.json()["score"] == 2 and changed.json()["note"] == ""
    assert MeetingRating.objects.count() == 2


def test_a_rating_is_frozen_after_14_days(client, meeting, ru_owner):
    put(client, rating_url(meeting), {"score": 4}, **bearer(ru_owner))
    MeetingRating.objects.update(created_at=timezone.now() - timedelta(days=15))
    late = put(client, rating_url(meeting), {"score": 1}, **bearer(ru_owner))
    assert late.status_code == 422 and "14 days" in late.json()["detail"]
    assert MeetingRating.objects.get().score == 4


def test_rating_is_refused_to_others(client, meeting, ru_org, ru_owner, moderator):
    body = {"score": 3}
    assert put(client, rating_url(meeting), body).status_code == 401
    assert put(client, rating_url(meeting), body, **bearer(UserFactory())).status_code == 404
    assert put(client, rating_url(meeting), body, **bearer(moderator)).status_code == 404
    colleague = member_of(ru_org)  # did not sit at the meeting: the page does not offer it
    assert put(client, rating_url(meeting), body, **bearer(colleague)).status_code == 404
    read_only = bearer(ru_owner, read_only=True)
    assert put(client, rating_url(meeting), body, **read_only).status_code == 403
    missing = "/api/v1/partnering/events/meetings/999999/rating"
    assert put(client, missing, body, **bearer(ru_owner)).status_code == 404
    assert not MeetingRating.objects.exists()


def test_a_meeting_not_held_cannot_be_rated(client, ru_org, uz_org, ru_owner, uz_owner, moderator):
    scheduled = meeting_between(ru_org, uz_org, ru_owner, uz_owner, moderator, held=False)
    response = put(client, rating_url(scheduled), {"score": 3}, **bearer(ru_owner))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "score"),
        ({"score": 0}, "score"),
        ({"score": 6}, "score"),
        ({"score": 3, "note": "x" * 501}, "note"),
    ],
)
def test_bad_ratings_are_refused_at_the_field(client, meeting, ru_owner, body, field):
    response = put(client, rating_url(meeting), body, **bearer(ru_owner))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert not MeetingRating.objects.exists()


def test_outcome_once_the_survey_went_out(client, meeting, ru_owner, uz_owner):
    assert put(
        client, outcome_url(meeting), {"answer": "talks"}, **bearer(ru_owner)
    ).status_code == (404)
    Meeting.objects.filter(pk=meeting.pk).update(outcome_asked_at=timezone.now())
    answered = put(client, outcome_url(meeting), {"answer": "talks"}, **bearer(ru_owner))
    assert answered.status_code == 200 and answered.json()["answer"] == "talks"
    again = put(client, outcome_url(meeting), {"answer": "agreement"}, **bearer(ru_owner))
    assert again.json()["answer"] == "agreement"
    assert MeetingOutcome.objects.get().answer == "agreement"
    assert put(client, outcome_url(meeting), {"answer": "talks"}).status_code == 401
    stranger = bearer(UserFactory())
    assert put(client, outcome_url(meeting), {"answer": "talks"}, **stranger).status_code == 404
    read_only = bearer(uz_owner, read_only=True)
    assert put(client, outcome_url(meeting), {"answer": "talks"}, **read_only).status_code == 403
    for body in ({}, {"answer": "married"}):
        bad = put(client, outcome_url(meeting), body, **bearer(uz_owner))
        assert bad.status_code == 422
        assert [e["field"] for e in bad.json()["errors"]] == ["answer"]
    assert MeetingOutcome.objects.count() == 1

"""The reviewer's writes through the API: scores per criterion (draft, submit, correct), a
conflict of interest; who may and may not; blind calls show no applicant."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory
from bridge.programs.models import Assignment, ConflictOfInterest, Review, Score
from bridge.programs.tests.factories import (
    AssignmentFactory,
    CallFactory,
    ConflictOfInterestFactory,
    CriterionFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def setup(db, organisation, owner):
    call = CallFactory(blind_review=True)
    gameplay = CriterionFactory(call=call, name_en="Gameplay")
    art = CriterionFactory(call=call, name_en="Art", levels=[0, 2, 4])
    application = SubmittedApplicationFactory(
        call=call, organisation=organisation, created_by=owner
    )
    assignment = AssignmentFactory(reviewer=ReviewerFactory(call=call), application=application)
    return {
        "call": call,
        "criteria": (gameplay, art),
        "application": application,
        "assignment": assignment,
        "reviewer": assignment.reviewer.user,
        "url": f"/api/v1/programmes/reviews/{application.pk}",
    }


def _put(client, url, data, **extra):
    return client.put(f"{url}/review", data, content_type="application/json", **extra)


def _fields(response):
    return {error["field"] for error in response.json()["errors"]}


def test_the_rubric_lists_the_criteria_and_never_the_applicant(client, setup, organisation):
    client.force_login(setup["reviewer"])
    response = client.get(f"{setup['url']}/review")
    assert response.status_code == 200
    body = response.json()
    assert [c["name"]["en"] for c in body["criteria"]] == ["Gameplay", "Art"]
    assert [level["value"] for level in body["criteria"][1]["levels"]] == [0, 2, 4]
    assert body["scores"] == [] and body["submitted"] is False
    assert organisation.name not in response.text
    detail = client.get(setup["url"]).json()
    assert detail["blind"] is True and detail["organisation"] is None
    assert organisation.name not in client.get(setup["url"]).text


def test_a_reviewer_saves_a_draft_then_submits_then_corrects(client, setup):
    gameplay, art = setup["criteria"]
    client.force_login(setup["reviewer"])
    draft = _put(client, setup["url"], {"scores": [{"criterion": gameplay.pk, "value": 3}]})
    assert draft.status_code == 200, draft.json()
    assert draft.json()["submitted"] is False

    incomplete = _put(client, setup["url"], {"scores": [], "submit": True})
    assert incomplete.status_code == 422
    assert _fields(incomplete) == {f"criterion-{gameplay.pk}", f"criterion-{art.pk}"}
    assert Review.objects.get().submitted_at is None

    scores = [{"criterion": gameplay.pk, "value": 5}, {"criterion": art.pk, "value": 4}]
    submitted = _put(client, setup["url"], {"scores": scores, "comment": "Fun.", "submit": True})
    assert submitted.status_code == 200
    assert submitted.json()["submitted"] is True
    assert {(s.criterion_id, s.value) for s in Score.objects.all()} == {
        (gameplay.pk, 5),
        (art.pk, 4),
    }

    scores[1]["value"] = 2  # a correction sends the whole rubric again
    corrected = _put(client, setup["url"], {"scores": scores, "submit": True})
    assert corrected.status_code == 200
    assert {s["criterion"]: s["value"] for s in corrected.json()["scores"]} == {
        gameplay.pk: 5,
        art.pk: 2,
    }


@pytest.mark.parametrize(
    "scores,field",
    [
        ("not-a-value", None),  # a level the criterion does not offer
        ("unknown", "scores"),
        ("twice", "scores"),
        ("huge", "value"),
    ],
)
def test_bad_scores_are_refused_and_nothing_is_saved(client, setup, scores, field):
    gameplay, art = setup["criteria"]
    payload = {
        "not-a-value": [{"criterion": art.pk, "value": 3}, {"criterion": gameplay.pk, "value": 1}],
        "unknown": [{"criterion": gameplay.pk, "value": 1}, {"criterion": 10**9, "value": 1}],
        "twice": [{"criterion": gameplay.pk, "value": 1}, {"criterion": gameplay.pk, "value": 2}],
        "huge": [{"criterion": gameplay.pk, "value": 10**6}],
    }[scores]
    client.force_login(setup["reviewer"])
    response = _put(client, setup["url"], {"scores": payload})
    assert response.status_code == 422
    assert _fields(response) == {field or f"criterion-{art.pk}"}
    assert not Review.objects.exists() and not Score.objects.exists()


def test_a_too_long_comment_is_refused_at_the_field(client, setup):
    client.force_login(setup["reviewer"])
    response = _put(client, setup["url"], {"comment": "x" * 10001})
    assert response.status_code == 422
    assert _fields(response) == {"comment"}


def test_after_the_review_deadline_nothing_is_saved(client, setup):
    setup["call"].review_deadline = timezone.now() - timedelta(hours=1)
    setup["call"].save()
    gameplay, _art = setup["criteria"]
    client.force_login(setup["reviewer"])
    response = _put(client, setup["url"], {"scores": [{"criterion": gameplay.pk, "value": 1}]})
    assert response.status_code == 422
    assert "deadline" in response.json()["detail"]
    assert not Review.objects.exists()


@pytest.mark.parametrize("who", ["owner", "unassigned", "conflicted", "programme_manager"])
def test_only_the_assigned_unconflicted_reviewer_may_score(client, setup, who, request):
    gameplay, _art = setup["criteria"]
    if who == "unassigned":
        user = ReviewerFactory(call=setup["call"]).user
    elif who == "conflicted":
        other = AssignmentFactory(
            reviewer=ReviewerFactory(call=setup["call"]), application=setup["application"]
        )
        ConflictOfInterestFactory(reviewer=other.reviewer, application=setup["application"])
        user = other.reviewer.user
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(f"{setup['url']}/review").status_code == 404
    response = _put(client, setup["url"], {"scores": [{"criterion": gameplay.pk, "value": 1}]})
    assert response.status_code == 404
    conflict = client.post(
        f"{setup['url']}/conflict", {"reason": "x"}, content_type="application/json"
    )
    assert conflict.status_code == 404
    assert not Review.objects.exists()


def test_anonymous_and_read_only_callers_are_refused(client, setup):
    assert client.get(f"{setup['url']}/review").status_code == 401
    assert _put(client, setup["url"], {}).status_code == 401
    ApiTokenFactory(user=setup["reviewer"], raw="cb_reviewer_read_01", scope=TokenScope.READ)
    bearer = {"HTTP_AUTHORIZATION": "Bearer cb_reviewer_read_01"}
    assert client.get(f"{setup['url']}/review", **bearer).status_code == 200
    assert _put(client, setup["url"], {}, **bearer).status_code == 403
    conflict = client.post(
        f"{setup['url']}/conflict", {"reason": "x"}, content_type="application/json", **bearer
    )
    assert conflict.status_code == 403
    assert Assignment.objects.filter(pk=setup["assignment"].pk).exists()


def test_a_reviewer_declares_a_conflict_and_loses_the_application(client, setup):
    client.force_login(setup["reviewer"])
    url = f"{setup['url']}/conflict"
    blank = client.post(url, {"reason": ""}, content_type="application/json")
    assert blank.status_code == 422
    assert _fields(blank) == {"reason"}
    assert not ConflictOfInterest.objects.exists()
    response = client.post(url, {"reason": "I mentor them."}, content_type="application/json")
    assert response.status_code == 204
    assert ConflictOfInterest.objects.get().reason == "I mentor them."
    assert not Assignment.objects.filter(pk=setup["assignment"].pk).exists()
    assert client.get(setup["url"]).status_code == 404
    assert _put(client, setup["url"], {}).status_code == 404


def test_a_conflict_after_submitting_is_refused(client, setup):
    gameplay, art = setup["criteria"]
    client.force_login(setup["reviewer"])
    scores = [{"criterion": gameplay.pk, "value": 1}, {"criterion": art.pk, "value": 0}]
    assert _put(client, setup["url"], {"scores": scores, "submit": True}).status_code == 200
    response = client.post(
        f"{setup['url']}/conflict", {"reason": "Oops."}, content_type="application/json"
    )
    assert response.status_code == 422
    assert Assignment.objects.filter(pk=setup["assignment"].pk).exists()


def test_an_invited_reviewer_accepts_with_languages_or_declines(client, db, outsider):
    invited = ReviewerFactory(user=outsider, status="invited", accepted_at=None, languages=[])
    other = ReviewerFactory(status="invited", accepted_at=None)
    client.force_login(outsider)
    roles = client.get("/api/v1/programmes/reviewer-roles").json()
    assert [(r["id"], r["status"]) for r in roles["items"]] == [(invited.pk, "invited")]
    url = f"/api/v1/programmes/reviewer-roles/{invited.pk}/answer"
    refused = client.post(url, {"accept": True}, content_type="application/json")
    assert refused.status_code == 422 and _fields(refused) == {"languages"}
    bad = client.post(url, {"accept": True, "languages": ["fr"]}, content_type="application/json")
    assert bad.status_code == 422 and _fields(bad) == {"languages"}
    invited.refresh_from_db()
    assert invited.status == "invited"
    elsewhere = f"/api/v1/programmes/reviewer-roles/{other.pk}/answer"
    assert (
        client.post(elsewhere, {"accept": False}, content_type="application/json").status_code
        == 404
    )
    accepted = client.post(
        url, {"accept": True, "languages": ["uz", "ru"]}, content_type="application/json"
    )
    assert accepted.status_code == 200
    assert (accepted.json()["status"], accepted.json()["languages"]) == ("accepted", ["ru", "uz"])
    client.logout()
    assert client.post(url, {"accept": False}, content_type="application/json").status_code == 401

"""The programme staff's operations through the API: reviewers and assignment, shortlist and
decisions, the outbox, the cohort. Programme managers may; analysts, moderators, applicants,
reviewers and anonymous callers may not; other calls' objects are not found; bad input is
refused at the field with nothing saved."""

from datetime import date

import pytest

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory
from bridge.programs.models import (
    ApplicationStatus,
    Assignment,
    ConflictOfInterest,
    Deal,
    Decision,
    MentorNote,
    Milestone,
    MilestoneProgress,
    Reviewer,
    ReviewerInvitation,
)
from bridge.programs.tests.factories import (
    AssignmentFactory,
    CallFactory,
    DecisionFactory,
    MilestoneFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db, organisation, owner):
    call = CallFactory()
    application = SubmittedApplicationFactory(
        call=call, organisation=organisation, created_by=owner
    )
    reviewer = ReviewerFactory(call=call)
    other_call = CallFactory()
    return {
        "call": call,
        "application": application,
        "reviewer": reviewer,
        "elsewhere": SubmittedApplicationFactory(call=other_call),
        "base": f"/api/v1/programmes/calls/{call.slug}",
    }


def _post(client, url, data=None, **extra):
    return client.post(url, data or {}, content_type="application/json", **extra)


def _fields(response):
    return {error["field"] for error in response.json()["errors"]}


# Every staff operation of a call, as (method, path under the call, body).
def _operations(world):
    app = world["application"].pk
    return [
        ("post", "/reviewers", {"email": "new@example.org", "languages": ["ru"]}),
        ("post", "/assignments/run", None),
        ("post", "/assignments", {"reviewer": world["reviewer"].pk, "application": app}),
        ("delete", "/assignments/1", None),
        ("post", "/conflicts/detect", None),
        ("post", f"/applications/{app}/shortlist", {"shortlisted": True}),
        ("put", f"/applications/{app}/decision", {"outcome": "accept"}),
        ("get", "/outbox", None),
        ("post", "/outbox/1/send", None),
        ("post", "/outbox/send-all", None),
        ("delete", "/outbox/1", None),
        ("post", "/milestones", {"kind": "demo", "due_on": "2027-03-01"}),
    ]


def _call(client, method, url, data=None, **extra):
    if method in ("get", "delete"):
        return getattr(client, method)(url, **extra)
    return getattr(client, method)(url, data or {}, content_type="application/json", **extra)


@pytest.mark.parametrize("who", ["analyst", "moderator", "owner", "reviewer", "outsider"])
def test_only_programme_managers_run_the_call(client, world, who, request):
    user = world["reviewer"].user if who == "reviewer" else request.getfixturevalue(who)
    client.force_login(user)
    for method, path, data in _operations(world):
        response = _call(client, method, world["base"] + path, data)
        assert response.status_code == 403, (method, path, response.status_code)
    assert not Assignment.objects.exists() and not Decision.objects.exists()
    assert not Milestone.objects.exists() and not ReviewerInvitation.objects.exists()


def test_anonymous_callers_get_401_and_read_only_tokens_403(client, world, programme_manager):
    for method, path, data in _operations(world):
        assert _call(client, method, world["base"] + path, data).status_code == 401
    ApiTokenFactory(user=programme_manager, raw="cb_manager_read_01", scope=TokenScope.READ)
    bearer = {"HTTP_AUTHORIZATION": "Bearer cb_manager_read_01"}
    for method, path, data in _operations(world):
        expected = 200 if method == "get" else 403
        assert _call(client, method, world["base"] + path, data, **bearer).status_code == expected
    assert not Decision.objects.exists()


def test_an_unknown_call_is_404_for_a_manager(client, world, programme_manager):
    client.force_login(programme_manager)
    response = _post(client, "/api/v1/programmes/calls/no-such-call/conflicts/detect")
    assert response.status_code == 404


def test_a_manager_invites_reviewers(client, world, programme_manager, outsider):
    client.force_login(programme_manager)
    url = f"{world['base']}/reviewers"
    known = _post(client, url, {"email": outsider.email, "languages": ["ru", "en"]})
    assert known.status_code == 201
    assert known.json()["status"] == "invited"
    assert Reviewer.objects.filter(user=outsider, call=world["call"]).exists()
    unknown = _post(client, url, {"email": "newcomer@example.org", "languages": ["uz"]})
    assert unknown.json()["status"] == "e-mailed"
    for data, field in (
        ({"email": "x@example.org", "languages": []}, "languages"),
        ({"email": "x@example.org", "languages": ["fr"]}, "languages"),
        ({"email": "nobody", "languages": ["ru"]}, "email"),
    ):
        refused = _post(client, url, data)
        assert refused.status_code == 422
        assert field in _fields(refused)
    assert not ReviewerInvitation.objects.filter(email="x@example.org").exists()


def test_a_manager_assigns_and_unassigns(client, world, programme_manager):
    client.force_login(programme_manager)
    base = world["base"]
    data = {"reviewer": world["reviewer"].pk, "application": world["application"].pk}
    added = _post(client, f"{base}/assignments", data)
    assert added.status_code == 201
    again = _post(client, f"{base}/assignments", data)
    assert again.status_code == 422
    elsewhere = _post(client, f"{base}/assignments", data | {"application": world["elsewhere"].pk})
    assert elsewhere.status_code == 404
    assert client.delete(f"{base}/assignments/{added.json()['id']}").status_code == 204
    assert not Assignment.objects.exists()
    other = AssignmentFactory(application=world["elsewhere"])
    assert client.delete(f"{base}/assignments/{other.pk}").status_code == 404
    assert Assignment.objects.filter(pk=other.pk).exists()


def test_automatic_assignment_and_conflict_detection(client, world, programme_manager, owner):
    conflicted = ReviewerFactory(call=world["call"], user=owner)  # a member of the applicant
    client.force_login(programme_manager)
    found = _post(client, f"{world['base']}/conflicts/detect")
    assert found.status_code == 200 and found.json()["count"] == 1
    assert ConflictOfInterest.objects.get().reviewer == conflicted
    run = _post(client, f"{world['base']}/assignments/run")
    assert run.status_code == 200
    assert run.json()["created"] == Assignment.objects.count() >= 1
    assert not Assignment.objects.filter(reviewer=conflicted).exists()


def test_shortlist_decide_and_send_through_the_outbox(client, world, programme_manager):
    client.force_login(programme_manager)
    base, app = world["base"], world["application"]
    assert _post(client, f"{base}/applications/{app.pk}/shortlist").status_code == 204
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SHORTLISTED

    bad = client.put(
        f"{base}/applications/{app.pk}/decision",
        {"outcome": "maybe"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and _fields(bad) == {"outcome"}
    assert not Decision.objects.exists()
    decided = client.put(
        f"{base}/applications/{app.pk}/decision",
        {"outcome": "accept", "message": "Welcome."},
        content_type="application/json",
    )
    assert decided.status_code == 200
    assert decided.json()["status"] == "pending"

    outbox = client.get(f"{base}/outbox").json()
    assert [item["application"] for item in outbox["items"]] == [app.pk]
    decision_id = decided.json()["id"]
    sent = _post(client, f"{base}/outbox/{decision_id}/send")
    assert sent.status_code == 200 and sent.json()["status"] == "sent"
    assert _post(client, f"{base}/outbox/{decision_id}/send").status_code == 422
    assert client.delete(f"{base}/outbox/{decision_id}").status_code == 422
    assert Decision.objects.get().status == "sent"


def test_withdraw_and_send_all(client, world, programme_manager):
    pending = DecisionFactory(application=world["application"])
    other = DecisionFactory(application=SubmittedApplicationFactory(call=world["call"]))
    foreign = DecisionFactory(application=world["elsewhere"])
    client.force_login(programme_manager)
    base = world["base"]
    assert client.delete(f"{base}/outbox/{foreign.pk}").status_code == 404
    assert _post(client, f"{base}/outbox/{foreign.pk}/send").status_code == 404
    assert client.delete(f"{base}/outbox/{pending.pk}").status_code == 204
    sent = _post(client, f"{base}/outbox/send-all")
    assert sent.json() == {"count": 1}
    other.refresh_from_db()
    foreign.refresh_from_db()
    assert (other.status, foreign.status) == ("sent", "pending")


def test_cohort_milestones_progress_notes_and_deals(client, world, programme_manager, owner):
    app = world["application"]
    app.status = ApplicationStatus.ACCEPTED
    app.save()
    DecisionFactory(application=app, status="sent")
    client.force_login(programme_manager)
    bad = _post(client, f"{world['base']}/milestones", {"kind": "party", "due_on": "2027-03-01"})
    assert bad.status_code == 422 and _fields(bad) == {"kind"}
    created = _post(
        client,
        f"{world['base']}/milestones",
        {"kind": "demo", "due_on": "2027-03-01", "title_en": "Demo day"},
    )
    assert created.status_code == 201
    milestone = Milestone.objects.get()
    assert (milestone.due_on, milestone.title_en) == (date(2027, 3, 1), "Demo day")

    cohort = f"/api/v1/programmes/cohort/{app.pk}"
    note = _post(client, f"{cohort}/notes", {"text": "Cut scope.", "shared_with_team": True})
    assert note.status_code == 201
    deal = {
        "investor": "Indie GO",
        "amount": "3000000",
        "currency": "RUB",
        "kind": "grant",
        "signed_on": "2027-01-15",
    }
    for change, field in (({"amount": "-1"}, "amount"), ({"currency": "XYZ"}, "currency")):
        refused = _post(client, f"{cohort}/deals", deal | change)
        assert refused.status_code == 422 and _fields(refused) == {field}
    assert not Deal.objects.exists()
    assert _post(client, f"{cohort}/deals", deal).status_code == 201

    client.force_login(owner)  # the team reports; it may not record deals or notes
    progress = {"milestone": milestone.pk, "status": "done", "report": "Shipped."}
    assert _post(client, f"{cohort}/progress", progress).status_code == 201
    assert MilestoneProgress.objects.get().status == "done"
    assert _post(client, f"{cohort}/deals", deal).status_code == 403
    assert _post(client, f"{cohort}/notes", {"text": "Mine."}).status_code == 403
    foreign = MilestoneFactory()
    refused = _post(client, f"{cohort}/progress", progress | {"milestone": foreign.pk})
    assert refused.status_code == 404
    assert (Deal.objects.count(), MentorNote.objects.count()) == (1, 1)


def test_the_cohort_of_another_organisation_is_not_found(client, world, outsider):
    app = world["application"]
    app.status = ApplicationStatus.ACCEPTED
    app.save()
    milestone = MilestoneFactory(call=world["call"])
    client.force_login(outsider)
    response = _post(
        client,
        f"/api/v1/programmes/cohort/{app.pk}/progress",
        {"milestone": milestone.pk, "status": "done"},
    )
    assert response.status_code == 404
    assert not MilestoneProgress.objects.exists()


def test_a_manager_changes_the_eligibility_rules(client, world, programme_manager, analyst):
    url = f"{world['base']}/eligibility"
    client.force_login(analyst)
    assert client.patch(url, {"team_min": 2}, content_type="application/json").status_code == 403
    client.force_login(programme_manager)
    changed = client.patch(
        url,
        {"countries": ["ru", "UZ"], "team_min": 2, "team_max": 10, "note": "Open to UZ"},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.json()
    body = changed.json()
    assert (body["countries"], body["team_min"], body["version"]) == (["RU", "UZ"], 2, 2)
    for data, field in (
        ({"team_min": 5, "team_max": 3}, "team_max"),
        ({"countries": ["XX"]}, "countries"),
        ({"project_stages": ["gold"]}, "project_stages"),
        ({"min_age_months": -1}, "min_age_months"),
    ):
        refused = client.patch(url, data, content_type="application/json")
        assert refused.status_code == 422, data
        assert _fields(refused) == {field}
    world["call"].eligibility.refresh_from_db()
    assert world["call"].eligibility.version == 2
    assert world["call"].eligibility.team_max == 10

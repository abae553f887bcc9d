"""Who may open which review page or endpoint: applicant, reviewer (assigned, unassigned,
conflicted), programme manager, other staff (moderator, analyst), anonymous."""

import pytest
from django.urls import reverse

from bridge.accounts.models import Membership, Role
from bridge.programs.tests.factories import (
    AssignmentFactory,
    CallFactory,
    ConflictOfInterestFactory,
    CriterionFactory,
    DecisionFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
)

ROLES = [
    "anonymous",
    "applicant",
    "assigned",
    "unassigned",
    "conflicted",
    "programme_manager",
    "moderator",
    "analyst",
]


@pytest.fixture
def world(db, organisation, owner, programme_manager, moderator, analyst):
    call = CallFactory()
    CriterionFactory(call=call)
    application = SubmittedApplicationFactory(
        call=call, organisation=organisation, created_by=owner
    )
    assigned = ReviewerFactory(call=call)
    AssignmentFactory(reviewer=assigned, application=application)
    conflicted = ReviewerFactory(call=call)
    AssignmentFactory(reviewer=conflicted, application=application)
    ConflictOfInterestFactory(reviewer=conflicted, application=application)
    unassigned = ReviewerFactory(call=call)
    decision = DecisionFactory(application=application)
    users = {
        "anonymous": None,
        "applicant": owner,
        "assigned": assigned.user,
        "unassigned": unassigned.user,
        "conflicted": conflicted.user,
        "programme_manager": programme_manager,
        "moderator": moderator,
        "analyst": analyst,
    }
    return {"call": call, "application": application, "users": users, "decision": decision}


def _get(client, world, role, url):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client.get(url)


REVIEW_PAGE = {
    "anonymous": 302, "applicant": 404, "assigned": 200, "unassigned": 404, "conflicted": 404,
    "programme_manager": 404, "moderator": 404, "analyst": 404,
}  # fmt: skip
STAFF_PAGE = {
    "anonymous": 302, "applicant": 404, "assigned": 404, "unassigned": 404, "conflicted": 404,
    "programme_manager": 200, "moderator": 404, "analyst": 403,
}  # fmt: skip
RANKING_PAGE = {**STAFF_PAGE, "analyst": 200}
API_ASSIGNED = {
    "anonymous": 401, "applicant": 404, "assigned": 200, "unassigned": 404, "conflicted": 404,
    "programme_manager": 404, "moderator": 404, "analyst": 404,
}  # fmt: skip
API_RANKING = {
    "anonymous": 401, "applicant": 403, "assigned": 403, "unassigned": 403, "conflicted": 403,
    "programme_manager": 200, "moderator": 403, "analyst": 200,
}  # fmt: skip


@pytest.mark.integration
@pytest.mark.parametrize("role", ROLES)
def test_review_page_file_and_api(client, world, role):
    pk = world["application"].pk
    assert (
        _get(client, world, role, reverse("programs_review:application", args=[pk])).status_code
        == REVIEW_PAGE[role]
    )
    assert (
        _get(client, world, role, reverse("programs_review:pitch_deck", args=[pk])).status_code
        == REVIEW_PAGE[role]
    )
    assert (
        _get(client, world, role, f"/api/v1/programmes/reviews/{pk}").status_code
        == API_ASSIGNED[role]
    )


@pytest.mark.integration
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["staff_reviewers", "staff_assignments", "staff_outbox"])
def test_staff_pages(client, world, role, name):
    url = reverse(f"programs_review:{name}", args=[world["call"].slug])
    assert _get(client, world, role, url).status_code == STAFF_PAGE[role]


@pytest.mark.integration
@pytest.mark.parametrize("role", ROLES)
def test_ranking_page_and_api(client, world, role):
    slug = world["call"].slug
    response = _get(client, world, role, reverse("programs_review:staff_ranking", args=[slug]))
    assert response.status_code == RANKING_PAGE[role]
    if role == "analyst":
        # Read-only: no decision forms.
        assert "Decide" not in response.content.decode()
    api = client.get(f"/api/v1/programmes/calls/{slug}/ranking")
    assert api.status_code == API_RANKING[role]


@pytest.mark.integration
@pytest.mark.parametrize("role", ["applicant", "assigned", "moderator", "analyst"])
def test_state_changes_are_refused_to_everyone_but_the_programme_manager(client, world, role):
    call, application = world["call"], world["application"]
    client.force_login(world["users"][role])
    posts = [
        reverse("programs_review:staff_assignments_run", args=[call.slug]),
        reverse("programs_review:staff_decide", args=[call.slug, application.pk]),
        reverse("programs_review:staff_send_all", args=[call.slug]),
        reverse("programs_review:staff_send", args=[call.slug, world["decision"].pk]),
    ]
    for url in posts:
        assert client.post(url, {"outcome": "accept"}).status_code in (403, 404)
    world["decision"].refresh_from_db()
    assert world["decision"].status == "pending"
    application.refresh_from_db()
    assert application.status == "submitted"


@pytest.mark.integration
def test_a_reviewer_who_joins_the_applicant_loses_access(client, world):
    user = world["users"]["assigned"]
    Membership.objects.create(
        organisation=world["application"].organisation, user=user, role=Role.MEMBER
    )
    client.force_login(user)
    url = reverse("programs_review:application", args=[world["application"].pk])
    assert client.get(url).status_code == 404

"""The API's project invitations, declines and milestone ticks (issue 16 item 1), for every role:
members of a confirmed partner may, the invited organisation answers for itself, others get 404
(a private project) or 403, read-only tokens may not write, bad input is 422 at the field."""

import itertools
from datetime import date, timedelta

import pytest
from django.utils import timezone

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory, OrganisationFactory
from bridge.partnering.models import Milestone, ProjectPartner
from bridge.partnering.services import project_status as course
from bridge.partnering.tests.factories import member_of
from bridge.partnering.tests.factories_projects import project_between

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

_TOKENS = itertools.count()


def bearer(user, *, read_only=False):
    raw = f"cb_proj_{user.pk:08d}_{next(_TOKENS):06d}"
    scope = TokenScope.READ if read_only else TokenScope.READ_WRITE
    ApiTokenFactory(user=user, raw=raw, scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, body=None, **auth):
    return client.post(url, body or {}, content_type="application/json", **auth)


def base(project):
    return f"/api/v1/partnering/projects/{project.pk}"


# ---- invite -----------------------------------------------------------------------------------


def test_a_confirmed_partner_invites_another_organisation(client, ru_org, uz_org, ru_owner):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    kz = OrganisationFactory(country="KZ", name="Almaty Frames")
    response = post(
        client,
        f"{base(project)}/partners",
        {"organisation": kz.pk, "language": "ru"},
        **bearer(ru_owner),
    )
    assert response.status_code == 201
    assert response.json()["organisation"] == kz.pk and response.json()["confirmed"] is False
    again = post(client, f"{base(project)}/partners", {"organisation": kz.pk}, **bearer(ru_owner))
    assert again.status_code == 422 and list(again.json()["errors"]) == ["organisation"]
    assert ProjectPartner.objects.filter(project=project, organisation=kz).count() == 1


def test_inviting_is_refused_to_others(client, ru_org, uz_org, ru_owner, uz_owner):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    kz = OrganisationFactory(country="KZ")
    url = f"{base(project)}/partners"
    body = {"organisation": kz.pk}
    assert post(client, url, body).status_code == 401
    stranger = member_of(OrganisationFactory())
    assert post(client, url, body, **bearer(stranger)).status_code == 404  # a private project
    assert post(client, url, body, **bearer(uz_owner)).status_code == 403  # not yet confirmed
    assert post(client, url, body, **bearer(ru_owner, read_only=True)).status_code == 403
    assert not ProjectPartner.objects.filter(organisation=kz).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "organisation"),
        ({"organisation": 0}, "organisation"),
        ({"organisation": 999999}, "organisation"),
        ({"organisation": 1, "language": "fr"}, "language"),
    ],
)
def test_a_bad_invitation_is_refused_at_the_field(client, ru_org, uz_org, ru_owner, body, field):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    response = post(client, f"{base(project)}/partners", body, **bearer(ru_owner))
    assert response.status_code == 422
    errors = response.json()["errors"]
    fields = list(errors) if isinstance(errors, dict) else [e["field"] for e in errors]
    assert field in fields
    assert project.partners.count() == 2


# ---- decline ----------------------------------------------------------------------------------


def test_the_invited_organisation_declines_its_place(client, ru_org, uz_org, ru_owner, uz_owner):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    url = f"{base(project)}/decline"
    assert post(client, url, {"organisation": uz_org.pk}).status_code == 401
    assert post(client, url, {"organisation": uz_org.pk}, **bearer(ru_owner)).status_code == 403
    read_only = bearer(uz_owner, read_only=True)
    assert post(client, url, {"organisation": uz_org.pk}, **read_only).status_code == 403
    confirmed = post(client, url, {"organisation": ru_org.pk}, **bearer(ru_owner))
    assert confirmed.status_code == 422  # a confirmed partner cannot decline
    assert post(client, url, {"organisation": 999999}, **bearer(uz_owner)).status_code == 404
    assert post(client, url, {}, **bearer(uz_owner)).status_code == 422
    assert post(client, url, {"organisation": uz_org.pk}, **bearer(uz_owner)).status_code == 204
    assert not project.partners.filter(organisation=uz_org).exists()


# ---- milestones -------------------------------------------------------------------------------


@pytest.fixture
def milestone(ru_org, uz_org, ru_owner):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    return course.milestone_add(
        actor=ru_owner, project=project, title="Pilot", due_on=date(2027, 3, 1)
    )


def test_a_partner_ticks_unticks_and_deletes_a_milestone(client, milestone, ru_owner):
    url = f"{base(milestone.project)}/milestones/{milestone.pk}"
    today = timezone.localdate().isoformat()
    done = post(client, f"{url}/done", {"done_on": today}, **bearer(ru_owner))
    assert done.status_code == 200 and done.json()["done_on"] == today
    undone = post(client, f"{url}/done", {"done_on": None}, **bearer(ru_owner))
    assert undone.status_code == 200 and undone.json()["done_on"] is None
    assert client.delete(url, **bearer(ru_owner)).status_code == 204
    assert not Milestone.objects.exists()
    assert client.delete(url, **bearer(ru_owner)).status_code == 404


def test_milestones_are_refused_to_others_and_bad_days(client, milestone, ru_owner, uz_owner):
    url = f"{base(milestone.project)}/milestones/{milestone.pk}"
    today = {"done_on": timezone.localdate().isoformat()}
    assert post(client, f"{url}/done", today).status_code == 401
    assert client.delete(url).status_code == 401
    stranger = member_of(OrganisationFactory())
    assert post(client, f"{url}/done", today, **bearer(stranger)).status_code == 404
    assert client.delete(url, **bearer(stranger)).status_code == 404
    assert post(client, f"{url}/done", today, **bearer(uz_owner)).status_code == 403
    assert client.delete(url, **bearer(uz_owner)).status_code == 403
    assert client.delete(url, **bearer(ru_owner, read_only=True)).status_code == 403
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    late = post(client, f"{url}/done", {"done_on": future}, **bearer(ru_owner))
    assert late.status_code == 422 and list(late.json()["errors"]) == ["done_on"]
    for body in ({}, {"done_on": "yesterday"}):
        bad = post(client, f"{url}/done", body, **bearer(ru_owner))
        assert bad.status_code == 422
        assert [e["field"] for e in bad.json()["errors"]] == ["done_on"]
    other = f"{base(milestone.project)}/milestones/999999"
    assert client.delete(other, **bearer(ru_owner)).status_code == 404
    milestone.refresh_from_db()
    assert milestone.done_on is None

"""The programmes API: public calls, the applicant's own applications, eligibility enforced."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.programs.models import Application, ApplicationStatus
from bridge.programs.tests.factories import (
    ApplicationFactory,
    CallFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.integration

BASE = "/api/v1/programmes"


def test_calls_are_public(client, db):
    call = CallFactory(title_en="Season 7", eligibility={"countries": ["RU", "UZ", "KZ"]})
    CallFactory(is_published=False)
    body = client.get(f"{BASE}/calls").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["slug"] == call.slug
    assert item["title"]["en"] == "Season 7"
    assert sorted(item["eligibility"]["countries"]) == ["KZ", "RU", "UZ"]
    assert item["status"]["code"] == "open"
    assert client.get(f"{BASE}/calls/{call.slug}").json()["timezone"] == "Europe/Moscow"


def test_unknown_or_unpublished_call_is_404_json(client, db):
    hidden = CallFactory(is_published=False)
    for slug in ("nope", hidden.slug):
        response = client.get(f"{BASE}/calls/{slug}")
        assert response.status_code == 404
        assert "detail" in response.json()


def test_bad_status_filter_is_422(client, db):
    assert client.get(f"{BASE}/calls?status=whatever").status_code == 422


def test_applications_need_a_person(client, db):
    assert client.get(f"{BASE}/applications").status_code == 401


def test_list_shows_only_my_organisations_applications(client, owner, organisation):
    mine = ApplicationFactory(organisation=organisation)
    ApplicationFactory()
    client.force_login(owner)
    body = client.get(f"{BASE}/applications").json()
    assert [item["id"] for item in body["items"]] == [mine.pk]
    assert body["items"][0]["missing"] == {}


def test_an_applicant_cannot_read_anothers_application(client, outsider):
    other = ApplicationFactory()
    client.force_login(outsider)
    assert client.get(f"{BASE}/applications/{other.pk}").status_code == 404
    assert client.post(f"{BASE}/applications/{other.pk}/submit").status_code == 404
    assert (
        client.patch(
            f"{BASE}/applications/{other.pk}", {"title": "x"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_create_update_and_submit_through_the_api(client, owner, organisation):
    call = CallFactory()
    client.force_login(owner)
    response = client.post(
        f"{BASE}/applications",
        {"call": call.slug, "organisation": organisation.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    created = response.json()
    assert created["status"]["code"] == "draft"
    assert "title" in created["missing"]
    app_id = created["id"]
    response = client.patch(
        f"{BASE}/applications/{app_id}",
        {"title": "Caravan", "team": [{"name": "Aziza", "role": "Lead"}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Caravan"
    response = client.post(f"{BASE}/applications/{app_id}/submit")
    assert response.status_code == 422
    assert "summary" in response.json()["errors"]


def test_an_ineligible_organisation_cannot_start_through_the_api(client, db):
    from bridge.accounts.tests.factories import UserFactory

    user = UserFactory()
    uz = OrganisationFactory(country="UZ", legal_form="uz-mchj", registration_number="306284157")
    Membership.objects.create(organisation=uz, user=user, role=Role.OWNER)
    call = CallFactory(eligibility={"countries": ["RU"]})
    client.force_login(user)
    response = client.post(
        f"{BASE}/applications",
        {"call": call.slug, "organisation": uz.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "ineligible"
    assert "Uzbekistan" in body["detail"]
    assert not Application.objects.exists()


def test_an_ineligible_organisation_cannot_submit_through_the_api(client, db):
    from bridge.accounts.tests.factories import UserFactory

    user = UserFactory()
    uz = OrganisationFactory(country="UZ", legal_form="uz-mchj", registration_number="306284157")
    Membership.objects.create(organisation=uz, user=user, role=Role.OWNER)
    # A complete draft whose rules (snapshot) admit only Russia.
    application = ApplicationFactory(
        call=CallFactory(eligibility={"countries": ["RU"]}), organisation=uz
    )
    client.force_login(user)
    response = client.post(f"{BASE}/applications/{application.pk}/submit")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "ineligible"
    assert "yours is registered in Uzbekistan" in body["detail"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_a_second_submission_is_a_conflict(client, owner, organisation):
    application = SubmittedApplicationFactory(organisation=organisation)
    client.force_login(owner)
    response = client.post(f"{BASE}/applications/{application.pk}/submit")
    assert response.status_code == 409
    assert response.json()["code"] == "already_submitted"


def test_someone_elses_organisation_is_forbidden(client, outsider, organisation):
    call = CallFactory()
    client.force_login(outsider)
    response = client.post(
        f"{BASE}/applications",
        {"call": call.slug, "organisation": organisation.pk},
        content_type="application/json",
    )
    assert response.status_code == 403


@pytest.mark.parametrize("bad", ["0", "-3", "abc", "99999999999999999999999"])
def test_odd_ids_are_refused_cleanly(client, owner, bad):
    client.force_login(owner)
    assert client.get(f"{BASE}/applications/{bad}").status_code in (404, 422)


def test_list_endpoints_have_no_n_plus_one(client, owner, organisation):
    client.force_login(owner)
    ApplicationFactory(organisation=organisation)
    CallFactory()
    with CaptureQueriesContext(connection) as few_apps:
        client.get(f"{BASE}/applications")
    with CaptureQueriesContext(connection) as few_calls:
        client.get(f"{BASE}/calls")
    for _ in range(3):
        ApplicationFactory(organisation=organisation)
    with CaptureQueriesContext(connection) as many_apps:
        assert client.get(f"{BASE}/applications").json()["count"] == 4
    with CaptureQueriesContext(connection) as many_calls:
        assert client.get(f"{BASE}/calls").json()["count"] == 5
    assert len(many_calls) == len(few_calls)
    assert len(many_apps) == len(few_apps)

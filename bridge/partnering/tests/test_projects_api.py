"""The joint-projects API for every role, both ways: anonymous callers, members of a partner,
members of another organisation and staff; refusals with reasons by field."""

import pytest
from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.partnering.models import JointProject
from bridge.partnering.tests.factories import InterestFactory, ListingFactory, member_of
from bridge.partnering.tests.factories_projects import project_between, published_project
from bridge.partnering.tests.test_api import bearer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BODY = {
    "title": "Silk road animation lab",
    "type": "education",
    "sector": "animation",
    "heritage": ["afandi"],
    "descriptions": {"ru": "Лаборатория анимации.", "uz": "Animatsiya laboratoriyasi."},
}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def test_anyone_lists_and_reads_published_projects_only(client, ru_org, uz_org):
    public = published_project(ru_org, uz_org)
    private = project_between(ru_org, OrganisationFactory(country="KZ"), title="Not yet")
    page = client.get("/api/v1/partnering/projects").json()
    assert [item["id"] for item in page["items"]] == [public.pk] and page["count"] == 1
    item = page["items"][0]
    assert {p["country"] for p in item["partners"]} == {"RU", "UZ"} and item["public"] is True
    assert client.get("/api/v1/partnering/projects", {"country": "uz"}).json()["count"] == 1
    assert client.get("/api/v1/partnering/projects", {"status": "released"}).json()["count"] == 0
    assert client.get("/api/v1/partnering/projects", {"q": "мультфильм"}).json()["count"] == 1
    detail = client.get(f"/api/v1/partnering/projects/{public.pk}").json()
    assert [step["status"] for step in detail["history"]] == ["talks"]
    assert client.get(f"/api/v1/partnering/projects/{private.pk}").status_code == 404
    assert client.get("/api/v1/partnering/projects/0").status_code == 404


def test_a_private_project_for_partners_and_staff_not_for_others(
    client, ru_org, uz_org, uz_owner, analyst
):
    project = project_between(ru_org, uz_org)
    url = f"/api/v1/partnering/projects/{project.pk}"
    outsider = member_of(OrganisationFactory())
    assert client.get(url, **bearer(outsider)).status_code == 404
    assert client.get(url, **bearer(analyst)).json()["public"] is False
    answer = client.get(url, **bearer(uz_owner)).json()
    assert answer["problems"] and "Toshkent Motion" in answer["problems"][0]


def test_create_by_hand_and_from_an_interest(client, ru_org, uz_org, ru_owner, uz_owner):
    assert (
        client.post(
            "/api/v1/partnering/projects", BODY, content_type="application/json"
        ).status_code
        == 401
    )
    outsider = member_of(OrganisationFactory())
    refused = post(
        client, "/api/v1/partnering/projects", {**BODY, "organisation": ru_org.pk}, outsider
    )
    assert refused.status_code == 403
    bad = post(
        client,
        "/api/v1/partnering/projects",
        {**BODY, "organisation": ru_org.pk, "partners": [uz_org.pk], "sector": "cooking"},
        ru_owner,
    )
    assert bad.status_code == 422 and "sector" in bad.json()["errors"]
    created = post(
        client,
        "/api/v1/partnering/projects",
        {**BODY, "organisation": ru_org.pk, "partners": [uz_org.pk]},
        ru_owner,
    )
    assert created.status_code == 201
    assert [p["confirmed"] for p in created.json()["partners"]] == [True, False]
    interest = InterestFactory(
        listing=ListingFactory(organisation=ru_org), organisation=uz_org, status="accepted"
    )
    body = {"organisation": uz_org.pk, "interest": interest.pk}
    assert post(client, "/api/v1/partnering/projects", body, outsider).status_code == 403
    from_interest = post(client, "/api/v1/partnering/projects", body, uz_owner)
    assert from_interest.status_code == 201
    assert from_interest.json()["title"] == interest.listing.title
    again = post(client, "/api/v1/partnering/projects", body, uz_owner)
    assert again.status_code == 422
    assert JointProject.objects.count() == 2


def test_update_confirm_and_consent_by_role(client, ru_org, uz_org, ru_owner, uz_owner, moderator):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    url = f"/api/v1/partnering/projects/{project.pk}"
    patch = {"title": "Renamed"}
    for user, status in ((uz_owner, 403), (moderator, 403), (ru_owner, 200)):
        response = client.patch(url, patch, content_type="application/json", **bearer(user))
        assert response.status_code == status, user
    outsider = member_of(OrganisationFactory())
    response = client.patch(url, patch, content_type="application/json", **bearer(outsider))
    assert response.status_code == 404
    # Offered for publication before the Uzbek partner confirmed: refused with the reason.
    early = post(client, f"{url}/consent", {"organisation": ru_org.pk}, ru_owner)
    assert early.status_code == 422 and early.json()["code"] == "not_ready"
    assert "Toshkent Motion" in early.json()["detail"]
    assert post(client, f"{url}/confirm", {"organisation": uz_org.pk}, ru_owner).status_code == 403
    assert post(client, f"{url}/confirm", {"organisation": uz_org.pk}, uz_owner).status_code == 200
    assert post(client, f"{url}/confirm", {"organisation": uz_org.pk}, uz_owner).status_code == 422
    assert post(client, f"{url}/consent", {"organisation": 999}, uz_owner).status_code == 404
    post(client, f"{url}/consent", {"organisation": uz_org.pk}, uz_owner)
    final = post(client, f"{url}/consent", {"organisation": ru_org.pk}, ru_owner).json()
    assert final["public"] is True and final["problems"] == []
    assert client.get(url).status_code == 200


def test_status_steps_and_milestones_through_the_api(client, ru_org, uz_org, ru_owner, uz_owner):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    url = f"/api/v1/partnering/projects/{project.pk}"
    today = timezone.localdate().isoformat()
    step = {"status": "released", "happened_on": today}
    missing = post(client, f"{url}/status", step, ru_owner)
    assert missing.status_code == 422 and "evidence_url" in missing.json()["errors"]
    assert post(client, f"{url}/status", step, uz_owner).status_code == 403
    step["evidence_url"] = "https://example.org/release"
    assert post(client, f"{url}/status", step, ru_owner).json()["status"] == "released"
    milestone = post(
        client, f"{url}/milestones", {"title": "Festival cut", "due_on": today}, ru_owner
    )
    assert milestone.status_code == 201 and milestone.json()["done_on"] is None


def test_the_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/partnering/projects",
        "/api/v1/partnering/projects/{project_id}",
        "/api/v1/partnering/projects/{project_id}/confirm",
        "/api/v1/partnering/projects/{project_id}/consent",
    } <= set(paths)

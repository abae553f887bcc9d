"""The partnering API for every role: the contract's shapes (docs/DESIGN.md), writes through the
services, 4xx answers with reasons by field."""

import pytest

from bridge.accounts.tests.factories import ApiTokenFactory, UserFactory
from bridge.partnering.models import Interest, Listing
from bridge.partnering.tests.factories import ListingFactory, matched, member_of
from bridge.partnering.vocabulary import InterestStatus, Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BODY = {
    "kind": "request",
    "type": "co-production",
    "sectors": ["animation"],
    "title": "Сериал об Афанди",
    "summary": "Ищем студию для совместного производства.",
}


def bearer(user):
    raw = f"cb_tok_{user.pk:08d}"
    if not user.api_tokens.exists():
        ApiTokenFactory(user=user, raw=raw)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_contract_shape_of_lists_and_matches(client, ru_org, uz_org, ru_owner):
    request = ListingFactory(
        organisation=ru_org, kind="request", language="ru", title="Сериал о Насреддине"
    )
    offer = ListingFactory(organisation=uz_org, language="uz", title="Afandi haqida serial")
    matched(request, offer)
    page = client.get("/api/v1/partnering/listings", {"page": 1, "page_size": 1}).json()
    assert page["count"] == 2 and len(page["items"]) == 1
    assert {"id", "ref", "kind", "type", "title", "language", "country"} <= set(page["items"][0])
    found = client.get("/api/v1/partnering/listings", {"q": "Насреддин", "kind": "offer"}).json()
    assert [item["id"] for item in found["items"]] == [offer.pk]
    matches = client.get(
        f"/api/v1/partnering/listings/{request.pk}/matches",
        {"limit": 5, "lang": "uz"},
        **bearer(ru_owner),
    ).json()
    first = matches["items"][0]
    assert first["listing"]["id"] == offer.pk and first["listing"]["ref"] == offer.ref
    assert isinstance(first["score"], float) and first["score"] > 0
    assert any("Afandi" in reason for reason in first["reasons"])


@pytest.mark.parametrize(("limit", "status"), [(0, 422), (51, 422), ("x", 422), (50, 200)])
def test_match_limits(client, ru_org, ru_owner, limit, status):
    listing = ListingFactory(organisation=ru_org)
    response = client.get(
        f"/api/v1/partnering/listings/{listing.pk}/matches", {"limit": limit}, **bearer(ru_owner)
    )
    assert response.status_code == status


def test_unknown_or_absurd_ids_are_404(client):
    for listing_id in (999, 2**70):
        assert client.get(f"/api/v1/partnering/listings/{listing_id}").status_code == 404


def test_create_update_submit_through_the_services(client, ru_org, ru_owner, uz_owner):
    auth = bearer(ru_owner)
    response = client.post(
        "/api/v1/partnering/listings",
        {**BODY, "organisation": ru_org.pk},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    listing_id = response.json()["id"]
    assert response.json()["status"] == Status.DRAFT and response.json()["language"] == "ru"
    bad = client.patch(
        f"/api/v1/partnering/listings/{listing_id}",
        {"sectors": ["cooking"], "anonymous": True, "summary": "call +7 495 123 45 67"},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"sectors", "summary"}
    ok = client.post(f"/api/v1/partnering/listings/{listing_id}/submit", **auth)
    assert ok.json()["status"] == Status.PENDING
    again = client.post(f"/api/v1/partnering/listings/{listing_id}/submit", **auth)
    assert again.status_code == 422
    other = client.patch(
        f"/api/v1/partnering/listings/{listing_id}",
        {"title": "x"},
        content_type="application/json",
        **bearer(uz_owner),
    )
    assert other.status_code == 404  # waiting for validation: not visible to others


def test_create_is_refused_for_strangers_and_anonymous_callers(client, ru_org):
    payload = {**BODY, "organisation": ru_org.pk}
    assert (
        client.post(
            "/api/v1/partnering/listings", payload, content_type="application/json"
        ).status_code
        == 401
    )
    stranger = bearer(UserFactory())
    assert (
        client.post(
            "/api/v1/partnering/listings", payload, content_type="application/json", **stranger
        ).status_code
        == 403
    )
    assert not Listing.objects.exists()


def test_interests_send_duplicate_accept_decline(client, ru_org, uz_org, ru_owner, uz_owner):
    listing = ListingFactory(organisation=ru_org, author=ru_owner)
    body = {
        "organisation": uz_org.pk,
        "message": "Salom",
        "brings": "Team",
        "expects": "Money",
        "timing": "Now",
    }
    sent = client.post(
        f"/api/v1/partnering/listings/{listing.pk}/interests",
        body,
        content_type="application/json",
        **bearer(uz_owner),
    )
    assert sent.status_code == 201 and sent.json()["contacts"] == []
    again = client.post(
        f"/api/v1/partnering/listings/{listing.pk}/interests",
        body,
        content_type="application/json",
        **bearer(member_of(uz_org)),
    )
    assert (again.status_code, again.json()["code"]) == (409, "duplicate")
    interest_id = sent.json()["id"]
    refused = client.post(f"/api/v1/partnering/interests/{interest_id}/accept", **bearer(uz_owner))
    assert refused.status_code == 403
    owner_auth = bearer(ru_owner)
    accepted = client.post(f"/api/v1/partnering/interests/{interest_id}/accept", **owner_auth)
    assert accepted.status_code == 200
    assert uz_owner.email in [c["email"] for c in accepted.json()["contacts"]]
    twice = client.post(
        f"/api/v1/partnering/interests/{interest_id}/decline",
        {"reason": "no"},
        content_type="application/json",
        **owner_auth,
    )
    assert twice.status_code == 409
    mine = client.get("/api/v1/partnering/interests", **owner_auth).json()
    assert mine["items"][0]["direction"] == "received"
    assert Interest.objects.get().status == InterestStatus.ACCEPTED


def test_openapi_documents_the_partnering_paths(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/partnering/listings/{listing_id}/matches" in paths
    assert "403" in paths["/api/v1/partnering/listings/{listing_id}/matches"]["get"]["responses"]

"""The authenticated sample-request API: same rules as the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bridge.accounts.tests.factories import ApiTokenFactory, UserFactory
from bridge.materials.models import SampleRequest, SampleStatus
from bridge.materials.tests.factories_samples import (
    SampleRequestFactory,
    published_material,
    supplier_with_member,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
BASE = "/api/v1/sample-requests"
FUTURE = (timezone.localdate() + timedelta(days=5)).isoformat()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _auth(user) -> dict:
    raw = f"cb_test_{user.pk:08d}_samples"
    if not user.api_tokens.exists():
        ApiTokenFactory(user=user, raw=raw)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def setup(db):
    supplier, supplier_member = supplier_with_member()
    material = published_material(supplier=supplier)
    request = SampleRequestFactory(material=material)
    _other, other_member = supplier_with_member()
    return {
        "request": request,
        "material": material,
        "requester": request.requester,
        "supplier": supplier_member,
        "other_supplier": other_member,
        "staff": UserFactory(is_staff=True, is_superuser=True),
    }


def test_anonymous_gets_401(client, setup):
    assert client.get(BASE).status_code == 401
    assert client.get(f"{BASE}/{setup['request'].pk}").status_code == 401
    assert client.post(f"{BASE}/{setup['request'].pk}/cancel").status_code == 401


def test_each_side_lists_its_own(client, setup):
    SampleRequestFactory()  # another studio's request to another supplier
    mine = client.get(BASE, **_auth(setup["requester"])).json()
    assert [i["id"] for i in mine["items"]] == [setup["request"].pk]
    assert mine["items"][0]["side"] == "sent"
    assert mine["items"][0]["actions"] == ["cancel"]
    theirs = client.get(BASE + "?side=received", **_auth(setup["supplier"])).json()
    assert [i["id"] for i in theirs["items"]] == [setup["request"].pk]
    assert theirs["items"][0]["actions"] == ["accept", "decline"]
    assert client.get(BASE + "?side=sent", **_auth(setup["supplier"])).json()["count"] == 0
    assert client.get(BASE, **_auth(setup["other_supplier"])).json()["count"] == 0
    assert client.get(BASE, **_auth(setup["staff"])).json()["count"] == 0


def test_other_supplier_and_staff_cannot_see_the_detail(client, setup):
    pk = setup["request"].pk
    for who in ("other_supplier", "staff"):
        assert client.get(f"{BASE}/{pk}", **_auth(setup[who])).status_code == 404
        response = client.post(
            f"{BASE}/{pk}/accept",
            {"shipping_estimate": FUTURE},
            content_type="application/json",
            **_auth(setup[who]),
        )
        assert response.status_code == 404
    assert client.get(f"{BASE}/0", **_auth(setup["requester"])).status_code == 404
    assert client.get(f"{BASE}/{2**70}", **_auth(setup["requester"])).status_code in (404, 422)


def test_full_journey(client, setup):
    pk = setup["request"].pk
    supplier, requester = _auth(setup["supplier"]), _auth(setup["requester"])
    r = client.post(
        f"{BASE}/{pk}/accept",
        {"shipping_estimate": FUTURE},
        content_type="application/json",
        **supplier,
    )
    assert r.status_code == 200 and r.json()["status"]["code"] == "accepted"
    r = client.post(
        f"{BASE}/{pk}/ship",
        {"tracking_number": "RB1UZ"},
        content_type="application/json",
        **supplier,
    )
    assert r.json()["tracking_number"] == "RB1UZ"
    # Cancelling after shipping: 409 with a reason.
    r = client.post(f"{BASE}/{pk}/cancel", **requester)
    assert r.status_code == 409 and r.json()["detail"]
    r = client.post(f"{BASE}/{pk}/receive", **requester)
    assert r.json()["status"]["code"] == "received"
    r = client.post(f"{BASE}/{pk}/close", **supplier)
    assert r.json()["status"]["code"] == "closed"


def test_wrong_side_is_403_and_wrong_state_is_409(client, setup):
    pk = setup["request"].pk
    r = client.post(
        f"{BASE}/{pk}/accept",
        {"shipping_estimate": FUTURE},
        content_type="application/json",
        **_auth(setup["requester"]),
    )
    assert r.status_code == 403
    r = client.post(f"{BASE}/{pk}/receive", **_auth(setup["requester"]))
    assert r.status_code == 409
    assert SampleRequest.objects.get(pk=pk).status == SampleStatus.REQUESTED


def test_bad_input_is_422(client, setup):
    pk = setup["request"].pk
    supplier = _auth(setup["supplier"])
    for body in ({}, {"shipping_estimate": "tomorrow"}, {"shipping_estimate": "2001-01-01"}):
        r = client.post(f"{BASE}/{pk}/accept", body, content_type="application/json", **supplier)
        assert r.status_code == 422, body
    r = client.post(
        f"{BASE}/{pk}/decline", {"reason": ""}, content_type="application/json", **supplier
    )
    assert r.status_code == 422
    assert client.get(BASE + "?side=nobody", **supplier).status_code == 422


def test_create_refuses_two_suppliers_and_accepts_one(client, member, organisation):
    a = published_material()
    b = published_material()
    body = {
        "organisation_id": organisation.pk,
        "items": [{"material_id": a.pk, "quantity": 1}, {"material_id": b.pk, "quantity": 1}],
        "purpose": "x",
        "delivery_address": "y",
    }
    r = client.post(BASE, body, content_type="application/json", **_auth(member))
    assert r.status_code == 422
    assert not SampleRequest.objects.exists()
    body["items"] = body["items"][:1]
    r = client.post(BASE, body, content_type="application/json", **_auth(member))
    assert r.status_code == 201
    assert r.json()["supplier"]["id"] == a.supplier_id


def test_create_for_someone_elses_organisation_is_refused(client, outsider, organisation):
    body = {
        "organisation_id": organisation.pk,
        "items": [{"material_id": published_material().pk, "quantity": 1}],
        "purpose": "x",
        "delivery_address": "y",
    }
    r = client.post(BASE, body, content_type="application/json", **_auth(outsider))
    assert r.status_code == 422
    assert not SampleRequest.objects.exists()


def test_messages_through_the_api(client, setup):
    pk = setup["request"].pk
    r = client.post(
        f"{BASE}/{pk}/messages",
        {"body": "Blue?"},
        content_type="application/json",
        **_auth(setup["requester"]),
    )
    assert r.status_code == 200
    assert [m["body"] for m in r.json()["messages"]] == ["Blue?"]


def test_session_post_without_csrf_is_refused(setup):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(setup["requester"])
    r = strict.post(f"{BASE}/{setup['request'].pk}/cancel")
    assert r.status_code == 403
    assert SampleRequest.objects.get(pk=setup["request"].pk).status == SampleStatus.REQUESTED


def test_in_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/sample-requests" in paths
    assert "/api/v1/sample-requests/{request_id}/accept" in paths

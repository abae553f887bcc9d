"""The moderators' validation of offers and requests through the API: queue, one decision, a
bulk decision; nobody else may; reasons required to return or reject; nothing half-decided."""

import pytest

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory
from bridge.partnering.models import Listing
from bridge.partnering.tests.factories import ListingFactory
from bridge.partnering.vocabulary import Status

pytestmark = pytest.mark.integration

API = "/api/v1/partnering"


@pytest.fixture
def pending(ru_org):
    return [
        ListingFactory(organisation=ru_org, status=Status.PENDING, published_at=None)
        for _ in range(2)
    ]


def _post(client, url, data, **extra):
    return client.post(url, data, content_type="application/json", **extra)


def _statuses(listings):
    return [Listing.objects.get(pk=x.pk).status for x in listings]


def test_a_moderator_sees_the_queue_and_decides(client, moderator, pending, ru_org):
    ListingFactory(organisation=ru_org)  # published: not in the queue
    client.force_login(moderator)
    queue = client.get(f"{API}/validation-queue")
    assert queue.status_code == 200
    assert [item["id"] for item in queue.json()["items"]] == [x.pk for x in pending]
    assert queue.json()["items"][0]["organisation"]["name"] == ru_org.name

    no_reason = _post(client, f"{API}/listings/{pending[0].pk}/validate", {"decision": "reject"})
    assert no_reason.status_code == 422
    assert {e["field"] for e in no_reason.json()["errors"]} == {"reason"}
    bad = _post(client, f"{API}/listings/{pending[0].pk}/validate", {"decision": "maybe"})
    assert bad.status_code == 422
    assert _statuses(pending) == [Status.PENDING, Status.PENDING]

    published = _post(client, f"{API}/listings/{pending[0].pk}/validate", {"decision": "publish"})
    assert published.status_code == 200
    assert published.json()["status"] == Status.PUBLISHED
    again = _post(client, f"{API}/listings/{pending[0].pk}/validate", {"decision": "publish"})
    assert again.status_code == 422


def test_a_bulk_decision(client, moderator, pending):
    client.force_login(moderator)
    ids = [x.pk for x in pending]
    refused = _post(client, f"{API}/listings/validate", {"listings": ids, "decision": "return"})
    assert refused.status_code == 422
    assert _statuses(pending) == [Status.PENDING, Status.PENDING]
    done = _post(
        client,
        f"{API}/listings/validate",
        {"listings": ids, "decision": "return", "reason": "Add a budget."},
    )
    assert done.json() == {"count": 2}
    assert _statuses(pending) == [Status.RETURNED, Status.RETURNED]
    none_left = _post(client, f"{API}/listings/validate", {"listings": ids, "decision": "publish"})
    assert none_left.status_code == 404
    empty = _post(client, f"{API}/listings/validate", {"listings": [], "decision": "publish"})
    assert empty.status_code == 422


@pytest.mark.parametrize("who", ["analyst", "ru_owner"])
def test_others_may_not_validate(client, pending, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"{API}/validation-queue").status_code == 403
    one = _post(client, f"{API}/listings/{pending[0].pk}/validate", {"decision": "publish"})
    assert one.status_code == 403
    many = _post(
        client, f"{API}/listings/validate", {"listings": [pending[0].pk], "decision": "publish"}
    )
    assert many.status_code == 403
    assert _statuses(pending) == [Status.PENDING, Status.PENDING]


def test_anonymous_and_read_only_callers_may_not(client, moderator, pending):
    assert client.get(f"{API}/validation-queue").status_code == 401
    url = f"{API}/listings/{pending[0].pk}/validate"
    assert _post(client, url, {"decision": "publish"}).status_code == 401
    ApiTokenFactory(user=moderator, raw="cb_moderator_read_1", scope=TokenScope.READ)
    bearer = {"HTTP_AUTHORIZATION": "Bearer cb_moderator_read_1"}
    assert client.get(f"{API}/validation-queue", **bearer).status_code == 200
    assert _post(client, url, {"decision": "publish"}, **bearer).status_code == 403
    assert _statuses(pending) == [Status.PENDING, Status.PENDING]

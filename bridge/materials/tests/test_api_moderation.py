"""The moderators' decisions on listings through the API: publish, reject with a reason; only
moderators and superusers; a decision the listing's status does not allow is a 409; each
decision has its audit entry, a refused one none."""

import pytest

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.materials.models import Material
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.factories_api import bearer
from bridge.materials.tests.factories_samples import supplier_with_member
from bridge.materials.vocabulary import Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/material-moderation"


def _post(client, url, data=None, **headers):
    return client.post(url, data or {}, content_type="application/json", **headers)


@pytest.fixture
def supplier():
    return supplier_with_member(role=Role.OWNER)


@pytest.fixture
def pending(supplier):
    organisation, _owner = supplier
    return MaterialFactory(supplier=organisation, status=Status.PENDING)


def _status(material) -> str:
    return Material.objects.get(pk=material.pk).status


def test_a_moderator_publishes_and_rejects(client, moderator, pending):
    headers = bearer(moderator)
    published = _post(client, f"{API}/{pending.pk}/publish", **headers)
    assert published.status_code == 200, published.content
    assert published.json()["status"]["code"] == "published"
    assert published.json()["url"]
    twice = _post(client, f"{API}/{pending.pk}/publish", **headers)
    assert twice.status_code == 409 and twice.json()["code"] == "invalid_transition"

    no_reason = _post(client, f"{API}/{pending.pk}/reject", {"reason": ""}, **headers)
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "reason"
    blank = _post(client, f"{API}/{pending.pk}/reject", {"reason": "   "}, **headers)
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "reason"
    long = _post(client, f"{API}/{pending.pk}/reject", {"reason": "x" * 2001}, **headers)
    assert long.status_code == 422
    assert _status(pending) == Status.PUBLISHED

    rejected = _post(client, f"{API}/{pending.pk}/reject", {"reason": "No photos."}, **headers)
    assert rejected.status_code == 200
    assert rejected.json()["rejection_reason"] == "No photos."
    assert _status(pending) == Status.REJECTED
    actions = list(
        AuditEntry.objects.filter(action__startswith="material.").values_list("action", flat=True)
    )
    assert sorted(actions) == ["material.publish", "material.reject"]
    assert _post(client, f"{API}/999999/publish", **headers).status_code == 404
    assert _post(client, f"{API}/0/publish", **headers).status_code == 422


def test_an_archived_listing_is_not_decided(client, moderator, supplier):
    archived = MaterialFactory(supplier=supplier[0], status=Status.ARCHIVED)
    headers = bearer(moderator)
    assert _post(client, f"{API}/{archived.pk}/publish", **headers).status_code == 409
    refused = _post(client, f"{API}/{archived.pk}/reject", {"reason": "Old"}, **headers)
    assert refused.status_code == 409
    assert _status(archived) == Status.ARCHIVED


def test_nobody_else_decides(client, pending, supplier, analyst, programme_manager):
    _organisation, owner = supplier
    for someone in (owner, analyst, programme_manager, UserFactory()):
        assert _post(client, f"{API}/{pending.pk}/publish", **bearer(someone)).status_code == 403
        answer = _post(client, f"{API}/{pending.pk}/reject", {"reason": "x"}, **bearer(someone))
        assert answer.status_code == 403
    assert _post(client, f"{API}/{pending.pk}/publish").status_code == 401
    assert _status(pending) == Status.PENDING
    assert not AuditEntry.objects.filter(action__startswith="material.").exists()


def test_a_read_only_token_may_not(client, moderator, pending):
    read_only = bearer(moderator, read_only=True)
    assert _post(client, f"{API}/{pending.pk}/publish", **read_only).status_code == 403
    assert _status(pending) == Status.PENDING

"""The moderators' queue of materials: bulk publish / reject with a reason, audit trail."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.core.models import AuditEntry
from bridge.materials.models import Material, MaterialFibre
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status
from bridge.search.selectors import search

pytestmark = pytest.mark.integration
QUEUE = reverse("materials_supplier:moderation")
DECIDE = reverse("materials_supplier:moderation_decide")


@pytest.mark.parametrize("who", ["owner", "member", "analyst", "programme_manager", "outsider"])
def test_only_moderators_see_the_queue(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(QUEUE).status_code == 403
    assert client.post(DECIDE, {"action": "publish", "ids": [1]}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(QUEUE).status_code == 302


def test_queue_lists_pending_materials(client, moderator):
    MaterialFactory(name="Waiting ikat", status=Status.PENDING)
    MaterialFactory(name="Just a draft", status=Status.DRAFT)
    client.force_login(moderator)
    page = client.get(QUEUE).content.decode()
    assert "Waiting ikat" in page and "Just a draft" not in page


def test_bulk_publish_indexes_and_audits(client, moderator):
    pending = MaterialFactory.create_batch(3, status=Status.PENDING)
    client.force_login(moderator)
    response = client.post(
        DECIDE, {"action": "publish", "ids": [m.pk for m in pending]}, follow=True
    )
    assert "3 materials published." in response.content.decode()
    assert Material.objects.filter(status=Status.PUBLISHED).count() == 3
    assert search(key="materials", q="").count == 3
    entries = AuditEntry.objects.filter(action="material.publish", actor=moderator)
    assert entries.count() == 3


def test_bulk_reject_needs_a_reason(client, moderator):
    material = MaterialFactory(status=Status.PENDING)
    client.force_login(moderator)
    response = client.post(DECIDE, {"action": "reject", "ids": [material.pk], "reason": "  "})
    assert response.status_code == 400
    assert "Say why the materials are rejected." in response.content.decode()
    material.refresh_from_db()
    assert material.status == Status.PENDING


def test_bulk_reject_with_reason_is_audited_and_shown_to_the_supplier(
    client, moderator, organisation, owner
):
    materials = MaterialFactory.create_batch(2, supplier=organisation, status=Status.PENDING)
    client.force_login(moderator)
    client.post(
        DECIDE,
        {"action": "reject", "ids": [m.pk for m in materials], "reason": "No composition given"},
    )
    for material in materials:
        material.refresh_from_db()
        assert material.status == Status.REJECTED
        assert material.rejection_reason == "No composition given"
    entry = AuditEntry.objects.filter(action="material.reject").first()
    assert entry.data["reason"] == "No composition given"
    # the audit trail is visible to the moderator
    history = client.get(reverse("materials_supplier:moderation_history", args=[materials[0].pk]))
    assert "Rejected" in history.content.decode()
    assert "No composition given" in history.content.decode()
    # and the supplier reads the reason on its dashboard
    client.force_login(owner)
    page = client.get(reverse("materials_supplier:dashboard", args=[organisation.slug]))
    assert "No composition given" in page.content.decode()


def test_draft_cannot_be_rejected_and_is_reported(client, moderator):
    draft = MaterialFactory(name="Early draft", status=Status.DRAFT)
    client.force_login(moderator)
    response = client.post(
        DECIDE, {"action": "reject", "ids": [draft.pk], "reason": "x"}, follow=True
    )
    assert "Early draft" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_next_must_stay_on_the_site(client, moderator):
    material = MaterialFactory(status=Status.PENDING)
    client.force_login(moderator)
    response = client.post(
        DECIDE, {"action": "publish", "ids": [material.pk], "next": "https://evil.example/"}
    )
    assert response["Location"] == QUEUE


def test_organisation_moderation_page_links_to_materials(client, moderator):
    client.force_login(moderator)
    page = client.get(reverse("organisations:moderation")).content.decode()
    assert QUEUE in page


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE).status_code == 200
    return len(queries)


def test_queue_queries_do_not_grow(client, moderator):
    client.force_login(moderator)

    def make(n):
        for material in MaterialFactory.create_batch(n, status=Status.PENDING):
            MaterialFibre.objects.create(material=material, fibre="silk", percent=100)
            client.post(DECIDE, {"action": "publish", "ids": [material.pk]})
            material.status = Status.PENDING
            material.save()

    make(3)
    few = _count(client)
    make(6)
    assert _count(client) == few

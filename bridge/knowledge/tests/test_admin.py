"""Staff create events in the admin, through the same services as everywhere: the search entry
follows and the audit log records it; the library is read-only there."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.knowledge.models import Event, EventStatus
from bridge.knowledge.tests.factories import EntryFactory
from bridge.search.selectors import search

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def inline_management(prefix: str) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_an_event_created_in_the_admin_is_published_indexed_and_audited(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    start = timezone.localtime(timezone.now() + timedelta(days=3)).replace(microsecond=0)
    data = {
        "kind": "masterclass",
        "title_ru": "Мастер-класс по сюзане",
        "language": "ru",
        "starts_at_0": start.strftime("%Y-%m-%d"),
        "starts_at_1": start.strftime("%H:%M:%S"),
        # The end's own date: after 22:00 two hours later is tomorrow.
        "ends_at_0": (start + timedelta(hours=2)).strftime("%Y-%m-%d"),
        "ends_at_1": (start + timedelta(hours=2)).strftime("%H:%M:%S"),
        "timezone": "Asia/Tashkent",
        "online": "on",
        "join_url": "https://meet.example/suzani",
        "capacity": "30",
        "status": EventStatus.PUBLISHED,
        "themes": '["suzani"]',
        **inline_management("materials"),
        **inline_management("registrations"),
    }
    response = client.post("/staff/admin/knowledge/event/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert event.status == EventStatus.PUBLISHED and event.slug.startswith(
        "master-klass-po-syuzane"
    )
    assert search(key="events", concepts=["suzani"]).ids == [event.pk]
    assert {"knowledge.event_create", "knowledge.event_publish"} <= set(
        AuditEntry.objects.values_list("action", flat=True)
    )


def test_the_library_is_read_only_in_the_admin(client):
    entry = EntryFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/staff/admin/knowledge/practice/add/").status_code == 403
    page = client.get(f"/staff/admin/knowledge/entry/{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()

"""The sample inbox's lines move into the notification centre (materials 0009): each line once,
with its time and read state, and a line the centre already holds is not copied again."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bridge.accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BEFORE = [("materials", "0008_exchange_rate_sources"), ("core", "0003_notification_centre")]
AFTER = [("materials", "0009_fold_notifications_into_centre")]
TEMPLATE = "materials/samples/email/event"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_lines_are_copied_once_with_their_time_and_read_state(settings):
    apps = _migrate(BEFORE)
    Old = apps.get_model("materials", "Notification")
    New = apps.get_model("core", "Notification")
    person = UserFactory()  # the accounts tables stay as they are now
    then = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    read = Old.objects.create(
        recipient_id=person.pk,
        verb="requested",
        target_url="/materials/samples/7/",
        target_label="#7 · A",
    )
    unread = Old.objects.create(
        recipient_id=person.pk,
        verb="message",
        target_url="/materials/samples/7/",
        target_label="#7 · A",
    )
    Old.objects.filter(pk=read.pk).update(created_at=then, read_at=then)
    Old.objects.filter(pk=unread.pk).update(created_at=then)
    # The second message was recorded by the centre as well (since the centre exists).
    Old.objects.create(
        recipient_id=person.pk,
        verb="message",
        target_url="/materials/samples/7/",
        target_label="#7 · A",
    )
    New.objects.create(
        recipient_id=person.pk,
        kind="samples",
        template=TEMPLATE,
        context={
            "verb": "message",
            "label": "#7 · A",
            "url": settings.SITE_URL + "/materials/samples/7/",
        },
        delivery="instant",
    )

    apps = _migrate(AFTER)
    New = apps.get_model("core", "Notification")
    lines = New.objects.filter(recipient_id=person.pk, template=TEMPLATE)
    assert lines.count() == 3, "two copied, the centre's own kept, no twin"
    copied = lines.filter(created_at=then)
    assert sorted(copied.values_list("context__verb", flat=True)) == ["message", "requested"]
    assert copied.get(context__verb="requested").read_at == then
    assert copied.get(context__verb="message").read_at is None
    assert all(
        line.context["url"] == settings.SITE_URL + "/materials/samples/7/" for line in copied
    )
    assert set(copied.values_list("kind", "delivery")) == {("samples", "instant")}
    assert "materials_notification" not in connection.introspection.table_names()

"""The daily digest: one e-mail per person with held notifications, in their language, once."""

import pytest
from django.core import mail
from django.core.management import call_command

from bridge.core.mail import notify
from bridge.core.models import Delivery, Notification, NotificationPreference
from bridge.core.periodic import jobs


@pytest.fixture
def digest_reader(outsider):
    NotificationPreference.objects.create(
        user=outsider, kind="organisation", delivery=Delivery.DIGEST
    )
    for name in ("Atlas Weavers", "Rishton Ceramics"):
        notify(
            to=outsider,
            template="organisations/email/verified",
            context={"organisation": name, "url": "/organisations/x/"},
        )
    return outsider


def test_one_email_lists_the_held_notifications_and_a_second_run_sends_nothing(digest_reader):
    assert mail.outbox == []
    call_command("send_notification_digest")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Atlas Weavers is verified" in body
    assert "Rishton Ceramics is verified" in body
    assert "2 new notifications" in mail.outbox[0].subject
    assert not Notification.objects.filter(digest_sent_at__isnull=True).exists()
    call_command("send_notification_digest")
    assert len(mail.outbox) == 1


def test_the_digest_is_in_the_readers_language(digest_reader):
    digest_reader.language = "ru"
    digest_reader.save(update_fields=["language"])
    call_command("send_notification_digest")
    assert "Atlas Weavers" in mail.outbox[0].body
    assert "is verified" not in mail.outbox[0].body


def test_instant_and_in_app_lines_never_go_into_a_digest(outsider):
    notify(to=outsider, template="organisations/email/verified", context={"organisation": "A"})
    call_command("send_notification_digest")
    assert len(mail.outbox) == 1  # the instant one only


def test_the_digest_is_a_daily_periodic_job(digest_reader):
    job = next(job for job in jobs("daily") if job.name == "notification-digest")
    assert job.run() == 1
    assert job.run() == 0
    assert len(mail.outbox) == 1

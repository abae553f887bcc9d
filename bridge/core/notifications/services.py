"""Writes of the notification centre: recording what `notify` says, delivering it as each person
chose, marking lines read, choosing per kind, and the daily digest."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from bridge.core.audit import audit_log
from bridge.core.models import Delivery, Notification, NotificationPreference
from bridge.core.notifications.kinds import KINDS, kind_of
from bridge.core.notifications.selectors import delivery_for, link_of, site_urls, subject_of
from bridge.core.notifications.tokens import unsubscribe_url
from bridge.core.tasks import send_templated_email

DIGEST_TEMPLATE = "core/email/notifications_digest"


def _language(person, language: str = "") -> str:
    return language or getattr(person, "language", "") or settings.LANGUAGE_CODE


def notification_deliver(
    *, to, template: str, context: dict, language: str = ""
) -> Notification | None:
    """Tell one person (a user, or a bare address of someone without an account) about something.

    A user gets a line in their notification centre and, as they chose for the kind, the e-mail
    now, in the daily digest, or not at all. A bare address is always e-mailed at once.
    """
    kind = kind_of(template)
    if isinstance(to, str):
        send_templated_email.enqueue(
            to=[to], template=template, context=context, language=_language(None, language)
        )
        return None
    language = _language(to, language)
    delivery = delivery_for(to, kind.key)
    notification = Notification.objects.create(
        recipient=to,
        kind=kind.key,
        template=template,
        # Account mail carries one-time links (confirmation, password reset): never kept.
        context={} if kind.essential else json.loads(json.dumps(context, cls=DjangoJSONEncoder)),
        delivery=delivery,
    )
    # A closed account (deleted: an address at .invalid; or switched off by staff) is written to
    # no more, as the digest does not; the line stays for the record.
    if delivery == Delivery.INSTANT and to.is_active and to.email:
        send_templated_email.enqueue(
            to=[to.email],
            template=template,
            context=context,
            language=language,
            unsubscribe="" if kind.essential else unsubscribe_url(user_id=to.pk, kind=kind.key),
            kind=kind.key,
        )
    return notification


def notification_mark_read(*, user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_read_about(*, user, path: str) -> int:
    """Opening a page marks the person's unread lines that lead to it as read: they have seen
    what the notification was about."""
    return Notification.objects.filter(
        recipient=user, read_at__isnull=True, context__url__in=site_urls(path)
    ).update(read_at=timezone.now())


def notifications_mark_all_read(*, user) -> int:
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return count


@transaction.atomic
def preferences_set(
    *, user, choices: dict[str, str], actor=None, via: str = "settings"
) -> dict[str, str]:
    """Store the person's choice per kind; essential kinds and unknown values are ignored."""
    valid = set(Delivery.values)
    changed = {}
    for key, delivery in choices.items():
        if key not in KINDS or KINDS[key].essential or delivery not in valid:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=key, defaults={"delivery": delivery}
        )
        changed[key] = delivery
    if changed:
        audit_log(
            actor=actor, action="notifications.preferences", target=user, changes=changed, via=via
        )
    return changed


def preference_unsubscribe(*, user, kind: str) -> bool:
    """The one-click link: that kind becomes in-app only. False for an essential or unknown kind."""
    if kind not in KINDS or KINDS[kind].essential:
        return False
    preferences_set(user=user, choices={kind: Delivery.IN_APP}, via="unsubscribe link")
    return True


def digests_send() -> int:
    """One e-mail per person with held notifications, listing them; each line is marked sent in
    the same transaction, so a second run (or a timer firing twice) sends nothing more."""
    sent = 0
    people = (
        Notification.objects.filter(delivery=Delivery.DIGEST, digest_sent_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for person_id in list(people):
        sent += _send_digest(person_id)
    return sent


@transaction.atomic
def _send_digest(person_id: int) -> int:
    held = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(recipient_id=person_id, delivery=Delivery.DIGEST, digest_sent_at__isnull=True)
        .select_related("recipient")
        .order_by("created_at", "id")
    )
    if not held:
        return 0
    person = held[0].recipient
    Notification.objects.filter(pk__in=[n.pk for n in held]).update(digest_sent_at=timezone.now())
    if not person.is_active or not person.email:
        return 0
    language = _language(person)
    with translation.override(language):
        lines = [{"subject": subject_of(n), "url": link_of(n, absolute=True)} for n in held]
    settings_url = settings.SITE_URL.rstrip("/") + reverse("core:notification_settings")
    context = {"lines": lines, "count": len(lines), "settings_url": settings_url}
    # Inside the transaction: with the database task backend the task row commits together with
    # the marks (exactly once); with the inline one a failed send leaves them held for tomorrow.
    send_templated_email.enqueue(
        to=[person.email], template=DIGEST_TEMPLATE, context=context, language=language
    )
    return 1

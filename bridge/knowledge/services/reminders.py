"""Reminders before an event: a day before and an hour before, once each, to everyone with a
confirmed place, in their language and with the time in their own zone. Run by the task worker
or `manage.py event_reminders` (every few minutes from cron)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bridge.knowledge import notifications
from bridge.knowledge.models import EventStatus, Registration, RegistrationStatus

# The hour first: an event an hour away gets that reminder alone, not both at once.
WINDOWS = (("reminded_hour_at", timedelta(hours=1)), ("reminded_day_at", timedelta(hours=24)))


def event_reminders_send(*, now=None) -> dict[str, int]:
    """Send the reminders due at ``now``; returns how many of each went out. Each registration is
    claimed by an UPDATE that only one worker wins, so two runs never remind twice."""
    now = now or timezone.now()
    sent = {}
    for field, ahead in WINDOWS:
        due = Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + ahead,
            **{f"{field}__isnull": True},
        ).select_related("event", "user")
        count = 0
        for registration in due:
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=registration.pk, **{f"{field}__isnull": True}
                ).update(**{field: now})
                if not claimed:
                    continue
                if field == "reminded_hour_at":
                    # An hour before also covers the day-before reminder.
                    Registration.objects.filter(
                        pk=registration.pk, reminded_day_at__isnull=True
                    ).update(reminded_day_at=now)
                event, person = registration.event, registration.user
                notifications.send(
                    person,
                    "event_reminder",
                    lambda language, event=event, person=person: {
                        **notifications.event_context(event, person, language),
                        "join_url": event.join_url if event.online else "",
                    },
                )
                count += 1
        sent[field] = count
    return sent

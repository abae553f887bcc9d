"""Ratings of held meetings: each side rates each held meeting once, from 1 to 5 with an optional
note, and may change it for RATING_EDIT_DAYS. The clock invites each person the day after the
event (in the event's time zone), once."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.partnering import rules
from bridge.partnering.models import Meeting, MeetingRating, Registration
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.models.ratings import RATING_NOTE_MAX
from bridge.partnering.notifications import notify_people

RATING_EDIT_DAYS = 14


def day_after(event) -> datetime:
    """Midnight after the event's last day, where the event takes place."""
    last = event.first_day + timedelta(days=event.days)
    return datetime.combine(last, time(0), tzinfo=event.zone)


def rating_side(user, meeting: Meeting) -> Registration | None:
    """The side of the meeting the user rates for (their own registration first)."""
    sides = [meeting.request.sender, meeting.request.recipient]
    for side in sides:
        if side.person_id == user.pk:
            return side
    return next((side for side in sides if rules.can_act_for_registration(user, side)), None)


def score_clean(score) -> int:
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ValidationError({"score": _("Choose a rating from 1 to 5.")})
    return value


@transaction.atomic
def meeting_rate(*, actor, meeting: Meeting, score, note: str = "") -> MeetingRating:
    """Rate (or, within RATING_EDIT_DAYS of the first rating, re-rate) a held meeting."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("request__sender", "request__recipient")
        .get(pk=meeting.pk)
    )
    side = rating_side(actor, meeting) if getattr(actor, "is_authenticated", False) else None
    if side is None:
        raise PermissionDenied
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Only a meeting that was held can be rated."))
    value = score_clean(score)
    note = (note or "").replace("\x00", "").strip()
    if len(note) > RATING_NOTE_MAX:
        raise ValidationError(
            {
                "note": _("At most %(limit)d characters (now %(count)d).")
                % {"limit": RATING_NOTE_MAX, "count": len(note)}
            }
        )
    rating = MeetingRating.objects.filter(meeting=meeting, registration=side).first()
    if rating is None:
        rating = MeetingRating.objects.create(
            meeting=meeting, registration=side, score=value, note=note
        )
    elif timezone.now() > rating.created_at + timedelta(days=RATING_EDIT_DAYS):
        raise ValidationError(
            _("A rating can be changed for %(days)d days only.") % {"days": RATING_EDIT_DAYS}
        )
    else:
        rating.score, rating.note = value, note
        rating.save(update_fields=["score", "note", "updated_at"])
    audit_log(actor=actor, action="meeting.rate", target=meeting, score=value)
    return rating


def ratings_tick(*, now=None) -> dict[str, int]:
    """The day after an event, invite each person with a held meeting to rate it (once)."""
    now = now or timezone.now()
    held = Q(sent__meeting__status=MeetingStatus.HELD) | Q(
        received__meeting__status=MeetingStatus.HELD
    )
    due = (
        Registration.objects.filter(held, rating_invited_at__isnull=True)
        .filter(event__first_day__lt=timezone.localdate(now))
        .select_related("event", "person")
        .distinct()
    )
    invited = 0
    for registration in due:
        if now < day_after(registration.event):
            continue
        with transaction.atomic():
            if not Registration.objects.filter(
                pk=registration.pk, rating_invited_at__isnull=True
            ).update(rating_invited_at=now):
                continue  # another worker got there first
            notify_people(
                [registration.person],
                template="partnering/email/meeting_rate",
                context={"event": registration.event.name, "url": reverse("partnering:ratings")},
            )
            invited += 1
    return {"ratings_invited": invited}

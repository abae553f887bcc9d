"""The outcome survey of held meetings: six months after the event the clock asks both sides,
once per meeting, what came of it; each side answers (and may update its answer) on a page."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.partnering.models import Meeting, MeetingOutcome
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.models.ratings import Outcome
from bridge.partnering.notifications import notify_people
from bridge.partnering.services.ratings import day_after, rating_side

OUTCOME_AFTER = timedelta(days=182)


@transaction.atomic
def outcome_answer(*, actor, meeting: Meeting, answer: str) -> MeetingOutcome:
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("request__sender", "request__recipient")
        .get(pk=meeting.pk)
    )
    side = rating_side(actor, meeting) if getattr(actor, "is_authenticated", False) else None
    if side is None:
        raise PermissionDenied
    if meeting.status != MeetingStatus.HELD or meeting.outcome_asked_at is None:
        raise ValidationError(_("This meeting has no outcome survey to answer."))
    if answer not in Outcome.values:
        raise ValidationError({"answer": _("Choose an answer from the list.")})
    outcome, _created = MeetingOutcome.objects.update_or_create(
        meeting=meeting, registration=side, defaults={"answer": answer}
    )
    audit_log(actor=actor, action="meeting.outcome", target=meeting, answer=answer)
    return outcome


def outcomes_tick(*, now=None) -> dict[str, int]:
    """Ask both sides of each held meeting, six months after its event, once."""
    now = now or timezone.now()
    due = (
        Meeting.objects.filter(status=MeetingStatus.HELD, outcome_asked_at__isnull=True)
        .filter(event__first_day__lt=timezone.localdate(now) - OUTCOME_AFTER)
        .select_related(
            "event",
            "request__sender__person",
            "request__sender__organisation",
            "request__recipient__person",
            "request__recipient__organisation",
        )
    )
    asked = 0
    for meeting in due:
        if now < day_after(meeting.event) + OUTCOME_AFTER:
            continue
        with transaction.atomic():
            if not Meeting.objects.filter(pk=meeting.pk, outcome_asked_at__isnull=True).update(
                outcome_asked_at=now
            ):
                continue  # another worker got there first
            request = meeting.request
            pairs = ((request.sender, request.recipient), (request.recipient, request.sender))
            for side, other in pairs:
                notify_people(
                    [side.person],
                    template="partnering/email/meeting_outcome",
                    context={
                        "event": meeting.event.name,
                        "other": str(other.organisation),
                        "url": reverse("partnering:outcomes"),
                    },
                )
            asked += 1
    return {"outcomes_asked": asked}

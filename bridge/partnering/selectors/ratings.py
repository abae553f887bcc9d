"""Reads for rating meetings: my held meetings with the other side and my rating, in a fixed
number of queries whatever their number."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from bridge.partnering.models import Meeting, MeetingOutcome, MeetingRating
from bridge.partnering.models.events import MeetingStatus


def meetings_to_rate(user) -> list[Meeting]:
    """Held meetings the user sat at, newest first; each with `.other` and `.my_rating`."""
    return _held(user, MeetingRating, Q())


def meetings_to_follow_up(user) -> list[Meeting]:
    """Held meetings whose outcome survey went out; `.my_rating` is then my outcome answer."""
    return _held(user, MeetingOutcome, Q(outcome_asked_at__isnull=False))


def _held(user, model, condition: Q) -> list[Meeting]:
    mine = Q(request__sender__person=user) | Q(request__recipient__person=user)
    related = "ratings" if model is MeetingRating else "outcomes"
    meetings = list(
        Meeting.objects.filter(mine, condition, status=MeetingStatus.HELD)
        .select_related(
            "event",
            "slot",
            "request__sender__person",
            "request__sender__organisation",
            "request__recipient__person",
            "request__recipient__organisation",
        )
        .prefetch_related(
            Prefetch(
                related,
                queryset=model.objects.filter(registration__person=user),
                to_attr="mine",
            )
        )
        .order_by("-slot__starts_at", "-pk")[:200]
    )
    for meeting in meetings:
        request = meeting.request
        own_side = request.sender if request.sender.person_id == user.pk else request.recipient
        meeting.other = request.recipient if own_side is request.sender else request.sender
        meeting.my_rating = meeting.mine[0] if meeting.mine else None
    return meetings

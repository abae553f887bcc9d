"""Reads of matchmaking events: the list, one event, a person's registration, their requests."""

from __future__ import annotations

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404

from bridge.partnering import rules
from bridge.partnering.models import (
    Event,
    MeetingOutcome,
    MeetingRating,
    MeetingRequest,
    Registration,
)
from bridge.partnering.models.events import EventStatus, MeetingStatus, RequestStatus
from bridge.partnering.models.ratings import Outcome


def visible_events(user) -> QuerySet[Event]:
    events = Event.objects.all()
    if not rules.can_run_events(user) and not rules.is_staff_reader(user):
        events = events.exclude(status=EventStatus.DRAFT)
    return events.annotate(people=Count("registrations", distinct=True))


def event_for(user, slug: str) -> Event:
    event = visible_events(user).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


def registration_of(user, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Registration.objects.select_related("organisation", "person")
        .filter(event=event, person=user)
        .first()
    )


def participants(event: Event, *, exclude: Registration | None = None) -> QuerySet[Registration]:
    people = (
        Registration.objects.filter(event=event)
        .select_related("person", "organisation")
        .prefetch_related("listings")
        .order_by("organisation__name", "person__full_name", "person__email")
    )
    if exclude is not None:
        people = people.exclude(organisation=exclude.organisation)
    return people


def requests_of(registration: Registration) -> tuple[list, list]:
    base = MeetingRequest.objects.select_related(
        "sender__person", "sender__organisation", "recipient__person", "recipient__organisation"
    )
    received = list(base.filter(recipient=registration).order_by("-created_at")[:200])
    sent = list(base.filter(sender=registration).order_by("-created_at")[:200])
    return received, sent


def funnel(event: Event) -> dict[str, int]:
    """Requests → accepted → held → outcomes (answers of either side, by answer), with the
    ratings, for staff; four queries whatever the size of the event."""
    requests = MeetingRequest.objects.filter(event=event).aggregate(
        requests=Count("pk"),
        accepted=Count("pk", filter=Q(status=RequestStatus.ACCEPTED)),
    )
    held = event.meetings.filter(status=MeetingStatus.HELD).count()
    answers = MeetingOutcome.objects.filter(meeting__event=event).aggregate(
        **{f"n{i}": Count("pk", filter=Q(answer=value)) for i, value in enumerate(Outcome.values)}
    )
    outcomes = [(label, answers[f"n{i}"]) for i, (_v, label) in enumerate(Outcome.choices)]
    ratings = MeetingRating.objects.filter(meeting__event=event).aggregate(
        ratings=Count("pk"), rating_average=Avg("score")
    )
    return {**requests, "held": held, "outcomes": outcomes, **ratings}

"""Writes of matchmaking events: create with its grid, publish, register people, mark the slots
a person cannot attend, publish the agenda. Staff actions are audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts.models import Membership
from bridge.core.audit import audit_log
from bridge.partnering import rules
from bridge.partnering.models import Booking, Event, Registration, Slot, Table
from bridge.partnering.models.events import EventStatus, MeetingStatus
from bridge.partnering.scheduling.grid import cells, parse_breaks
from bridge.partnering.vocabulary import Status


def _staff(actor) -> None:
    if not rules.can_run_events(actor):
        raise PermissionDenied


def event_grid_build(*, event: Event) -> int:
    """(Re)build the slots and tables of an event nobody has registered for yet."""
    try:
        breaks = parse_breaks(event.breaks)
    except (TypeError, ValueError):
        raise ValidationError(
            {"breaks": _("Each break is a pair of times, the start before the end.")}
        ) from None
    grid = cells(
        first_day=event.first_day,
        days=event.days,
        day_start=event.day_start,
        day_end=event.day_end,
        slot_minutes=event.slot_minutes,
        breaks=breaks,
        zone=event.zone,
    )
    if not grid:
        raise ValidationError({"day_end": _("The day is too short for a single slot.")})
    event.slots.all().delete()
    event.table_set.all().delete()
    Slot.objects.bulk_create(
        Slot(event=event, day=c.day, position=c.position, starts_at=c.starts_at, ends_at=c.ends_at)
        for c in grid
    )
    Table.objects.bulk_create(Table(event=event, number=n) for n in range(1, event.tables + 1))
    return len(grid)


@transaction.atomic
def event_create(*, actor, **fields) -> Event:
    _staff(actor)
    event = Event(**fields)
    event.full_clean()
    event.save()
    event_grid_build(event=event)
    audit_log(actor=actor, action="event.create", target=event)
    return event


@transaction.atomic
def event_publish(*, actor, event: Event) -> Event:
    _staff(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("This event is already published."), code="published")
    if not event.slots.exists():
        event_grid_build(event=event)
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status"])
    audit_log(actor=actor, action="event.publish", target=event)
    return event


def registration_open(event: Event, *, now=None) -> bool:
    now = now or timezone.now()
    return (
        event.status != EventStatus.DRAFT
        and event.registration_opens <= now < event.registration_closes
    )


@transaction.atomic
def registration_create(
    *, actor, event: Event, organisation, person=None, listings=()
) -> Registration:
    """An organisation member registers themself or a colleague, presenting its listings."""
    person = person or actor
    if not rules.can_write_for(actor, organisation):
        raise PermissionDenied
    if not Membership.objects.filter(organisation=organisation, user=person).exists():
        raise ValidationError({"person": _("Only members of the organisation can be registered.")})
    if not registration_open(event):
        raise ValidationError(_("Registration for this event is closed."), code="closed")
    chosen = list(listings)
    foreign = [
        listing
        for listing in chosen
        if listing.organisation_id != organisation.pk or listing.status != Status.PUBLISHED
    ]
    if foreign:
        raise ValidationError(
            {"listings": _("Present only your organisation's published listings.")}
        )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event, person=person, organisation=organisation
            )
    except IntegrityError:
        raise ValidationError(
            {"person": _("This person is already registered for the event.")}
        ) from None
    registration.listings.set(chosen)
    audit_log(actor=actor, action="event.register", target=registration, event=event.pk)
    return registration


@transaction.atomic
def registration_listings_set(*, actor, registration: Registration, listings) -> Registration:
    if not rules.can_write_for(actor, registration.organisation):
        raise PermissionDenied
    chosen = list(listings)
    if any(
        listing.organisation_id != registration.organisation_id
        or listing.status != Status.PUBLISHED
        for listing in chosen
    ):
        raise ValidationError(
            {"listings": _("Present only your organisation's published listings.")}
        )
    registration.listings.set(chosen)
    return registration


def event_slot(event: Event, slot_id) -> Slot:
    """The slot of this event, or a translated refusal on the field `slot`."""
    try:
        return Slot.objects.get(event=event, pk=int(slot_id))
    except (Slot.DoesNotExist, TypeError, ValueError):
        # The code on the field's own error: a dict's outer code is dropped by Django.
        raise ValidationError(
            {"slot": ValidationError(_("This time is not one of the event's slots."), code="grid")}
        ) from None


@transaction.atomic
def slots_unavailable_set(*, actor, registration: Registration, slot_ids, unavailable: bool):
    """Mark (or free) the slots a person cannot attend; a slot with a meeting stays booked."""
    if not (actor == registration.person or rules.can_write_for(actor, registration.organisation)):
        raise PermissionDenied
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    # Each slot once: a form or a script may name one twice, which would insert it twice.
    named = (event_slot(registration.event, slot_id) for slot_id in slot_ids)
    slots = list({slot.pk: slot for slot in named}.values())
    taken = dict(
        Booking.objects.filter(registration=registration, slot__in=slots).values_list(
            "slot_id", "meeting_id"
        )
    )
    if unavailable:
        if any(taken.get(slot.pk) for slot in slots):
            raise ValidationError(
                {
                    "slot": ValidationError(
                        _("You have a meeting at this time; cancel it first."), code="booked"
                    )
                }
            )
        Booking.objects.bulk_create(
            Booking(registration=registration, slot=slot) for slot in slots if slot.pk not in taken
        )
    else:
        Booking.objects.filter(
            registration=registration, slot__in=slots, meeting__isnull=True
        ).delete()
    return registration


@transaction.atomic
def agenda_publish(*, actor, event: Event) -> int:
    """Show the placed meetings to the people; returns how many were published."""
    _staff(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.DRAFT:
        raise ValidationError(_("Publish the event first."), code="draft")
    # A meeting cancelled before the agenda went out keeps its slot for the record; it is not news.
    placed = event.meetings.filter(
        slot__isnull=False, published=False, status=MeetingStatus.SCHEDULED
    )
    count = placed.count()
    for meeting in placed:
        meeting.published = True
        meeting.sequence += 1
        meeting.save(update_fields=["published", "sequence", "updated_at"])
    event.status = EventStatus.AGENDA
    event.save(update_fields=["status"])
    audit_log(actor=actor, action="event.agenda_publish", target=event, meetings=count)
    return count


@transaction.atomic
def registration_check_in(*, actor, registration: Registration) -> Registration:
    _staff(actor)
    registration.checked_in_at = registration.checked_in_at or timezone.now()
    registration.save(update_fields=["checked_in_at"])
    audit_log(actor=actor, action="event.check_in", target=registration)
    return registration

"""Writes of the events calendar: staff create, publish and cancel events; people register and
cancel. A place is confirmed while the event has room, else the person joins the waitlist; when
a confirmed person cancels, the first on the waitlist moves up and is told by e-mail.

Registrations of one event are serialised on the event's row (SELECT … FOR UPDATE on PostgreSQL;
SQLite's writer lock does the same), and a partial unique index keeps one live registration per
person, so no race of two requests ever gives a second seat."""

import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.core.translit import latinise
from bridge.knowledge import notifications, rules, validators
from bridge.knowledge.languages import LANGUAGE_CODES
from bridge.knowledge.models import Event, EventStatus, Registration, RegistrationStatus
from bridge.knowledge.search_index import EVENTS
from bridge.knowledge.selectors.events import confirmed_count, waitlist_position
from bridge.knowledge.validators import Errors
from bridge.search.services import search_index_update

EVENT_FIELDS = (
    "kind",
    "title_ru",
    "title_uz",
    "title_en",
    "description_ru",
    "description_uz",
    "description_en",
    "organisation",
    "language",
    "starts_at",
    "ends_at",
    "timezone",
    "online",
    "venue",
    "join_url",
    "capacity",
    "recording_url",
    "themes",
)


def reindex(event: Event) -> None:
    search_index_update(key=EVENTS, objects=[event])


def _unique_slug(title: str, start) -> str:
    base = f"{slugify(latinise(title))[:70].strip('-') or 'event'}-{start:%Y-%m-%d}"
    slug = base
    while Event.objects.filter(slug=slug).exists():
        slug = f"{base}-{get_random_string(3, 'abcdefghijkmnpqrstuvwxyz23456789')}"
    return slug


def _validated(event: Event, sectors) -> list | None:
    """The event's errors, all at once, at their fields; the sectors chosen (None: unchanged)."""
    errors = Errors()
    if not any(getattr(event, f"title_{code}") for code in LANGUAGE_CODES):
        errors.add("title_ru", _("Give the event a title in at least one language."))
    try:
        zoneinfo.ZoneInfo(event.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors.add("timezone", _("Unknown time zone."))
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors.add("ends_at", _("The event must end after it starts."))
    if event.online and not event.join_url and event.status == EventStatus.PUBLISHED:
        errors.add("join_url", _("An online event needs the link people join by."))
    if not event.online and not event.venue:
        errors.add("venue", _("Say where the event takes place."))
    event.themes = validators.concepts(errors, event.themes, field="themes", heritage=True)
    if sectors is not None:
        # The admin passes Sector rows, a script may pass codes; an unknown one is refused here
        # rather than failing the foreign key at commit.
        codes = [getattr(sector, "code", sector) for sector in sectors]
        sectors = validators.sectors(errors, codes)
    errors.raise_any()
    try:
        event.full_clean(exclude=["slug", "practice", "created_by", "organisation"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    return sectors


@transaction.atomic
def event_save(*, actor, event: Event | None = None, sectors=None, **fields) -> Event:
    """Create or change an event (staff). A larger capacity moves the waitlist up."""
    if not rules.can_manage_events(actor):
        raise PermissionDenied
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields {sorted(unknown)}")
    creating = event is None
    if creating:
        event = Event(created_by=actor)
    else:
        event = Event.objects.select_for_update().get(pk=event.pk)
    for name, value in fields.items():
        setattr(event, name, value)
    sectors = _validated(event, sectors)
    if creating:
        title = event.title_en or event.title_ru or event.title_uz
        # The day as the event's own people read it: 01:00 in Tashkent is 20:00 UTC the day before.
        local_start = event.starts_at.astimezone(zoneinfo.ZoneInfo(event.timezone))
        event.slug = _unique_slug(title, local_start)
    event.save()
    if sectors is not None:
        event.sectors.set(sectors)
    audit_log(
        actor=actor,
        action="knowledge.event_create" if creating else "knowledge.event_update",
        target=event,
    )
    _fill_from_waitlist(event)
    reindex(event)
    return event


@transaction.atomic
def event_publish(*, actor, event: Event) -> Event:
    if not rules.can_manage_events(actor):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Only a draft event can be published."), code="status")
    event.status = EventStatus.PUBLISHED
    _validated(event, None)
    event.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="knowledge.event_publish", target=event)
    reindex(event)
    return event


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str = "") -> Event:
    """Cancel the event; everyone registered or waiting is told."""
    if not rules.can_manage_events(actor):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        return event
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    live = list(
        event.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related("user")
    )
    audit_log(actor=actor, action="knowledge.event_cancel", target=event, reason=reason[:500])
    for registration in live:
        notifications.send(
            registration.user,
            "event_cancelled",
            lambda language, person=registration.user: {
                **notifications.event_context(event, person, language),
                "reason": reason,
            },
        )
    reindex(event)
    return event


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def registration_create(*, actor, event: Event) -> Registration:
    """A confirmed place while there is room, else a place on the waitlist."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    event = _lock(event)
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("This event is not open for registration."), code="closed")
    if timezone.now() >= event.starts_at:
        raise ValidationError(_("Registration has closed: the event has started."), code="closed")
    if event.registrations.filter(user=actor).exclude(status=RegistrationStatus.CANCELLED).exists():
        raise ValidationError(_("You are already registered for this event."), code="duplicate")
    status = (
        RegistrationStatus.CONFIRMED
        if confirmed_count(event) < event.capacity
        else RegistrationStatus.WAITLISTED
    )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(event=event, user=actor, status=status)
    except IntegrityError:
        raise ValidationError(
            _("You are already registered for this event."), code="duplicate"
        ) from None
    audit_log(actor=actor, action="knowledge.registration_create", target=event, status=status)
    template = (
        "registration_confirmed"
        if status == RegistrationStatus.CONFIRMED
        else "registration_waitlisted"
    )
    position = waitlist_position(registration)
    notifications.send(
        actor,
        template,
        lambda language: {
            **notifications.event_context(event, actor, language),
            "position": position or "",
            "join_url": event.join_url if event.online else "",
        },
    )
    return registration


def _fill_from_waitlist(event: Event) -> list[Registration]:
    """Move the first waiting people up while the event has room (inside the event's lock)."""
    if event.status != EventStatus.PUBLISHED or timezone.now() >= event.starts_at:
        return []
    room = event.capacity - confirmed_count(event)
    if room <= 0:
        return []
    waiting = list(
        event.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .select_related("user")
        .order_by("created_at", "id")[:room]
    )
    now = timezone.now()
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        audit_log(
            actor=None,
            action="knowledge.registration_promote",
            target=event,
            user=registration.user_id,
        )
        person = registration.user
        notifications.send(
            person,
            "registration_promoted",
            lambda language, person=person: {
                **notifications.event_context(event, person, language),
                "join_url": event.join_url if event.online else "",
            },
        )
    return waiting


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Give the place back; the first on the waitlist takes it."""
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.user_id != getattr(actor, "pk", None) and not rules.can_manage_events(actor):
        raise PermissionDenied
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    audit_log(
        actor=actor, action="knowledge.registration_cancel", target=event, user=registration.user_id
    )
    _fill_from_waitlist(event)
    return registration

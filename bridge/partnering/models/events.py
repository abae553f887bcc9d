"""Matchmaking events (B2B meeting days): the event and its slot grid, the tables or online rooms,
who registered, the meeting requests between them and the meetings that came of them.

A person's time is held by `Booking` rows, one per registration and slot, unique in the
database: a meeting books both sides' rows, and a slot the person marked unavailable is a
booking without a meeting. So no two devices, workers or staff edits can put one person in two
places at once, nor in a slot they said they cannot attend; `Meeting` is unique per table and
slot for the same reason."""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation
from bridge.partnering.models.listings import Listing

MESSAGE_MAX = 1_000
EXPIRY_MIN = timedelta(minutes=15)
EXPIRY_MAX = timedelta(days=10)


def validate_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone."), code="timezone")


def _token() -> str:
    return secrets.token_urlsafe(24)


class EventFormat(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")
    BOTH = "both", _("On site and online")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    AGENDA = "agenda", _("Agenda published")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    NO_SHOW = "no-show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


class Event(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    format = models.CharField(
        _("format"), max_length=8, choices=EventFormat.choices, default=EventFormat.ONSITE
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Tashkent", validators=[validate_zone]
    )
    first_day = models.DateField(_("first day"))
    days = models.PositiveSmallIntegerField(_("number of days"), default=1)
    slot_minutes = models.PositiveSmallIntegerField(_("slot length, minutes"), default=30)
    day_start = models.TimeField(_("first slot starts"))
    day_end = models.TimeField(_("last slot ends by"))
    # [["12:30", "13:30"], ...] in the event's local time: no slot overlaps a break.
    breaks = models.JSONField(_("breaks"), default=list, blank=True)
    tables = models.PositiveSmallIntegerField(_("tables or rooms"), default=10)
    meeting_link = models.CharField(
        _("meeting link template"),
        max_length=300,
        blank=True,
        help_text=_("For online meetings, e.g. https://meet.example.org/cb-{event}-{table}"),
    )
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    request_expiry = models.DurationField(_("requests expire after"), default=timedelta(days=2))
    pending_cap = models.PositiveSmallIntegerField(_("pending requests per person"), default=10)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("matchmaking event")
        verbose_name_plural = _("matchmaking events")
        ordering = ["-first_day", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gte=1, days__lte=14), name="partnering_event_days"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="partnering_event_slot_length",
            ),
            models.CheckConstraint(
                condition=Q(day_start__lt=F("day_end")), name="partnering_event_day_order"
            ),
            models.CheckConstraint(
                condition=Q(tables__gte=1, tables__lte=500), name="partnering_event_tables"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__lt=F("registration_closes")),
                name="partnering_event_registration_order",
            ),
            models.CheckConstraint(
                condition=Q(request_expiry__gte=EXPIRY_MIN, request_expiry__lte=EXPIRY_MAX),
                name="partnering_event_request_expiry",
            ),
            models.CheckConstraint(
                condition=Q(pending_cap__gte=1), name="partnering_event_pending_cap"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en or self.name_ru

    @property
    def description(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"description_{language}", "") or self.description_en

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_online(self) -> bool:
        return self.format != EventFormat.ONSITE


class Slot(models.Model):
    """One cell of the grid; generated from the event's days, hours and breaks."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    day = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="partnering_slot_once"),
            models.UniqueConstraint(
                fields=["event", "day", "position"], name="partnering_slot_position"
            ),
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="partnering_slot_order"
            ),
        ]

    def __str__(self) -> str:
        local = self.starts_at.astimezone(self.event.zone) if self.event_id else self.starts_at
        return local.strftime("%Y-%m-%d %H:%M")


class Table(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="table_set")
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("table or room")
        verbose_name_plural = _("tables and rooms")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="partnering_table_once")
        ]

    def __str__(self) -> str:
        return self.label or str(self.number)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_registrations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="meeting_registrations"
    )
    listings = models.ManyToManyField(
        Listing, verbose_name=_("presented listings"), blank=True, related_name="+"
    )
    # The private calendar subscription: whoever holds the URL reads this person's agenda.
    calendar_token = models.CharField(max_length=64, unique=True, default=_token)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    rating_invited_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="partnering_registration_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation})"


class MeetingRequest(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    sender = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="sent")
    recipient = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="received")
    message = models.TextField(_("message"), max_length=MESSAGE_MAX)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="partnering_request_not_self"
            ),
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=Q(status__in=["pending", "accepted"]),
                name="partnering_request_open_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"


class Meeting(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    table = models.ForeignKey(
        Table, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.SCHEDULED,
        db_index=True,
    )
    # Staff place meetings in a draft agenda; people see the slot once it is published.
    published = models.BooleanField(_("published"), default=False)
    late_note = models.CharField(_("running late"), max_length=200, blank=True)
    late_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every change, so calendars replace the entry (SEQUENCE) instead of keeping both.
    sequence = models.PositiveIntegerField(default=0)
    # When the six-month outcome survey went to both sides (once per meeting).
    outcome_asked_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slot__isnull=True, table__isnull=True)
                | Q(slot__isnull=False, table__isnull=False),
                name="partnering_meeting_slot_and_table",
            ),
            models.UniqueConstraint(
                fields=["table", "slot"],
                condition=Q(slot__isnull=False) & ~Q(status="cancelled"),
                name="partnering_meeting_table_slot",
            ),
        ]

    def __str__(self) -> str:
        return str(self.request)

    @property
    def table_name(self) -> str:
        """In the reader's language (the grid stores no label unless staff give one)."""
        if not self.table_id:
            return ""
        if self.table.label:
            return self.table.label
        if self.event.is_online:
            return _("Room %(number)d") % {"number": self.table.number}
        return _("Table %(number)d") % {"number": self.table.number}

    @property
    def link(self) -> str:
        if not (self.event.meeting_link and self.table_id):
            return ""
        return self.event.meeting_link.replace("{event}", self.event.slug).replace(
            "{table}", str(self.table.number)
        )


class Booking(models.Model):
    """A person's slot taken: by a meeting, or marked unavailable (no meeting)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="bookings"
    )
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="bookings")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="bookings"
    )

    class Meta:
        verbose_name = _("booked slot")
        verbose_name_plural = _("booked slots")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot"], name="partnering_booking_person_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} @ {self.slot_id}"

    @property
    def unavailable(self) -> bool:
        return self.meeting_id is None

"""The events calendar: briefings, workshops, masterclasses and webinars, each announced in its
own time zone, with a capacity, registrations and a waitlist that moves up by itself."""

import uuid
import zoneinfo
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation, Sector
from bridge.accounts.models.people import validate_timezone
from bridge.knowledge.languages import LANGUAGES, translated
from bridge.knowledge.models.library import Practice
from bridge.knowledge.storage import attachment_storage


class EventKind(models.TextChoices):
    BRIEFING = "briefing", _("Briefing")
    WORKSHOP = "workshop", _("Workshop")
    MASTERCLASS = "masterclass", _("Masterclass")
    WEBINAR = "webinar", _("Webinar")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Event(models.Model):
    slug = models.SlugField(_("address"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_uz = models.CharField(_("title (Uzbek)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_events",
    )
    language = models.CharField(_("spoken language"), max_length=3, choices=LANGUAGES)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Tashkent", validators=[validate_timezone]
    )
    online = models.BooleanField(_("online"), default=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    join_url = models.URLField(_("link to join"), blank=True)  # shown to confirmed people only
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EventStatus.choices,
        default=EventStatus.DRAFT,
        db_index=True,
    )
    recording_url = models.URLField(_("recording"), blank=True)
    themes = models.JSONField(_("heritage themes"), default=list, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    practice = models.ForeignKey(
        Practice,
        verbose_name=_("library entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_events",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        permissions = [("manage_event", _("Can run events and their registrations"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title() or self.slug

    def get_absolute_url(self) -> str:
        return reverse("knowledge:event", kwargs={"slug": self.slug})

    def title(self, language: str | None = None) -> str:
        return translated(self, "title", language)

    def description(self, language: str | None = None) -> str:
        return translated(self, "description", language)

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("moved up from the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "id"]
        constraints = [
            # One live registration per person and event, whatever two requests race for.
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~models.Q(status="cancelled"),
                name="registration_one_live",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event} ({self.status})"


def _material_path(instance, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"event-materials/{uuid.uuid4().hex}{suffix}"


class EventMaterial(models.Model):
    """Slides and handouts of an event; they travel into its library entry."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to=_material_path, storage=attachment_storage, max_length=120)
    name = models.CharField(_("file name"), max_length=150)
    kind = models.CharField(_("file type"), max_length=8)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event material")
        verbose_name_plural = _("event materials")
        ordering = ["event", "created_at", "id"]

    def __str__(self) -> str:
        return self.name

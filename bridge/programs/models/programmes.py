"""A programme (e.g. the Video Game Factory), its calls (seasons) and the stages of a call."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models.people import validate_timezone
from bridge.programs.models.base import translated


class Programme(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name() or self.slug

    def name(self, language: str | None = None) -> str:
        return translated(self, "name", language)

    def description(self, language: str | None = None) -> str:
        return translated(self, "description", language)


class CallStatus(models.TextChoices):
    """Computed, never stored: from `is_published` and the call's opening and closing times."""

    DRAFT = "draft", _("Draft")
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Call(models.Model):
    """One season of a programme. Opens and closes at aware instants; `timezone` is the zone the
    agency announces the deadline in (e.g. Europe/Moscow), used to show and to enter times."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_uz = models.CharField(_("title (Uzbek)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    support_ru = models.TextField(_("support offered (Russian)"), blank=True)
    support_uz = models.TextField(_("support offered (Uzbek)"), blank=True)
    support_en = models.TextField(_("support offered (English)"), blank=True)
    places = models.PositiveIntegerField(_("places"), default=20)
    opens_at = models.DateTimeField(_("opens at"))
    # Exclusive: a submission is accepted while now < closes_at.
    closes_at = models.DateTimeField(_("closes at"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Moscow", validators=[validate_timezone]
    )
    is_published = models.BooleanField(_("published"), default=False)
    # Review settings
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviews per application"), default=4, validators=[MinValueValidator(1)]
    )
    blind_review = models.BooleanField(_("blind review"), default=False)
    review_deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]
        permissions = [
            ("manage_call", _("Can run calls: questions, eligibility, stages")),
            ("view_all_applications", _("Can see every application of every call")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title() or self.slug

    def title(self, language: str | None = None) -> str:
        return translated(self, "title", language)

    def description(self, language: str | None = None) -> str:
        return translated(self, "description", language)

    def support(self, language: str | None = None) -> str:
        return translated(self, "support", language)

    def status_at(self, now=None) -> str:
        now = now or timezone.now()
        if not self.is_published:
            return CallStatus.DRAFT
        if now < self.opens_at:
            return CallStatus.UPCOMING
        if now < self.closes_at:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_at()

    def get_status_display(self) -> str:
        return str(CallStatus(self.status).label)

    def is_open_at(self, now=None) -> bool:
        return self.status_at(now) == CallStatus.OPEN

    @property
    def tzinfo(self):
        import zoneinfo

        return zoneinfo.ZoneInfo(self.timezone)


class Stage(models.Model):
    """An ordered step of a call: position 0 (e.g. concept note) is open to every applicant;
    later stages (e.g. full application) only to applications invited to them."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Null: the call's own closing time.
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["call", "position"]
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="stage_position_unique")
        ]

    def __str__(self) -> str:
        return self.name() or f"#{self.position}"

    def name(self, language: str | None = None) -> str:
        return translated(self, "name", language)

    def description(self, language: str | None = None) -> str:
        return translated(self, "description", language)

    @property
    def deadline(self):
        return self.closes_at or self.call.closes_at


class StageInvitation(models.Model):
    """An application invited to a later stage, and when it submitted that stage."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="invitations")
    application = models.ForeignKey(
        "programs.Application", on_delete=models.CASCADE, related_name="stage_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("stage invitation")
        verbose_name_plural = _("stage invitations")
        constraints = [
            models.UniqueConstraint(fields=["stage", "application"], name="stage_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.application} → {self.stage}"

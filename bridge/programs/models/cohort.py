"""After selection: the cohort's milestones, progress reports, mentor notes and deals."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bridge.programs.models.base import CURRENCIES, translated


class MilestoneKind(models.TextChoices):
    ONBOARDING = "onboarding", _("Onboarding")
    PROTOTYPE = "prototype", _("Prototype")
    PLAYTEST = "playtest", _("Public playtest")
    DEMO = "demo", _("Demo")
    INVESTOR_PITCH = "investor-pitch", _("Investor pitch")


class Milestone(models.Model):
    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=16, choices=MilestoneKind.choices)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_uz = models.CharField(_("title (Uzbek)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["call", "due_on", "id"]

    def __str__(self) -> str:
        return self.title() or self.get_kind_display()

    def title(self, language: str | None = None) -> str:
        return translated(self, "title", language) or str(self.get_kind_display())


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not-started", _("Not started")
    IN_PROGRESS = "in-progress", _("In progress")
    DONE = "done", _("Done")
    LATE = "late", _("Late")


class MilestoneProgress(models.Model):
    """One accepted application's report on one milestone."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="progress")
    application = models.ForeignKey(
        "programs.Application", on_delete=models.CASCADE, related_name="milestone_progress"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    report = models.TextField(_("progress report"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("milestone progress")
        verbose_name_plural = _("milestone progress")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "application"], name="milestone_progress_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} / {self.milestone}: {self.status}"


class MentorNote(models.Model):
    application = models.ForeignKey(
        "programs.Application", on_delete=models.CASCADE, related_name="mentor_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"))
    # Shown to the team as well as to staff.
    shared_with_team = models.BooleanField(_("shared with the team"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor note")
        verbose_name_plural = _("mentor notes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.text[:40]}"


class DealKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    REVENUE_SHARE = "revenue-share", _("Revenue share")
    EQUITY = "equity", _("Equity")
    PUBLISHING = "publishing", _("Publishing")


class Deal(models.Model):
    application = models.ForeignKey(
        "programs.Application", on_delete=models.CASCADE, related_name="deals"
    )
    investor = models.CharField(_("investor"), max_length=200)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="RUB")
    kind = models.CharField(_("kind"), max_length=16, choices=DealKind.choices)
    signed_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.investor}: {self.amount} {self.currency}"

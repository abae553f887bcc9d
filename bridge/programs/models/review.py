"""Expert review of a call: reviewers, conflicts of interest, assignments, the rubric, reviews.

Only the data lives here; the rules (automatic conflicts, assignment, normalisation) live in the
review services."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bridge.programs.models.base import translated


def _token() -> str:
    return secrets.token_urlsafe(32)


class ReviewerStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Reviewer(models.Model):
    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_roles"
    )
    # Language codes the reviewer reads: ["ru", "uz", "en"].
    languages = models.JSONField(_("languages they read"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewerStatus.choices, default=ReviewerStatus.INVITED
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="reviewer_unique_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.call}"


class ReviewerInvitation(models.Model):
    """An invitation to review sent to an address that has no account yet. Its link leads to
    sign-up and back; whoever signs up and opens it becomes an invited Reviewer of the call
    (`claimed_by`), who then accepts or declines as any other."""

    call = models.ForeignKey(
        "programs.Call", on_delete=models.CASCADE, related_name="reviewer_invitations"
    )
    email = models.EmailField(_("e-mail address"))
    languages = models.JSONField(_("languages they read"), default=list, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    claimed_by = models.ForeignKey(
        Reviewer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reviewer invitation")
        verbose_name_plural = _("reviewer invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "email"],
                condition=models.Q(claimed_at__isnull=True),
                name="reviewer_invitation_open_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} @ {self.call}"


class ConflictSource(models.TextChoices):
    AUTOMATIC = "automatic", _("Found automatically")
    DECLARED = "declared", _("Declared by the reviewer")


class ConflictOfInterest(models.Model):
    """A reviewer who must not see an application, or any application of an organisation."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(
        "programs.Application",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=10, choices=ConflictSource.choices)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application__isnull=False)
                | models.Q(organisation__isnull=False),
                name="conflict_has_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.application or self.organisation}"


class AssignmentMethod(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic")
    MANUAL = "manual", _("Manual")


class Assignment(models.Model):
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(
        "programs.Application", on_delete=models.CASCADE, related_name="assignments"
    )
    method = models.CharField(
        _("method"),
        max_length=10,
        choices=AssignmentMethod.choices,
        default=AssignmentMethod.AUTOMATIC,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "application"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"


class Criterion(models.Model):
    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="criteria")
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "position", "id"]

    def __str__(self) -> str:
        return self.name() or f"#{self.pk}"

    def name(self, language: str | None = None) -> str:
        return translated(self, "name", language)

    def description(self, language: str | None = None) -> str:
        return translated(self, "description", language)


class ScoreLevel(models.Model):
    """What a score means for one criterion, e.g. 1 «no playable build», 5 «polished slice»."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    value = models.SmallIntegerField(_("score"))
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("score level")
        verbose_name_plural = _("score levels")
        ordering = ["criterion", "value"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "value"], name="score_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"

    def description(self, language: str | None = None) -> str:
        return translated(self, "description", language)


class Review(models.Model):
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    comment = models.TextField(_("comment"), blank=True)
    # Null while a draft.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return str(self.assignment)


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.SmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"

"""An organisation's application to a call: the game, the team, the answers to custom questions."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bridge.programs.models.base import CURRENCIES
from bridge.programs.storage import private_storage


class ProjectStage(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    PROTOTYPE = "prototype", _("Prototype")
    VERTICAL_SLICE = "vertical-slice", _("Vertical slice")
    ALPHA = "alpha", _("Alpha")
    BETA = "beta", _("Beta")


class Genre(models.TextChoices):
    ACTION = "action", _("Action")
    ADVENTURE = "adventure", _("Adventure")
    RPG = "rpg", _("Role-playing")
    STRATEGY = "strategy", _("Strategy")
    SIMULATION = "simulation", _("Simulation")
    PUZZLE = "puzzle", _("Puzzle")
    PLATFORMER = "platformer", _("Platformer")
    SHOOTER = "shooter", _("Shooter")
    RACING = "racing", _("Racing")
    SPORTS = "sports", _("Sports")
    HORROR = "horror", _("Horror")
    CASUAL = "casual", _("Casual")
    EDUCATIONAL = "educational", _("Educational")
    OTHER = "other", _("Other")


class Platform(models.TextChoices):
    PC = "pc", _("PC")
    CONSOLE = "console", _("Consoles")
    MOBILE = "mobile", _("Mobile")
    WEB = "web", _("Web browser")
    VR = "vr", _("VR")


class Engine(models.TextChoices):
    UNITY = "unity", "Unity"
    UNREAL = "unreal", "Unreal Engine"
    GODOT = "godot", "Godot"
    DEFOLD = "defold", "Defold"
    GAMEMAKER = "gamemaker", "GameMaker"
    CONSTRUCT = "construct", "Construct"
    CUSTOM = "custom", _("Own engine")
    OTHER = "other", _("Other")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNDER_REVIEW = "under-review", _("Under review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Not selected")


# Statuses in which the applicant can still change the application (until the deadline).
EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)
# Statuses in which an application takes reviewers.
ASSIGNABLE_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW)
# Statuses after submission, seen by review and ranking.
SUBMITTED_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.WAITLISTED,
    ApplicationStatus.REJECTED,
)


# Random names: an uploaded file's own name may identify the studio (blind review).
def _suffix(filename: str) -> str:
    import os.path

    suffix = os.path.splitext(filename or "")[1].lower()
    return suffix if suffix.isascii() and len(suffix) <= 8 and suffix[1:].isalnum() else ""


def pitch_deck_upload_to(instance, filename: str) -> str:
    return f"programs/pitch-decks/{uuid.uuid4().hex}.pdf"


def answer_upload_to(instance, filename: str) -> str:
    return f"programs/answers/{uuid.uuid4().hex}{_suffix(filename)}"


class Application(models.Model):
    call = models.ForeignKey(
        "programs.Call",
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The rules (Eligibility.as_rules()) in force when the application was started.
    eligibility_snapshot = models.JSONField(default=dict, editable=False)
    eligibility_version = models.PositiveIntegerField(default=1, editable=False)
    # Null: the first stage. Set when the application is invited to a later one.
    current_stage = models.ForeignKey(
        "programs.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language for letters"), max_length=8, blank=True)
    # The game
    title = models.CharField(_("game title"), max_length=200, blank=True)
    summary = models.TextField(_("short description"), blank=True)
    genre = models.CharField(_("genre"), max_length=16, choices=Genre.choices, blank=True)
    platforms = models.JSONField(_("platforms"), default=list, blank=True)
    engine = models.CharField(_("engine"), max_length=16, choices=Engine.choices, blank=True)
    project_stage = models.CharField(
        _("project stage"), max_length=16, choices=ProjectStage.choices, blank=True
    )
    budget = models.DecimalField(
        _("total budget"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    amount_asked = models.DecimalField(
        _("amount asked"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="RUB")
    release_target = models.DateField(_("planned release"), null=True, blank=True)
    build_url = models.URLField(_("link to a build"), blank=True)
    video_url = models.URLField(_("link to a video"), blank=True)
    pitch_deck = models.FileField(
        _("pitch deck (PDF)"),
        upload_to=pitch_deck_upload_to,
        storage=private_storage,
        blank=True,
    )
    company_founded_on = models.DateField(_("studio founded on"), null=True, blank=True)
    # The applicant's choice to show the project (title and summary) on heritage theme pages.
    show_on_heritage_pages = models.BooleanField(
        _("show on heritage theme pages"),
        default=False,
        help_text=_(
            "The game's title and short description appear on the heritage pages of the themes it "
            "names, such as Afandi or Alpamysh."
        ),
    )
    # When the browser took the snapshot of the form that was saved last (ms since the epoch, the
    # browser's clock). An autosave that reaches the server after a later save of the same draft
    # carries an older snapshot and must not overwrite it.
    form_snapshot_at = models.BigIntegerField(null=True, blank=True, editable=False)
    # Status
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live application per organisation per call; a withdrawn one may be followed
            # by a new one.
            models.UniqueConstraint(
                fields=["call", "organisation"],
                condition=~models.Q(status="withdrawn"),
                name="application_one_live_per_call",
            )
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    @property
    def deadline(self):
        """The moment after which the applicant can no longer change it: the current stage's
        deadline, else the call's closing."""
        stage = self.current_stage
        return stage.deadline if stage is not None else self.call.closes_at

    def deadline_passed(self, now=None) -> bool:
        """The one deadline rule, for the services that refuse and the pages that hide: the
        moment of the deadline is already too late."""
        return (now or timezone.now()) >= self.deadline

    def is_editable(self, now=None) -> bool:
        return self.status in EDITABLE_STATUSES and not self.deadline_passed(now)

    @property
    def is_submitted(self) -> bool:
        return self.status in SUBMITTED_STATUSES


class TeamMember(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team")
        ordering = ["application", "position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "programs.Question", on_delete=models.CASCADE, related_name="answers"
    )
    # text/url: str; number: str of a Decimal; choice: str; multi-choice: [str]; yes-no: bool.
    value = models.JSONField(null=True, blank=True)
    file = models.FileField(upload_to=answer_upload_to, storage=private_storage, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.application} / {self.question}"

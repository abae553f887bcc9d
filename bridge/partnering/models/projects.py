"""Joint projects: what partners made together after they met. A project is private to its
partners and staff until every partner organisation has confirmed its part and consented to
publication; its status climbs from talks to the international level, each step kept with its
date and evidence."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bridge.accounts.models import Organisation
from bridge.partnering.models.events import Meeting
from bridge.partnering.models.interest import Interest
from bridge.partnering.vocabulary import LANGUAGES, ListingType, Sector

PROJECT_TITLE_MAX, PROJECT_DESCRIPTION_MAX = 200, 4_000
MILESTONE_TITLE_MAX = 200
EVIDENCE_MAX = 500


class ProjectStatus(models.TextChoices):
    """Ordered: a project only moves forward (international may be reached several times)."""

    TALKS = "talks", pgettext_lazy("project status", "In talks")
    AGREEMENT = "agreement-signed", _("Agreement signed")
    PRODUCTION = "in-production", _("In production")
    RELEASED = "released", pgettext_lazy("project status", "Released")
    INTERNATIONAL = "international", _("International level")


STATUS_ORDER = {code: n for n, code in enumerate(ProjectStatus.values)}


class Recognition(models.TextChoices):
    """What took a project to the international level."""

    FESTIVAL = "festival", _("Festival selection")
    AWARD = "award", _("Award")
    MARKET = "market", _("International market")
    RELEASE_ABROAD = "release-abroad", _("Release abroad")


class JointProject(models.Model):
    title = models.CharField(_("title"), max_length=PROJECT_TITLE_MAX)
    type = models.CharField(_("type"), max_length=24, choices=ListingType.choices)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    heritage = models.JSONField(_("heritage themes"), default=list, blank=True)  # concept ids
    # One description per language the partners write in: {"ru": …, "uz": …}.
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.TALKS,
        db_index=True,
    )
    interest = models.OneToOneField(
        Interest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="joint_project",
        verbose_name=_("expression of interest"),
    )
    # The held meeting the project came from; one project per meeting, like an interest.
    meeting = models.OneToOneField(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="joint_project",
        verbose_name=_("meeting"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    outcome_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("partnering:project", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.published_at is not None


class ProjectPartner(models.Model):
    """One organisation's part in a project: invited, then confirmed by one of its members, and
    its consent to publication."""

    project = models.ForeignKey(JointProject, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="joint_projects"
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="partnering_project_partner_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.project}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def consented(self) -> bool:
        return self.consented_at is not None


class ProjectStatusChange(models.Model):
    """One step of the status history, with the date it happened and a link that proves it."""

    project = models.ForeignKey(JointProject, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices)
    recognition = models.CharField(
        _("international recognition"), max_length=16, choices=Recognition.choices, blank=True
    )
    happened_on = models.DateField(_("date"))
    evidence_url = models.URLField(_("evidence link"), max_length=EVIDENCE_MAX, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project status change")
        verbose_name_plural = _("project status changes")
        ordering = ["happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.project} · {self.status} · {self.happened_on}"


class Milestone(models.Model):
    project = models.ForeignKey(JointProject, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=MILESTONE_TITLE_MAX)
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

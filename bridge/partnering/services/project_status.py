"""Writes of a joint project's course: status steps with their dates and evidence, milestones,
and the outcome reminder six months after creation (a daily periodic job)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.partnering import rules_projects
from bridge.partnering.models import JointProject, Milestone, ProjectStatusChange
from bridge.partnering.models.projects import (
    EVIDENCE_MAX,
    MILESTONE_TITLE_MAX,
    STATUS_ORDER,
    ProjectStatus,
    Recognition,
)
from bridge.partnering.notifications import notify_organisation
from bridge.partnering.services.projects import after_change

# Steps a partner's word is not enough for: a link must show them.
EVIDENCE_NEEDED = frozenset({ProjectStatus.RELEASED, ProjectStatus.INTERNATIONAL})
MAX_MILESTONES = 50


def outcome_after() -> timedelta:
    return timedelta(days=getattr(settings, "PARTNERING_PROJECT_OUTCOME_DAYS", 182))


def _editable(actor, project: JointProject) -> JointProject:
    project = JointProject.objects.select_for_update().get(pk=project.pk)
    if not rules_projects.can_edit_project(actor, project):
        raise PermissionDenied
    return project


def _past_date(value, field: str, errors: dict, *, today: date) -> date | None:
    if not isinstance(value, date):
        errors[field] = _("Enter a valid date.")
        return None
    if value > today:
        errors[field] = _("The date cannot be in the future.")
    return value


def _evidence(value: str, errors: dict) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > EVIDENCE_MAX:
        errors["evidence_url"] = _("At most %(limit)d characters (now %(count)d).") % {
            "limit": EVIDENCE_MAX,
            "count": len(value),
        }
        return value
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        errors["evidence_url"] = _("Enter a web address starting with http:// or https://.")
    return value


@transaction.atomic
def project_status_advance(
    *,
    actor,
    project: JointProject,
    status: str,
    happened_on: date,
    evidence_url: str = "",
    recognition: str = "",
    note: str = "",
) -> ProjectStatusChange:
    """One step forward (or one more international recognition), never back."""
    project = _editable(actor, project)
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if status not in STATUS_ORDER:
        errors["status"] = _("Choose a status from the list.")
    elif STATUS_ORDER[status] < STATUS_ORDER[project.status] or (
        status == project.status and status != ProjectStatus.INTERNATIONAL
    ):
        errors["status"] = _("A project's status only moves forward (now: %(status)s).") % {
            "status": project.get_status_display()
        }
    happened_on = _past_date(happened_on, "happened_on", errors, today=today)
    last = project.history.order_by("-happened_on", "-id").first()
    if happened_on and "happened_on" not in errors and last and happened_on < last.happened_on:
        errors["happened_on"] = _("The date cannot be before the previous step (%(date)s).") % {
            "date": last.happened_on.isoformat()
        }
    evidence_url = _evidence(evidence_url, errors)
    if status in EVIDENCE_NEEDED and not evidence_url and "evidence_url" not in errors:
        errors["evidence_url"] = _(
            "Give a link that shows this step (a release page, a list of selected films, a press article)."
        )
    if status == ProjectStatus.INTERNATIONAL:
        if recognition not in Recognition.values:
            errors["recognition"] = _(
                "Say what took the project abroad: a festival selection, an award, a market "
                "or a release abroad."
            )
    else:
        recognition = ""
    note = (note or "").replace("\x00", "").strip()
    if len(note) > 300:
        errors["note"] = _("At most %(limit)d characters (now %(count)d).") % {
            "limit": 300,
            "count": len(note),
        }
    if errors:
        raise ValidationError(errors)
    change = ProjectStatusChange.objects.create(
        project=project,
        status=status,
        recognition=recognition,
        happened_on=happened_on,
        evidence_url=evidence_url,
        note=note,
        created_by=actor,
    )
    project.status = status
    project.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="project.status", target=project, status=status)
    after_change(project)
    return change


def _milestone_title(title: str) -> str:
    title = (title or "").replace("\x00", "").strip()
    if not title:
        raise ValidationError({"title": _("This field is required.")})
    if len(title) > MILESTONE_TITLE_MAX:
        raise ValidationError(
            {
                "title": _("At most %(limit)d characters (now %(count)d).")
                % {"limit": MILESTONE_TITLE_MAX, "count": len(title)}
            }
        )
    return title


@transaction.atomic
def milestone_add(*, actor, project: JointProject, title: str, due_on: date) -> Milestone:
    project = _editable(actor, project)
    title = _milestone_title(title)
    if not isinstance(due_on, date):
        raise ValidationError({"due_on": _("Enter a valid date.")})
    if project.milestones.count() >= MAX_MILESTONES:
        raise ValidationError(
            {"title": _("At most %(count)d milestones.") % {"count": MAX_MILESTONES}}
        )
    milestone = Milestone.objects.create(project=project, title=title, due_on=due_on)
    audit_log(actor=actor, action="project.milestone_add", target=project, milestone=milestone.pk)
    return milestone


@transaction.atomic
def milestone_done(*, actor, milestone: Milestone, done_on: date | None) -> Milestone:
    """Mark a milestone done on a day (not in the future), or not done (``None``)."""
    _editable(actor, milestone.project)
    milestone = Milestone.objects.get(pk=milestone.pk)
    if done_on is not None:
        errors: dict[str, str] = {}
        _past_date(done_on, "done_on", errors, today=timezone.localdate())
        if errors:
            raise ValidationError(errors)
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit_log(
        actor=actor,
        action="project.milestone_done",
        target=milestone.project,
        milestone=milestone.pk,
        done=done_on.isoformat() if done_on else None,
    )
    return milestone


@transaction.atomic
def milestone_delete(*, actor, milestone: Milestone) -> None:
    project = _editable(actor, milestone.project)
    audit_log(actor=actor, action="project.milestone_delete", target=project, title=milestone.title)
    milestone.delete()


def projects_tick(*, now=None) -> dict[str, int]:
    """Ask the partners of each project six months old how it went (once per project)."""
    now = now or timezone.now()
    due = JointProject.objects.filter(
        created_at__lte=now - outcome_after(), outcome_reminded_at__isnull=True
    )
    reminded = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            project = JointProject.objects.select_for_update().get(pk=pk)
            if project.outcome_reminded_at:
                continue  # another worker got there first
            project.outcome_reminded_at = now
            project.save(update_fields=["outcome_reminded_at"])
            audit_log(actor=None, action="project.outcome_reminder", target=project)
            for partner in project.partners.select_related("organisation"):
                notify_organisation(
                    partner.organisation,
                    template="partnering/email/project_outcome",
                    context={
                        "title": project.title,
                        "status": project.get_status_display(),
                        "url": project.get_absolute_url(),
                    },
                )
            reminded += 1
    return {"reminded": reminded}

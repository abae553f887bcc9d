"""Writes about the cohort after selection: milestones, progress reports, mentor notes, deals.

Who may do what: programme managers plan milestones and record deals; mentors (anyone with the
`programs.add_mentornote` permission, i.e. programme staff) write notes; the accepted team reports
its own progress."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.programs import rules
from bridge.programs.models import (
    Application,
    ApplicationStatus,
    Call,
    Deal,
    DealKind,
    MentorNote,
    Milestone,
    MilestoneKind,
    MilestoneProgress,
    ProgressStatus,
)
from bridge.programs.models.base import CURRENCIES

MAX_TEXT = 20_000


def can_plan_cohort(user) -> bool:
    return rules.can_manage_calls(user) and user.has_perm("programs.add_milestone")


def can_write_mentor_notes(user) -> bool:
    return user.is_authenticated and user.has_perm("programs.add_mentornote")


def can_record_deals(user) -> bool:
    return user.is_authenticated and user.has_perm("programs.add_deal")


def can_see_cohort(user) -> bool:
    """The whole cohort board: staff who see every application."""
    return rules.can_view_all_applications(user)


def in_cohort(application: Application) -> bool:
    return application.status == ApplicationStatus.ACCEPTED


def can_report_progress(user, application: Application) -> bool:
    return in_cohort(application) and (
        rules.can_edit_application(user, application) or can_plan_cohort(user)
    )


def _text(value, *, field: str, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {field: _("Keep it within %(limit)s characters.") % {"limit": MAX_TEXT}}
        )
    return text


@transaction.atomic
def milestone_create(
    *, actor, call: Call, kind: str, due_on: date, title_ru="", title_uz="", title_en=""
) -> Milestone:
    if not can_plan_cohort(actor):
        raise PermissionDenied
    if kind not in MilestoneKind.values:
        raise ValidationError({"kind": _("Choose a kind of milestone from the list.")})
    if not isinstance(due_on, date):
        raise ValidationError({"due_on": _("Enter a date.")})
    milestone = Milestone(
        call=call,
        kind=kind,
        due_on=due_on,
        title_ru=_text(title_ru, field="title_ru")[:200],
        title_uz=_text(title_uz, field="title_uz")[:200],
        title_en=_text(title_en, field="title_en")[:200],
    )
    milestone.full_clean(exclude=["call"])
    milestone.save()
    audit_log(actor=actor, action="cohort.milestone_create", target=milestone, call=call.pk)
    return milestone


@transaction.atomic
def progress_report(
    *, actor, milestone: Milestone, application: Application, status: str, report: str = ""
) -> MilestoneProgress:
    """The team (or a programme manager) says where it stands on one milestone."""
    if milestone.call_id != application.call_id or not can_report_progress(actor, application):
        raise PermissionDenied
    if status not in ProgressStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    progress, _created = MilestoneProgress.objects.select_for_update().get_or_create(
        milestone=milestone, application=application
    )
    progress.status = status
    progress.report = _text(report, field="report")
    progress.reported_by = actor
    progress.save()
    audit_log(
        actor=actor,
        action="cohort.progress_report",
        target=application,
        milestone=milestone.pk,
        status=status,
    )
    return progress


@transaction.atomic
def mentor_note_add(
    *, actor, application: Application, text: str, shared_with_team: bool = False
) -> MentorNote:
    if not can_write_mentor_notes(actor) or not in_cohort(application):
        raise PermissionDenied
    note = MentorNote.objects.create(
        application=application,
        author=actor,
        text=_text(text, field="text", required=True),
        shared_with_team=bool(shared_with_team),
    )
    audit_log(actor=actor, action="cohort.mentor_note", target=application, note=note.pk)
    return note


@transaction.atomic
def deal_record(
    *,
    actor,
    application: Application,
    investor: str,
    amount,
    currency: str,
    kind: str,
    signed_on: date,
    note: str = "",
) -> Deal:
    if not can_record_deals(actor) or not in_cohort(application):
        raise PermissionDenied
    errors = {}
    investor = str(investor or "").strip()
    if not investor:
        errors["investor"] = _("This field is required.")
    elif len(investor) > 200:
        errors["investor"] = _("Keep it within %(limit)s characters.") % {"limit": 200}
    try:
        amount = Decimal(str(amount).replace(" ", "").replace(",", "."))
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["amount"] = _("Enter an amount, zero or more.")
    else:
        # The column keeps two decimals: a third would be rounded away unseen while the audit row
        # kept it, so the figures of the cohort and its log would disagree.
        if amount.as_tuple().exponent < -2:
            errors["amount"] = _("Use at most two digits after the decimal point.")
    if currency not in dict(CURRENCIES):
        errors["currency"] = _("Choose a currency from the list.")
    if kind not in DealKind.values:
        errors["kind"] = _("Choose a kind of deal from the list.")
    if not isinstance(signed_on, date):
        errors["signed_on"] = _("Enter a date.")
    if errors:
        raise ValidationError(errors)
    deal = Deal.objects.create(
        application=application,
        investor=investor,
        amount=amount,
        currency=currency,
        kind=kind,
        signed_on=signed_on,
        note=_text(note, field="note"),
        recorded_by=actor,
    )
    audit_log(
        actor=actor,
        action="cohort.deal_record",
        target=application,
        deal=deal.pk,
        amount=str(amount),
        currency=currency,
    )
    return deal

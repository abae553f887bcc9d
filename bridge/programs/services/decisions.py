"""Selection: shortlist, decide, and send the decisions from the outbox.

A decision waits as pending until staff send it, so every applicant hears at the same time and
a decision can still be changed; sending e-mails it in the applicant's language and sets the
application's status."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts.models import Membership, Role
from bridge.core.audit import audit_log
from bridge.core.mail import notify
from bridge.programs import rules
from bridge.programs.models import (
    Application,
    ApplicationStatus,
    Call,
    Decision,
    DecisionStatus,
    Outcome,
)
from bridge.programs.models.base import translated

DECIDABLE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.SHORTLISTED,
)
STATUS_FOR = {
    Outcome.ACCEPT: ApplicationStatus.ACCEPTED,
    Outcome.WAITLIST: ApplicationStatus.WAITLISTED,
    Outcome.REJECT: ApplicationStatus.REJECTED,
}
MAX_MESSAGE = 5000


def _require_manager(actor) -> None:
    if not rules.can_manage_calls(actor):
        raise PermissionDenied


def _require_sender(actor) -> None:
    if not (actor.is_authenticated and actor.has_perm("programs.send_decision")):
        raise PermissionDenied


@transaction.atomic
def application_shortlist(*, actor, application: Application, shortlisted: bool = True) -> None:
    _require_manager(actor)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in DECIDABLE_STATUSES:
        raise ValidationError(_("This application can no longer be shortlisted."), code="status")
    application.status = (
        ApplicationStatus.SHORTLISTED if shortlisted else ApplicationStatus.UNDER_REVIEW
    )
    application.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        action="application.shortlist" if shortlisted else "application.unshortlist",
        target=application,
    )


def _recipients(application: Application) -> list:
    """Who gets the letter: the person who applied, else the organisation's owner."""
    if application.created_by_id and application.created_by.is_active:
        return [application.created_by]
    owner = (
        Membership.objects.filter(organisation_id=application.organisation_id, role=Role.OWNER)
        .select_related("user")
        .first()
    )
    return [owner.user] if owner else []


def _letter_language(application: Application) -> str:
    people = _recipients(application)
    language = people[0].language if people else ""
    return language or application.language or settings.LANGUAGE_CODE


@transaction.atomic
def decision_make(*, actor, application: Application, outcome: str, message: str = "") -> Decision:
    """Record (or change) the decision; it waits in the outbox until sent."""
    _require_manager(actor)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose accept, waiting list or reject.")})
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise ValidationError({"message": _("Keep the message under 5000 characters.")})
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("created_by")
        .get(pk=application.pk)
    )
    if application.status not in DECIDABLE_STATUSES:
        raise ValidationError(
            _("A decision on this application has already been sent."), code="status"
        )
    decision = Decision.objects.filter(application=application).first()
    if decision is not None and decision.status == DecisionStatus.SENT:
        raise ValidationError(
            _("A decision on this application has already been sent."), code="sent"
        )
    if decision is None:
        decision = Decision(application=application)
    decision.outcome = outcome
    decision.message = message
    decision.decided_by = actor
    decision.language = _letter_language(application)
    decision.status = DecisionStatus.PENDING
    decision.save()
    audit_log(actor=actor, action="decision.make", target=application, outcome=outcome)
    return decision


@transaction.atomic
def decision_withdraw(*, actor, decision: Decision) -> None:
    _require_manager(actor)
    if decision.status == DecisionStatus.SENT:
        raise ValidationError(
            _("A decision on this application has already been sent."), code="sent"
        )
    application = decision.application
    decision.delete()
    audit_log(actor=actor, action="decision.withdraw", target=application)


def _application_url(application: Application) -> str:
    for name in ("programs:application_detail",):
        try:
            return settings.SITE_URL + reverse(name, kwargs={"pk": application.pk})
        except NoReverseMatch:
            continue
    return settings.SITE_URL


def _send(actor, decision: Decision) -> None:
    application = decision.application
    call = application.call
    url = _application_url(application)
    for person in _recipients(application):
        language = person.language or decision.language or settings.LANGUAGE_CODE
        context = {
            "outcome": decision.outcome,
            "title": application.title,
            "call": translated(call, "title", language),
            "organisation": application.organisation.name,
            "message": decision.message,
            "url": url,
        }
        transaction.on_commit(
            lambda person=person, context=context, language=language: notify(
                to=person, template="programs/email/decision", context=context, language=language
            )
        )
    application.status = STATUS_FOR[decision.outcome]
    application.save(update_fields=["status", "updated_at"])
    decision.status = DecisionStatus.SENT
    decision.sent_at = timezone.now()
    decision.save(update_fields=["status", "sent_at", "updated_at"])
    audit_log(actor=actor, action="decision.send", target=application, outcome=decision.outcome)


@transaction.atomic
def decision_send(*, actor, decision: Decision) -> Decision:
    _require_sender(actor)
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("application__call", "application__organisation", "application__created_by")
        .get(pk=decision.pk)
    )
    if decision.status == DecisionStatus.SENT:
        raise ValidationError(_("This decision has already been sent."), code="sent")
    _send(actor, decision)
    return decision


@transaction.atomic
def decisions_send_all(*, actor, call: Call) -> int:
    """Send every pending decision of the call at once. Returns how many were sent."""
    _require_sender(actor)
    pending = list(
        Decision.objects.select_for_update(of=("self",))
        .filter(application__call=call, status=DecisionStatus.PENDING)
        .select_related("application__call", "application__organisation", "application__created_by")
        .order_by("pk")
    )
    for decision in pending:
        _send(actor, decision)
    return len(pending)

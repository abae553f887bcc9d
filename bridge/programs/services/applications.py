"""Writes of applicants: start an application, autosave the draft, answer questions, upload the
pitch deck, submit, edit and withdraw until the deadline."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.core.mail import notify
from bridge.programs import rules
from bridge.programs.answers import answer_value_clean
from bridge.programs.eligibility import evaluate
from bridge.programs.files import answer_file_clean, pdf_clean, without_metadata
from bridge.programs.models import (
    EDITABLE_STATUSES,
    Answer,
    Application,
    ApplicationStatus,
    Call,
    Platform,
    Question,
    QuestionKind,
    StageInvitation,
    TeamMember,
)
from bridge.programs.selectors.applications import application_missing

APPLICATION_FIELDS = (
    "title",
    "summary",
    "genre",
    "platforms",
    "engine",
    "project_stage",
    "budget",
    "amount_asked",
    "currency",
    "release_target",
    "build_url",
    "video_url",
    "company_founded_on",
    "show_on_heritage_pages",
    "language",
)
MAX_TEAM = 100
# The suffix a file answer is stored (and downloaded) with, by the kind its content is.
_SUFFIXES = {"pdf": "pdf", "png": "png", "jpeg": "jpg", "zip": "zip"}


class IneligibleError(ValidationError):
    """The organisation fails the call's eligibility rules; `.messages` says which rule.

    Django keeps no `code` on a ValidationError made from a list, so this one sets it on itself
    and on every message: `exc.code == "ineligible"` and `e.code` for each of `exc.error_list`."""

    def __init__(self, messages):
        super().__init__(ineligible_errors(messages))
        self.code = "ineligible"


def ineligible_errors(messages) -> list[ValidationError]:
    return [ValidationError(message, code="ineligible") for message in messages]


def _deadline_text(application: Application) -> str:
    """The deadline as the call announces it: in the call's time zone."""
    local = timezone.localtime(application.deadline, application.call.tzinfo)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({application.call.timezone})"


def _refuse_after_deadline(application: Application, now) -> None:
    if application.deadline_passed(now):
        raise ValidationError(
            _("The deadline has passed (%(deadline)s); the application can no longer be changed.")
            % {"deadline": _deadline_text(application)},
            code="deadline",
        )


def _require_editor(actor, application: Application) -> None:
    if not rules.can_edit_application(actor, application):
        raise PermissionDenied


def _require_editable(actor, application: Application) -> None:
    _require_editor(actor, application)
    if application.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("This application is %(status)s and can no longer be changed.")
            % {"status": application.get_status_display().lower()},
            code="status",
        )
    _refuse_after_deadline(application, timezone.now())


def _recheck_submitted(application: Application) -> None:
    """A submitted application stays complete and eligible after an edit, or the edit is refused."""
    if application.status != ApplicationStatus.SUBMITTED:
        return
    errors = dict(application_missing(application))
    result = evaluate(
        application.eligibility_snapshot, application.organisation, application, final=True
    )
    if result.failures:
        errors["__all__"] = ineligible_errors(result.messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def application_create(*, actor, call: Call, organisation) -> Application:
    """Start a draft. Eligibility is checked with the call's rules now in force, and a copy of
    those rules stays with the application: later changes of the rules do not affect it."""
    if not rules.can_apply_for(actor, organisation):
        raise PermissionDenied
    if not call.is_open_at(timezone.now()):
        raise ValidationError(_("This call is not accepting applications."), code="closed")
    eligibility = call.eligibility
    result = evaluate(eligibility.as_rules(), organisation)
    if result.failures:
        raise IneligibleError(result.messages)
    live = Application.objects.filter(call=call, organisation=organisation).exclude(
        status=ApplicationStatus.WITHDRAWN
    )
    if live.exists():
        raise ValidationError(
            _("Your organisation already has an application to this call."), code="duplicate"
        )
    application = Application(
        call=call,
        organisation=organisation,
        created_by=actor,
        eligibility_snapshot=eligibility.as_rules(),
        eligibility_version=eligibility.version,
        language=getattr(actor, "language", "") or (get_language() or ""),
        currency=_default_currency(organisation),
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError(
            _("Your organisation already has an application to this call."), code="duplicate"
        ) from None
    audit_log(actor=actor, action="application.create", target=application, call=call.pk)
    return application


def _default_currency(organisation) -> str:
    return {"UZ": "UZS", "KZ": "KZT"}.get(str(organisation.country), "RUB")


def application_claim_snapshot(
    *, application: Application, snapshot_at: int | None, explicit: bool
) -> bool:
    """Record that the form snapshot taken at `snapshot_at` (the browser's ms clock) is being
    saved; False when a later snapshot of this draft was saved already, so this one is stale.
    An explicit save (the applicant pressed a button) is never stale: it always goes through.

    Call it inside the transaction that saves the snapshot: the row lock it takes orders an
    autosave and an explicit save that race on two connections."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("application_claim_snapshot must run inside transaction.atomic()")
    locked = (
        Application.objects.select_for_update()
        .only("pk", "form_snapshot_at")
        .get(pk=application.pk)
    )
    if snapshot_at is None:
        return True
    latest = locked.form_snapshot_at
    if latest is not None and snapshot_at < latest:
        return explicit
    Application.objects.filter(pk=locked.pk).update(form_snapshot_at=snapshot_at)
    return True


@transaction.atomic
def application_update(*, actor, application: Application, **fields) -> Application:
    """Save what the applicant typed so far (partial updates; the draft is saved as they type)."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_editable(actor, application)
    if "platforms" in fields:
        platforms = list(fields["platforms"] or [])
        if any(p not in Platform.values for p in platforms):
            raise ValidationError({"platforms": _("Choose platforms from the list.")})
        fields["platforms"] = [p for p in Platform.values if p in platforms]
    for name, value in fields.items():
        if value is None and name not in (
            "budget",
            "amount_asked",
            "release_target",
            "company_founded_on",
        ):
            value = ""
        setattr(application, name, value)
    others = [f.name for f in Application._meta.fields if f.name not in fields]
    application.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    application.save()
    _recheck_submitted(application)
    audit_log(actor=actor, action="application.update", target=application, fields=sorted(fields))
    return application


@transaction.atomic
def application_set_team(
    *, actor, application: Application, members: list[dict]
) -> list[TeamMember]:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_editable(actor, application)
    if len(members) > MAX_TEAM:
        raise ValidationError({"team": _("List at most %(count)s people.") % {"count": MAX_TEAM}})
    rows = []
    for position, member in enumerate(members):
        name = str(member.get("name", "")).strip()
        role = str(member.get("role", "")).strip()
        if not name or not role:
            raise ValidationError({"team": _("Give each team member a name and a role.")})
        row = TeamMember(application=application, name=name, role=role, position=position)
        row.full_clean(exclude=["application"])
        rows.append(row)
    application.team.all().delete()
    TeamMember.objects.bulk_create(rows)
    _recheck_submitted(application)
    audit_log(actor=actor, action="application.team", target=application, size=len(rows))
    return rows


@transaction.atomic
def application_set_pitch_deck(*, actor, application: Application, upload) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_editable(actor, application)
    try:
        pdf_clean(upload)
    except ValidationError as exc:
        raise ValidationError({"pitch_deck": exc.messages}) from None
    old = application.pitch_deck.name if application.pitch_deck else ""
    application.pitch_deck.save("deck.pdf", without_metadata(upload, "pdf"), save=False)
    application.save(update_fields=["pitch_deck", "updated_at"])
    if old:
        storage, name = application.pitch_deck.storage, old
        transaction.on_commit(lambda: storage.delete(name))
    audit_log(actor=actor, action="application.pitch_deck", target=application)
    return application


@transaction.atomic
def answer_save(
    *, actor, application: Application, question: Question, value=None, file=None
) -> Answer:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_editable(actor, application)
    if question.call_id != application.call_id:
        raise PermissionDenied
    answer, _created = Answer.objects.get_or_create(application=application, question=question)
    key = f"question-{question.pk}"
    try:
        if question.kind == QuestionKind.FILE:
            if file is not None:
                kind = answer_file_clean(file)
                old = answer.file.name if answer.file else ""
                # Named by what it contains, not what it was called: the stored suffix is the
                # one its download gets.
                answer.file.save(
                    f"answer.{_SUFFIXES[kind]}", without_metadata(file, kind), save=False
                )
                if old:
                    storage = answer.file.storage
                    transaction.on_commit(lambda: storage.delete(old))
        else:
            answer.value = answer_value_clean(question, value)
    except ValidationError as exc:
        raise ValidationError({key: exc.messages}) from None
    answer.save()
    _recheck_submitted(application)
    return answer


@transaction.atomic
def application_submit(*, actor, application: Application) -> Application:
    """Submit before the deadline: complete, eligible under the rules it started with, once."""
    application = (
        # Lock the application row only: PostgreSQL cannot lock the nullable side of the
        # outer joins that select_related makes.
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "organisation", "current_stage", "call__eligibility")
        .get(pk=application.pk)
    )
    _require_editor(actor, application)
    now = timezone.now()
    stage = application.current_stage
    if stage is not None and stage.position > 0:
        return _submit_later_stage(actor, application, stage, now)
    if application.status != ApplicationStatus.DRAFT:
        if application.status == ApplicationStatus.WITHDRAWN:
            message = _("This application was withdrawn; start a new one to apply again.")
        else:
            message = _("This application has already been submitted.")
        raise ValidationError(message, code="already_submitted")
    if not application.call.is_published or now < application.call.opens_at:
        raise ValidationError(_("This call is not accepting applications."), code="closed")
    _refuse_after_deadline(application, now)
    errors = dict(application_missing(application))
    result = evaluate(
        application.eligibility_snapshot, application.organisation, application, final=True
    )
    if result.failures:
        errors["__all__"] = ineligible_errors(result.messages)
    if errors:
        raise ValidationError(errors)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    application.language = (
        getattr(actor, "language", "") or application.language or (get_language() or "")
    )
    application.save(update_fields=["status", "submitted_at", "language", "updated_at"])
    audit_log(actor=actor, action="application.submit", target=application)
    _confirm(actor, application)
    return application


def _submit_later_stage(actor, application, stage, now) -> Application:
    invitation = (
        StageInvitation.objects.select_for_update()
        .filter(stage=stage, application=application)
        .first()
    )
    if invitation is None:
        raise PermissionDenied
    if invitation.submitted_at is not None:
        raise ValidationError(_("This stage has already been submitted."), code="already_submitted")
    _refuse_after_deadline(application, now)
    errors = application_missing(application)
    if errors:
        raise ValidationError(errors)
    invitation.submitted_at = now
    invitation.save(update_fields=["submitted_at"])
    audit_log(actor=actor, action="application.submit_stage", target=application, stage=stage.pk)
    _confirm(actor, application)
    return application


def _confirm(actor, application: Application) -> None:
    language = application.language or None
    with translation.override(language):
        context = {
            "title": application.title,
            "organisation": application.organisation.name,
            "call": application.call.title(language),
            "deadline": _deadline_text(application),
            "application_id": application.pk,
        }
    transaction.on_commit(
        lambda: notify(
            to=actor,
            template="programs/email/application_submitted",
            context=context,
            language=language or "",
        )
    )


@transaction.atomic
def application_withdraw(*, actor, application: Application) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )
    _require_editable(actor, application)
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_log(actor=actor, action="application.withdraw", target=application)
    return application

"""The applicant's pages: start, the form (saved as one types), submit, withdraw, my applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.programs import rules
from bridge.programs.answers import answer_value_clean
from bridge.programs.eligibility import evaluate
from bridge.programs.ids import id_or_404
from bridge.programs.models import (
    EDITABLE_STATUSES,
    Application,
    ApplicationStatus,
    DecisionStatus,
    QuestionKind,
)
from bridge.programs.selectors import applications as selectors
from bridge.programs.services import applications as services
from bridge.programs.views.forms import (
    ApplicationForm,
    PitchDeckForm,
    TeamFormSet,
    question_field,
)
from bridge.programs.views.public import _moment

DECIDED = (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED)


def _pk(value) -> int:
    return id_or_404(value)


def _deadline(application):
    stage = application.current_stage
    return stage.deadline if stage is not None else application.call.closes_at


def status_for_applicant(application) -> dict:
    """What the applicant sees: an outcome only once staff have sent the decision."""
    decision = getattr(application, "decision", None)
    sent = decision if decision is not None and decision.status == DecisionStatus.SENT else None
    status = application.status
    if status in DECIDED and sent is None:
        status = ApplicationStatus.UNDER_REVIEW
    return {
        "code": status,
        "label": ApplicationStatus(status).label,
        "decision": sent,
    }


def _deadline_shown(application):
    """The deadline matters while the applicant can still act on the application."""
    if application.status not in EDITABLE_STATUSES:
        return None
    return _moment(_deadline(application), application.call)


def _editable(application) -> bool:
    return application.status in EDITABLE_STATUSES and timezone.now() < _deadline(application)


def _messages(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            key: [str(m) for e in errs for m in e.messages] for key, errs in exc.error_dict.items()
        }
    return {"__all__": [str(m) for m in exc.messages]}


# --- my applications ----------------------------------------------------------------------


@login_required
def my_applications(request):
    applications = list(
        selectors.applications_for_user(request.user).select_related("decision", "current_stage")[
            :200
        ]
    )
    rows = [
        {
            "application": a,
            "status": status_for_applicant(a),
            "call_title": a.call.title(),
            "editable": _editable(a),
            "deadline": _deadline_shown(a),
        }
        for a in applications
    ]
    return render(request, "programs/applications/my_applications.html", {"rows": rows})


# --- start -------------------------------------------------------------------------------


@login_required
def start(request, slug):
    call = selectors.call_get_public(slug)
    organisations = list(selectors.organisations_for_applicant(request.user))
    error = None
    if request.method == "POST":
        org_id = request.POST.get("organisation", "")
        organisation = next((o for o in organisations if str(o.pk) == org_id), None)
        if organisation is None:
            error = _("Choose one of your organisations.")
        else:
            existing = (
                Application.objects.filter(call=call, organisation=organisation)
                .exclude(status=ApplicationStatus.WITHDRAWN)
                .first()
            )
            if existing is not None:
                return redirect("programs:application_edit", pk=existing.pk)
            try:
                application = services.application_create(
                    actor=request.user, call=call, organisation=organisation
                )
            except PermissionDenied:
                error = _("You cannot apply on behalf of this organisation.")
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, _("Your draft is started. It is saved as you type."))
                return redirect("programs:application_edit", pk=application.pk)
    choices = [
        {"organisation": o, "result": selectors.call_eligibility_for(call, o)}
        for o in organisations
    ]
    context = {
        "call": call,
        "title": call.title(),
        "choices": choices,
        "is_open": call.is_open_at(),
        "error": error,
    }
    return render(
        request, "programs/applications/start.html", context, status=400 if error else 200
    )


# --- the form ------------------------------------------------------------------------------


def _initial(application) -> dict:
    return {name: getattr(application, name) for name in ApplicationForm.FIELDS}


def _question_forms(application, data=None, files=None):
    language = get_language()
    questions = list(selectors.call_questions(application.call, application.current_stage))
    answers = {a.question_id: a for a in application.answers.all()}
    fields = []
    for question in questions:
        field = question_field(question, language)
        name = f"q-{question.pk}"
        answer = answers.get(question.pk)
        value = answer.value if answer else None
        if question.kind == QuestionKind.YES_NO and value is not None:
            value = "yes" if value else "no"
        fields.append(
            {
                "question": question,
                "name": name,
                "field": field,
                "value": value,
                "file": answer.file if answer and answer.file else None,
                "widget": field.widget.render(
                    name,
                    (
                        data.getlist(name)
                        if question.kind == QuestionKind.MULTI_CHOICE
                        else data.get(name)
                    )
                    if data is not None and question.kind != QuestionKind.FILE
                    else value,
                    attrs={"id": f"id_{name}"},
                ),
            }
        )
    return fields


def _save(request, application, *, with_files: bool) -> dict[str, list[str]]:
    """Save what changed; return errors by field (empty: all saved). Each part is saved on its
    own, so one bad field does not lose the rest of a draft."""
    errors: dict[str, list[str]] = {}
    actor = request.user
    form = ApplicationForm(request.POST)
    form.is_valid()
    for name, errs in form.errors.items():
        errors.setdefault(name, []).extend(errs)
    changed = {
        name: value
        for name, value in form.cleaned_data.items()
        if name in ApplicationForm.FIELDS and getattr(application, name) != value
    }
    # An empty list means "no platform ticked" only when the form was actually posted.
    if changed:
        try:
            application = services.application_update(
                actor=actor, application=application, **changed
            )
        except ValidationError as exc:
            for key, msgs in _messages(exc).items():
                errors.setdefault(key, []).extend(msgs)
    if "team-TOTAL_FORMS" in request.POST:
        formset = TeamFormSet(request.POST, prefix="team")
        if formset.is_valid():
            members = [
                {"name": f.cleaned_data.get("name", ""), "role": f.cleaned_data.get("role", "")}
                for f in formset.forms
                if f.cleaned_data.get("name") or f.cleaned_data.get("role")
            ]
            current = [{"name": m.name, "role": m.role} for m in application.team.all()]
            if members != current:
                try:
                    services.application_set_team(
                        actor=actor, application=application, members=members
                    )
                except ValidationError as exc:
                    for key, msgs in _messages(exc).items():
                        errors.setdefault(key, []).extend(msgs)
        else:
            errors.setdefault("team", []).append(_("Check the team members."))
    answers = {a.question_id: a for a in application.answers.all()}
    for question in selectors.call_questions(application.call, application.current_stage):
        name = f"q-{question.pk}"
        try:
            if question.kind == QuestionKind.FILE:
                upload = request.FILES.get(name) if with_files else None
                if upload is not None:
                    services.answer_save(
                        actor=actor, application=application, question=question, file=upload
                    )
                continue
            if question.kind == QuestionKind.MULTI_CHOICE:
                if name not in request.POST and "team-TOTAL_FORMS" not in request.POST:
                    continue
                raw = request.POST.getlist(name)
            else:
                if name not in request.POST:
                    continue
                raw = request.POST.get(name)
            value = answer_value_clean(question, raw)
            previous = answers.get(question.pk)
            if previous is not None and previous.value == value:
                continue
            if previous is None and value in (None, []):
                continue
            services.answer_save(actor=actor, application=application, question=question, value=raw)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(m for msgs in _messages(exc).values() for m in msgs)
    if with_files:
        deck = PitchDeckForm(request.POST, request.FILES)
        if deck.is_valid() and deck.cleaned_data.get("pitch_deck"):
            try:
                services.application_set_pitch_deck(
                    actor=actor, application=application, upload=deck.cleaned_data["pitch_deck"]
                )
            except ValidationError as exc:
                for key, msgs in _messages(exc).items():
                    errors.setdefault(key, []).extend(msgs)
        for key, errs in deck.errors.items():
            errors.setdefault(key, []).extend(errs)
    return errors


def _form_context(request, application, *, data=None, errors=None):
    team = [{"name": m.name, "role": m.role} for m in application.team.all()]
    form = (
        ApplicationForm(data)
        if data is not None
        else ApplicationForm(initial=_initial(application))
    )
    formset = (
        TeamFormSet(data, prefix="team")
        if data is not None and "team-TOTAL_FORMS" in data
        else TeamFormSet(initial=team, prefix="team")
    )
    if data is not None:
        form.is_valid()
        formset.is_valid()
    return {
        "application": application,
        "call": application.call,
        "call_title": application.call.title(),
        "status": status_for_applicant(application),
        "editable": _editable(application),
        "deadline": _deadline_shown(application),
        "form": form,
        "formset": formset,
        "deck_form": PitchDeckForm(),
        "questions": _question_forms(application, data),
        "errors": errors or {},
        "general_errors": (errors or {}).get("__all__", []),
        "saved_at": application.updated_at,
    }


@login_required
def edit(request, pk):
    application = selectors.application_get_for_user(request.user, _pk(pk))
    if not rules.can_edit_application(request.user, application):
        return redirect("programs:application_detail", pk=application.pk)
    if request.method == "POST":
        if not _editable(application):
            messages.error(request, _("This application can no longer be changed."))
            return redirect("programs:application_detail", pk=application.pk)
        errors = _save(request, application, with_files=True)
        application = selectors.application_get_for_user(request.user, application.pk)
        if not errors:
            messages.success(request, _("Saved."))
            if request.POST.get("then") == "submit":
                return redirect("programs:application_submit", pk=application.pk)
            return redirect("programs:application_edit", pk=application.pk)
        context = _form_context(request, application, data=request.POST, errors=errors)
        return render(request, "programs/applications/form.html", context, status=400)
    if not _editable(application):
        return redirect("programs:application_detail", pk=application.pk)
    return render(request, "programs/applications/form.html", _form_context(request, application))


@login_required
@require_POST
def autosave(request, pk):
    """htmx: save the draft on every change; answer the small "Saved at hh:mm" status."""
    application = selectors.application_get_for_user(request.user, _pk(pk))
    if not rules.can_edit_application(request.user, application):
        raise Http404
    if not _editable(application):
        context = {"problems": [("", _("This application can no longer be changed."))]}
        return render(request, "programs/applications/_autosave.html", context, status=409)
    errors = _save(request, application, with_files=False)
    application.refresh_from_db(fields=["updated_at"])
    labels = {name: field.label for name, field in ApplicationForm().fields.items()}
    labels["team"] = _("Team")
    for question in selectors.call_questions(application.call, application.current_stage):
        labels[f"q-{question.pk}"] = question.label()
    problems = [
        (labels.get(field, ""), message) for field, msgs in errors.items() for message in msgs
    ]
    context = {"problems": problems, "saved_at": application.updated_at}
    return render(request, "programs/applications/_autosave.html", context)


@login_required
def detail(request, pk):
    application = selectors.application_get_for_user(request.user, _pk(pk))
    language = get_language()
    answers = {a.question_id: a for a in application.answers.all()}
    questions = [
        {
            "label": q.label(language),
            "answer": answers.get(q.pk),
            "display": _answer_display(q, answers.get(q.pk), language),
        }
        for q in selectors.call_questions(application.call, application.current_stage)
    ]
    context = {
        "application": application,
        "call_title": application.call.title(language),
        "status": status_for_applicant(application),
        "editable": _editable(application)
        and rules.can_edit_application(request.user, application),
        "deadline": _deadline_shown(application),
        "questions": questions,
        "team": list(application.team.all()),
        "in_cohort": application.status == ApplicationStatus.ACCEPTED
        and status_for_applicant(application)["decision"] is not None,
    }
    return render(request, "programs/applications/detail.html", context)


def _answer_display(question, answer, language) -> str:
    if answer is None:
        return ""
    value = answer.value
    if question.kind == QuestionKind.YES_NO:
        return "" if value is None else str(_("Yes") if value else _("No"))
    if question.kind == QuestionKind.CHOICE and value:
        return question.choice_label(value, language)
    if question.kind == QuestionKind.MULTI_CHOICE and value:
        return ", ".join(question.choice_label(v, language) for v in value)
    if question.kind == QuestionKind.FILE:
        return str(_("File uploaded")) if answer.file else ""
    return "" if value is None else str(value)


@login_required
def submit(request, pk):
    application = selectors.application_get_for_user(request.user, _pk(pk))
    if not rules.can_edit_application(request.user, application):
        raise Http404
    errors = {}
    if request.method == "POST":
        try:
            services.application_submit(actor=request.user, application=application)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            errors = _messages(exc)
        else:
            messages.success(
                request,
                _("Your application is submitted. We sent a confirmation to %(email)s.")
                % {"email": request.user.email},
            )
            return redirect("programs:application_detail", pk=application.pk)
        application = selectors.application_get_for_user(request.user, application.pk)
    missing = selectors.application_missing(application)
    result = evaluate(
        application.eligibility_snapshot, application.organisation, application, final=True
    )
    labels = {name: field.label for name, field in ApplicationForm().fields.items()}
    labels.update({"pitch_deck": _("Pitch deck"), "team": _("Team")})
    checklist = [
        {"field": key, "label": labels.get(key, ""), "message": message}
        for key, message in missing.items()
    ]
    context = {
        "application": application,
        "call_title": application.call.title(),
        "status": status_for_applicant(application),
        "editable": _editable(application),
        "deadline": _deadline_shown(application),
        "checklist": checklist,
        "eligibility": result,
        "ready": not missing and result.eligible,
        "errors": errors,
    }
    return render(
        request, "programs/applications/submit.html", context, status=400 if errors else 200
    )


@login_required
def withdraw(request, pk):
    application = selectors.application_get_for_user(request.user, _pk(pk))
    if not rules.can_edit_application(request.user, application):
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.application_withdraw(actor=request.user, application=application)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The application is withdrawn."))
            return redirect("programs:my_applications")
    context = {
        "application": application,
        "call_title": application.call.title(),
        "status": status_for_applicant(application),
        "editable": _editable(application),
        "error": error,
    }
    return render(
        request, "programs/applications/withdraw.html", context, status=400 if error else 200
    )

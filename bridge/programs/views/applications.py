"""The applicant's pages: start, the form (saved as one types), submit, withdraw, my applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bridge.programs import rules
from bridge.programs.eligibility import evaluate
from bridge.programs.models import (
    EDITABLE_STATUSES,
    Application,
    ApplicationStatus,
    QuestionKind,
)
from bridge.programs.selectors import applications as selectors
from bridge.programs.services import applications as services
from bridge.programs.views.common import error_messages, moment, pk_or_404
from bridge.programs.views.forms import (
    ApplicationForm,
)


def deadline_shown(application):
    """The deadline matters while the applicant can still act on the application."""
    if application.status not in EDITABLE_STATUSES:
        return None
    return moment(application.deadline, application.call)


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
            "status": selectors.application_status_for_applicant(a),
            "call_title": a.call.title(),
            "editable": a.is_editable(),
            "deadline": deadline_shown(a),
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


@login_required
def detail(request, pk):
    application = selectors.application_get_for_user(request.user, pk_or_404(pk))
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
        "status": selectors.application_status_for_applicant(application),
        "editable": application.is_editable()
        and rules.can_edit_application(request.user, application),
        "deadline": deadline_shown(application),
        "questions": questions,
        "team": list(application.team.all()),
        "in_cohort": application.status == ApplicationStatus.ACCEPTED
        and selectors.application_status_for_applicant(application)["decision"] is not None,
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
    application = selectors.application_get_for_user(request.user, pk_or_404(pk))
    if not rules.can_edit_application(request.user, application):
        raise Http404
    errors = {}
    if request.method == "POST":
        try:
            services.application_submit(actor=request.user, application=application)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            errors = error_messages(exc)
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
        "status": selectors.application_status_for_applicant(application),
        "editable": application.is_editable(),
        "deadline": deadline_shown(application),
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
    application = selectors.application_get_for_user(request.user, pk_or_404(pk))
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
        "status": selectors.application_status_for_applicant(application),
        "editable": application.is_editable(),
        "error": error,
    }
    return render(
        request, "programs/applications/withdraw.html", context, status=400 if error else 200
    )

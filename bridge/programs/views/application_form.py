"""The application form: every field and question, saved as one types (autosave) or at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.programs import rules
from bridge.programs.answers import answer_value_clean
from bridge.programs.models import (
    QuestionKind,
)
from bridge.programs.selectors import applications as selectors
from bridge.programs.services import applications as services
from bridge.programs.views.applications import deadline_shown
from bridge.programs.views.common import error_messages, pk_or_404
from bridge.programs.views.forms import (
    ApplicationForm,
    PitchDeckForm,
    TeamFormSet,
    question_field,
)


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


def _snapshot_at(data) -> int | None:
    """The moment (browser ms) the page's script stamped on this snapshot of the form; None
    without JavaScript or when the stamp is not a plausible time."""
    raw = (data.get("snapshot_at") or "").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 15:
        return None
    return int(raw) or None


def _save(request, application, *, with_files: bool) -> dict[str, list[str]] | None:
    """Save what changed; return errors by field (empty: all saved), or None when this was an
    autosave older than a save that already reached the draft (nothing was written)."""
    explicit = with_files
    with transaction.atomic():
        current = services.application_claim_snapshot(
            application=application, snapshot_at=_snapshot_at(request.POST), explicit=explicit
        )
        if not current:
            return None
        return _save_parts(request, application, with_files=with_files)


def _save_parts(request, application, *, with_files: bool) -> dict[str, list[str]]:
    """Each part is saved on its own, so one bad field does not lose the rest of a draft."""
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
            for key, msgs in error_messages(exc).items():
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
                    for key, msgs in error_messages(exc).items():
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
            errors.setdefault(name, []).extend(
                m for msgs in error_messages(exc).values() for m in msgs
            )
    if with_files:
        deck = PitchDeckForm(request.POST, request.FILES)
        if deck.is_valid() and deck.cleaned_data.get("pitch_deck"):
            try:
                services.application_set_pitch_deck(
                    actor=actor, application=application, upload=deck.cleaned_data["pitch_deck"]
                )
            except ValidationError as exc:
                for key, msgs in error_messages(exc).items():
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
        "status": selectors.application_status_for_applicant(application),
        "editable": application.is_editable(),
        "deadline": deadline_shown(application),
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
    application = selectors.application_get_for_user(request.user, pk_or_404(pk))
    if not rules.can_edit_application(request.user, application):
        return redirect("programs:application_detail", pk=application.pk)
    if request.method == "POST":
        if not application.is_editable():
            messages.error(request, _("This application can no longer be changed."))
            return redirect("programs:application_detail", pk=application.pk)
        errors = _save(request, application, with_files=True) or {}
        application = selectors.application_get_for_user(request.user, application.pk)
        if not errors:
            messages.success(request, _("Saved."))
            if request.POST.get("then") == "submit":
                return redirect("programs:application_submit", pk=application.pk)
            return redirect("programs:application_edit", pk=application.pk)
        context = _form_context(request, application, data=request.POST, errors=errors)
        return render(request, "programs/applications/form.html", context, status=400)
    if not application.is_editable():
        return redirect("programs:application_detail", pk=application.pk)
    return render(request, "programs/applications/form.html", _form_context(request, application))


@login_required
@require_POST
def autosave(request, pk):
    """htmx: save the draft on every change; answer the small "Saved at hh:mm" status."""
    application = selectors.application_get_for_user(request.user, pk_or_404(pk))
    if not rules.can_edit_application(request.user, application):
        raise Http404
    if not application.is_editable():
        context = {"problems": [("", _("This application can no longer be changed."))]}
        return render(request, "programs/applications/_autosave.html", context, status=409)
    errors = _save(request, application, with_files=False) or {}
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

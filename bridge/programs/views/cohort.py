"""The cohort after selection: the staff board of a call, and one team's page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bridge.programs import rules
from bridge.programs.models import DealKind, Milestone, MilestoneKind, ProgressStatus
from bridge.programs.models.base import CURRENCIES
from bridge.programs.selectors import applications as selectors
from bridge.programs.selectors import cohort as selectors_cohort
from bridge.programs.services import cohort as services
from bridge.programs.views.common import error_messages, pk_or_404


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_lazy("Kind"), choices=MilestoneKind.choices)
    due_on = forms.DateField(label=_lazy("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    title_ru = forms.CharField(label=_lazy("Title (Russian)"), max_length=200, required=False)
    title_uz = forms.CharField(label=_lazy("Title (Uzbek)"), max_length=200, required=False)
    title_en = forms.CharField(label=_lazy("Title (English)"), max_length=200, required=False)


class ProgressForm(forms.Form):
    milestone = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    status = forms.ChoiceField(label=_lazy("Status"), choices=ProgressStatus.choices)
    report = forms.CharField(
        label=_lazy("Progress report"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MentorNoteForm(forms.Form):
    text = forms.CharField(
        label=_lazy("Note"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    shared_with_team = forms.BooleanField(label=_lazy("Show to the team"), required=False)


class DealForm(forms.Form):
    investor = forms.CharField(label=_lazy("Investor"), max_length=200)
    amount = forms.DecimalField(label=_lazy("Amount"), min_value=0, max_digits=14, decimal_places=2)
    currency = forms.ChoiceField(label=_lazy("Currency"), choices=CURRENCIES)
    kind = forms.ChoiceField(label=_lazy("Type"), choices=DealKind.choices)
    signed_on = forms.DateField(
        label=_lazy("Signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_lazy("Note"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _add_errors(form, exc: ValidationError) -> None:
    for key, msgs in error_messages(exc).items():
        form.add_error(key if key in form.fields else None, msgs)


@login_required
def board(request, slug):
    """Staff: milestones × accepted teams, deals; programme managers add milestones."""
    if not services.can_see_cohort(request.user):
        raise Http404
    call = selectors.call_get_for_user(request.user, slug)
    form = MilestoneForm(initial={"due_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if not services.can_plan_cohort(request.user):
            raise PermissionDenied
        form = MilestoneForm(request.POST)
        if form.is_valid():
            try:
                services.milestone_create(actor=request.user, call=call, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("The milestone is added."))
                return redirect("programs:cohort_board", slug=call.slug)
        status = 400
    board = selectors_cohort.cohort_board(call)
    deals = list(selectors_cohort.cohort_deals(call))
    context = {
        "call": call,
        "call_title": call.title(),
        "board": board,
        "deals": deals,
        "totals": selectors_cohort.deal_totals(deals),
        "form": form if services.can_plan_cohort(request.user) else None,
    }
    return render(request, "programs/cohort/board.html", context, status=status)


@login_required
def team(request, pk):
    """One accepted team: milestones with its reports, mentor notes, deals."""
    application = selectors.application_get_for_user(request.user, pk_or_404(pk))
    user = request.user
    is_team = rules.can_edit_application(user, application)
    if not services.in_cohort(application) or (
        is_team and selectors.application_status_for_applicant(application)["decision"] is None
    ):
        raise Http404
    forms_ = {
        "progress": None,
        "note": MentorNoteForm() if services.can_write_mentor_notes(user) else None,
        "deal": DealForm(
            initial={"currency": application.currency, "signed_on": timezone.localdate()}
        )
        if services.can_record_deals(user)
        else None,
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "progress":
                form = ProgressForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Check the status and the report."))
                milestone = get_object_or_404(
                    Milestone, pk=form.cleaned_data["milestone"], call_id=application.call_id
                )
                services.progress_report(
                    actor=user,
                    milestone=milestone,
                    application=application,
                    status=form.cleaned_data["status"],
                    report=form.cleaned_data["report"],
                )
                messages.success(request, _("Your report is saved."))
            elif action == "note" and forms_["note"] is not None:
                form = forms_["note"] = MentorNoteForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Write the note."))
                services.mentor_note_add(actor=user, application=application, **form.cleaned_data)
                messages.success(request, _("The note is added."))
            elif action == "deal" and forms_["deal"] is not None:
                form = forms_["deal"] = DealForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Check the deal's fields."))
                services.deal_record(actor=user, application=application, **form.cleaned_data)
                messages.success(request, _("The deal is recorded."))
            else:
                raise PermissionDenied
        except ValidationError as exc:
            messages.error(request, " ".join(m for ms in error_messages(exc).values() for m in ms))
            status = 400
        else:
            return redirect("programs:cohort_team", pk=application.pk)
    context = {
        "application": application,
        "call_title": application.call.title(),
        "milestones": selectors_cohort.milestones_for_team(application),
        "notes": list(selectors_cohort.mentor_notes_for(user, application)),
        "deals": list(application.deals.all()),
        "can_report": services.can_report_progress(user, application),
        "progress_choices": ProgressStatus.choices,
        "note_form": forms_["note"],
        "deal_form": forms_["deal"],
        "is_staff_viewer": rules.can_view_all_applications(user),
    }
    return render(request, "programs/cohort/team.html", context, status=status)

"""Staff pages of the review: reviewers and invitations, assignment (automatic and manual),
the ranking, shortlisting and decisions, and the outbox of decision letters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.programs import rules
from bridge.programs.ids import get_by_id_or_404
from bridge.programs.models import Application, Assignment, Decision, Outcome, Reviewer
from bridge.programs.models.base import LANGUAGES
from bridge.programs.ranking import DISAGREEMENT_THRESHOLD
from bridge.programs.selectors import review as selectors
from bridge.programs.services import assignment as assignment_services
from bridge.programs.services import calls as call_services
from bridge.programs.services import decisions as decision_services
from bridge.programs.services import review as review_services
from bridge.programs.views.common import error_messages
from bridge.programs.views.eligibility_form import EligibilityForm
from bridge.programs.views.review import LANGUAGE_NAMES

RANKING_PAGE_SIZE = 100


def _manager_call(request, slug):
    call = selectors.call_for_staff(request.user, slug)
    if not rules.can_manage_calls(request.user):
        raise PermissionDenied
    return call


def _flash(request, exc: ValidationError) -> None:
    for message_list in error_messages(exc).values():
        for message in message_list:
            messages.error(request, message)


def _act(request, service, *, done: str = "", back: str, **arguments):
    """A staff action: the service's refusal, or ``done``, flashed; then back to ``back``."""
    try:
        service(actor=request.user, **arguments)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        if done:
            messages.success(request, done)
    return redirect(back)


@login_required
def reviewers(request, slug):
    call = _manager_call(request, slug)
    errors = {}
    if request.method == "POST":
        try:
            review_services.reviewer_invite(
                actor=request.user,
                call=call,
                email=request.POST.get("email", ""),
                languages=request.POST.getlist("languages"),
            )
        except ValidationError as exc:
            errors = error_messages(exc)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("programs_review:staff_reviewers", slug=call.slug)
    context = {
        "call": call,
        "reviewers": selectors.reviewers_overview(call),
        "pending_invitations": selectors.reviewer_invitations_pending(call),
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "errors": errors,
        "posted": request.POST if errors else {},
    }
    return render(request, "programs/staff/reviewers.html", context)


@login_required
def assignments(request, slug):
    call = _manager_call(request, slug)
    applications = selectors.applications_to_assign(call)
    by_app = selectors.assignments_by_application(call)
    context = {
        "call": call,
        "rows": [(a, by_app.get(a.pk, [])) for a in applications],
        "reviewers": [r for r in selectors.reviewers_overview(call) if r.status == "accepted"],
        "k": call.reviews_per_application,
    }
    return render(request, "programs/staff/assignments.html", context)


@login_required
@require_POST
def assignments_run(request, slug):
    call = _manager_call(request, slug)
    result = assignment_services.assignment_run(actor=request.user, call=call)
    messages.success(
        request,
        _("%(created)s assignments made; %(short)s applications lack reviewers.")
        % {"created": len(result.pairs), "short": len(result.short)},
    )
    return redirect("programs_review:staff_assignments", slug=call.slug)


@login_required
@require_POST
def conflicts_detect(request, slug):
    call = _manager_call(request, slug)
    found = review_services.conflicts_detect(actor=request.user, call=call)
    messages.success(request, _("%(count)s new conflicts of interest found.") % {"count": found})
    return redirect("programs_review:staff_assignments", slug=call.slug)


@login_required
@require_POST
def assignment_add(request, slug):
    call = _manager_call(request, slug)
    reviewer = get_by_id_or_404(Reviewer, request.POST.get("reviewer"), call=call)
    application = get_by_id_or_404(Application, request.POST.get("application"), call=call)
    return _act(
        request, assignment_services.assignment_add, reviewer=reviewer, application=application,
        done=_("Reviewer added."), back=_assignments_url(call),
    )  # fmt: skip


@login_required
@require_POST
def assignment_remove(request, slug, pk):
    call = _manager_call(request, slug)
    assignment = get_object_or_404(
        Assignment.objects.select_related("reviewer__user", "application"),
        reviewer__call=call,
        pk=pk,
    )
    return _act(
        request, assignment_services.assignment_remove, assignment=assignment,
        done=_("Reviewer removed."), back=_assignments_url(call),
    )  # fmt: skip


def _assignments_url(call) -> str:
    return reverse("programs_review:staff_assignments", kwargs={"slug": call.slug})


def _threshold(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return DISAGREEMENT_THRESHOLD
    return number if 0 < number < 10 else DISAGREEMENT_THRESHOLD


@login_required
def ranking(request, slug):
    call = selectors.call_for_staff(request.user, slug)
    sort = request.GET.get("sort", "normalised")
    if sort not in selectors.SORTS:
        sort = "normalised"
    threshold = _threshold(request.GET.get("threshold"))
    ranked = selectors.ranking(call, sort=sort, threshold=threshold)
    # Bad or too large page numbers land on the last page (Paginator.get_page).
    page = Paginator(ranked, RANKING_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "call": call,
        "ranked": page.object_list,
        "page": page,
        "offset": page.start_index() - 1 if ranked else 0,
        "sort": sort,
        "threshold": threshold,
        "can_manage": rules.can_manage_calls(request.user),
        "outcomes": Outcome.choices,
        "pending": selectors.outbox_pending_count(call),
        "sorts": [
            ("normalised", _("Normalised")),
            ("raw", _("Raw mean")),
            ("disagreement", _("Disagreement")),
            ("reviews", _("Reviews")),
            ("title", _("Title")),
        ],
    }
    return render(request, "programs/staff/ranking.html", context)


@login_required
@require_POST
def shortlist(request, slug, pk):
    call = _manager_call(request, slug)
    application = get_object_or_404(Application, call=call, pk=pk)
    return _act(
        request, decision_services.application_shortlist, application=application,
        shortlisted=request.POST.get("shortlisted") != "0", back=_back_to_ranking(request, call),
    )  # fmt: skip


def _back_to_ranking(request, call) -> str:
    sort = request.POST.get("sort", "")
    url = reverse("programs_review:staff_ranking", kwargs={"slug": call.slug})
    return f"{url}?sort={sort}" if sort in selectors.SORTS else url


@login_required
@require_POST
def decide(request, slug, pk):
    call = _manager_call(request, slug)
    application = get_object_or_404(Application, call=call, pk=pk)
    return _act(
        request, decision_services.decision_make, application=application,
        outcome=request.POST.get("outcome", ""), message=request.POST.get("message", ""),
        done=_("Decision saved; it waits in the outbox until you send it."),
        back=_back_to_ranking(request, call),
    )  # fmt: skip


@login_required
def outbox(request, slug):
    call = _manager_call(request, slug)
    decisions = selectors.outbox(call)
    context = {
        "call": call,
        "pending": [d for d in decisions if d.status == "pending"],
        "sent": [d for d in decisions if d.status == "sent"],
        "can_send": request.user.has_perm("programs.send_decision"),
    }
    return render(request, "programs/staff/outbox.html", context)


@login_required
@require_POST
def outbox_send(request, slug, pk):
    call = _manager_call(request, slug)
    decision = get_object_or_404(Decision, application__call=call, pk=pk)
    return _act(
        request, decision_services.decision_send, decision=decision,
        done=_("Decision sent."), back=_outbox_url(call),
    )  # fmt: skip


@login_required
@require_POST
def outbox_send_all(request, slug):
    call = _manager_call(request, slug)
    count = decision_services.decisions_send_all(actor=request.user, call=call)
    messages.success(request, _("%(count)s decisions sent.") % {"count": count})
    return redirect("programs_review:staff_outbox", slug=call.slug)


@login_required
@require_POST
def outbox_withdraw(request, slug, pk):
    call = _manager_call(request, slug)
    decision = get_object_or_404(Decision, application__call=call, pk=pk)
    return _act(
        request, decision_services.decision_withdraw, decision=decision,
        done=_("Decision withdrawn from the outbox."), back=_outbox_url(call),
    )  # fmt: skip


def _outbox_url(call) -> str:
    return reverse("programs_review:staff_outbox", kwargs={"slug": call.slug})


@login_required
def eligibility(request, slug):
    """Who may apply: the call's rules as a form; each change is versioned and logged, and
    applies to applications started afterwards."""
    call = _manager_call(request, slug)
    current = call.eligibility.as_rules()
    shown = current.get("countries") or []
    if request.method == "POST":
        form = EligibilityForm(request.POST, countries_shown=shown)
        if form.is_valid():
            try:
                call_services.eligibility_update(
                    actor=request.user, call=call, note=form.cleaned_data["note"], **form.rules()
                )
            except ValidationError as exc:
                for key, message_list in error_messages(exc).items():
                    form.add_error(key if key in form.fields else None, message_list)
            else:
                messages.success(request, _("Eligibility rules saved."))
                return redirect("programs_review:staff_eligibility", slug=call.slug)
    else:
        form = EligibilityForm(initial=EligibilityForm.initial_from(current), countries_shown=shown)
    context = {
        "call": call,
        "form": form,
        "version": current["version"],
        "changes": list(call.eligibility_changes.select_related("actor").order_by("-version")[:50]),
    }
    return render(
        request, "programs/staff/eligibility.html", context, status=400 if form.errors else 200
    )

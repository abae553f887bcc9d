"""Reviewer pages: invitations, assigned applications (blind when the call says so), the rubric
form, file downloads under neutral names, and declaring a conflict of interest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.programs.models import Platform, Question
from bridge.programs.models.base import LANGUAGES
from bridge.programs.selectors import review as selectors
from bridge.programs.services import review as services
from bridge.programs.views import files
from bridge.programs.views.common import error_messages

LANGUAGE_NAMES = {"ru": "Русский", "uz": "Oʻzbekcha", "en": "English"}


@login_required
def home(request):
    roles = list(selectors.reviewer_roles(request.user).order_by("-call__closes_at"))
    context = {
        "invitations": [r for r in roles if r.status == "invited"],
        "assignments": selectors.assignments_for_reviewer(request.user),
    }
    return render(request, "programs/review/home.html", context)


@login_required
def invitation(request, token):
    pending = selectors.reviewer_invitation_open(token)
    if pending is not None:
        # Sent to an address that had no account: whoever signed up and followed the link
        # becomes an invited reviewer, then answers on their own invitation page.
        try:
            reviewer = services.reviewer_invitation_claim(user=request.user, invitation=pending)
        except PermissionDenied:
            raise Http404 from None
        return redirect("programs_review:invitation", token=reviewer.token)
    reviewer = selectors.reviewer_get_by_token(request.user, token)
    errors = {}
    if request.method == "POST":
        accept = request.POST.get("answer") == "accept"
        try:
            services.reviewer_respond(
                user=request.user,
                reviewer=reviewer,
                accept=accept,
                languages=request.POST.getlist("languages") if accept else None,
            )
        except ValidationError as exc:
            errors = error_messages(exc)
        else:
            if accept:
                messages.success(request, _("Thank you: you are now a reviewer of this call."))
            else:
                messages.info(request, _("You declined the invitation."))
            return redirect("programs_review:home")
    context = {
        "reviewer": reviewer,
        "call": reviewer.call,
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "errors": errors,
    }
    return render(request, "programs/review/invitation.html", context)


def _answers(application):
    """Answers to questions reviewers may see, in the call's order."""
    answers = {
        a.question_id: a
        for a in application.answers.filter(question__hidden_from_reviewers=False).select_related(
            "question"
        )
    }
    questions = Question.objects.filter(pk__in=answers).order_by("position", "pk")
    return [(q, answers[q.pk]) for q in questions]


@login_required
def application(request, pk):
    assignment = selectors.assignment_get_for_reviewer(request.user, pk)
    application = assignment.application
    call = assignment.reviewer.call
    criteria = selectors.criteria_for(call)
    review = selectors.own_review(assignment)
    errors = {}
    posted = {}
    if request.method == "POST":
        scores = {c.pk: request.POST.get(f"criterion-{c.pk}", "") for c in criteria}
        posted = {f"criterion-{pk}": value for pk, value in scores.items()}
        try:
            review = services.review_save(
                actor=request.user,
                assignment=assignment,
                scores=scores,
                comment=request.POST.get("comment", ""),
                submit="submit" in request.POST,
            )
        except ValidationError as exc:
            errors = error_messages(exc)
        else:
            if review.submitted_at:
                messages.success(request, _("Your review is submitted."))
            else:
                messages.info(request, _("Draft saved."))
            return redirect("programs_review:application", pk=application.pk)
    current = {}
    if review is not None:
        current = {f"criterion-{s.criterion_id}": str(s.value) for s in review.scores.all()}
    current.update(posted)
    rubric = [
        {
            "criterion": c,
            "key": f"criterion-{c.pk}",
            "value": current.get(f"criterion-{c.pk}", ""),
            "errors": errors.get(f"criterion-{c.pk}", []),
        }
        for c in criteria
    ]
    others = selectors.other_reviews(assignment)
    names = {c.pk: c for c in criteria}
    context = {
        "assignment": assignment,
        "application": application,
        "call": call,
        "blind": call.blind_review,
        "team": list(application.team.all()),
        "platforms": [
            Platform(p).label for p in application.platforms or [] if p in Platform.values
        ],
        "answers": _answers(application),
        "rubric": rubric,
        "review": review,
        "comment": request.POST.get("comment") if errors else (review.comment if review else ""),
        "errors": errors.get("__all__", []),
        "others": [
            {"review": r, "scores": [(names.get(s.criterion_id), s.value) for s in r.scores.all()]}
            for r in others
        ],
    }
    return render(request, "programs/review/application.html", context)


@login_required
def pitch_deck(request, pk):
    assignment = selectors.assignment_get_for_reviewer(request.user, pk)
    named = not assignment.reviewer.call.blind_review
    return files.serve_pitch_deck(request.user, assignment.application, named=named)


@login_required
def answer_file(request, pk, question):
    assignment = selectors.assignment_get_for_reviewer(request.user, pk)
    answer = get_object_or_404(
        assignment.application.answers.select_related("question", "application"),
        question_id=question,
        question__hidden_from_reviewers=False,
    )
    named = not assignment.reviewer.call.blind_review
    return files.serve_answer(request.user, answer, named=named)


@login_required
@require_POST
def conflict(request, pk):
    assignment = selectors.assignment_get_for_reviewer(request.user, pk)
    try:
        services.conflict_declare(
            actor=request.user,
            reviewer=assignment.reviewer,
            application=assignment.application,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        for message_list in error_messages(exc).values():
            for message in message_list:
                messages.error(request, message)
        return redirect("programs_review:application", pk=pk)
    messages.success(
        request, _("Conflict of interest recorded; the application was taken off your list.")
    )
    return redirect("programs_review:home")

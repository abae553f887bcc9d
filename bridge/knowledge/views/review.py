"""Reviewers' pages: the queue, one version to publish or return, questions to moderate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.knowledge import rules
from bridge.knowledge.forms.common import apply_errors
from bridge.knowledge.forms.practices import ReturnForm
from bridge.knowledge.languages import NATIVE_NAMES
from bridge.knowledge.models import Question
from bridge.knowledge.selectors import library, review
from bridge.knowledge.services import engagement
from bridge.knowledge.services import review as services
from bridge.knowledge.views.common import entry_of, parse_id, report, text_diff


def _reviewer(request) -> None:
    if not (rules.can_review(request.user) or rules.can_moderate_questions(request.user)):
        raise Http404


@login_required
def queue(request):
    _reviewer(request)
    return render(
        request,
        "knowledge/review/queue.html",
        {
            "entries": review.review_queue() if rules.can_review(request.user) else [],
            "questions": review.pending_questions()
            if rules.can_moderate_questions(request.user)
            else [],
            "native": NATIVE_NAMES,
        },
    )


@login_required
def entry(request, slug, lang):
    if not rules.can_review(request.user):
        raise Http404
    found = library.practice_for(slug)
    version = entry_of(found, lang)
    form = ReturnForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "publish":
                services.entry_publish(actor=request.user, entry=version)
                messages.success(request, _("Published. The authors are told by e-mail."))
                return redirect("knowledge:review")
            if action == "return" and form.is_valid():
                services.entry_return(
                    actor=request.user, entry=version, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Returned to the authors with your note."))
                return redirect("knowledge:review")
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                apply_errors(form, exc)
            else:
                report(request, exc)
    reviewed = review.last_reviewed_revision(version)
    changes = []
    if reviewed is not None:
        changes = text_diff(
            f"{reviewed.title}\n\n{reviewed.summary}\n\n{reviewed.body}",
            f"{version.title}\n\n{version.summary}\n\n{version.body}",
        )
    return render(
        request,
        "knowledge/review/entry.html",
        {
            "practice": found,
            "entry": version,
            "form": form,
            "changes": changes,
            "reviewed": reviewed,
            "attachments": list(version.attachments.all()),
            "themes": library.theme_labels(found.themes),
            "keywords": library.theme_labels(found.keywords),
            "native": NATIVE_NAMES,
        },
    )


@require_POST
@login_required
def question_moderate(request, pk):
    if not rules.can_moderate_questions(request.user):
        raise Http404
    question = Question.objects.filter(pk=parse_id(pk)).first()
    if question is None:
        raise Http404
    try:
        if request.POST.get("action") == "publish":
            engagement.question_publish(actor=request.user, question=question)
            messages.success(request, _("The question is published and sent to the authors."))
        else:
            engagement.question_reject(actor=request.user, question=question)
            messages.success(request, _("The question will not be published."))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        report(request, exc)
    return redirect("knowledge:review")

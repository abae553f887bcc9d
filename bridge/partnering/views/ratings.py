"""The pages where a person rates the meetings they held and, six months on, says what came of
them (one form per meeting)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bridge.partnering.models.ratings import Outcome
from bridge.partnering.selectors.ratings import meetings_to_follow_up, meetings_to_rate
from bridge.partnering.services.outcomes import outcome_answer
from bridge.partnering.services.ratings import RATING_EDIT_DAYS, meeting_rate


@login_required
def ratings(request):
    meetings = meetings_to_rate(request.user)
    refused = False
    if request.method == "POST":
        chosen = next((m for m in meetings if str(m.pk) == request.POST.get("meeting")), None)
        if chosen is None:
            raise PermissionDenied
        try:
            meeting_rate(
                actor=request.user,
                meeting=chosen,
                score=request.POST.get("score"),
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            chosen.errors, refused = exc.messages, True
        else:
            messages.success(request, _("Thank you: your rating is saved."))
            return redirect("partnering:ratings")
    context = {
        "meetings": meetings,
        "scores": range(1, 6),
        "edit_days": RATING_EDIT_DAYS,
    }
    return render(
        request, "partnering/events/ratings.html", context, status=400 if refused else 200
    )


@login_required
def outcomes(request):
    meetings = meetings_to_follow_up(request.user)
    refused = False
    if request.method == "POST":
        chosen = next((m for m in meetings if str(m.pk) == request.POST.get("meeting")), None)
        if chosen is None:
            raise PermissionDenied
        try:
            outcome_answer(actor=request.user, meeting=chosen, answer=request.POST.get("answer"))
        except ValidationError as exc:
            chosen.errors, refused = exc.messages, True
        else:
            messages.success(request, _("Thank you: your answer is saved."))
            return redirect("partnering:outcomes")
    context = {"meetings": meetings, "answers": Outcome.choices}
    return render(
        request, "partnering/events/outcomes.html", context, status=400 if refused else 200
    )

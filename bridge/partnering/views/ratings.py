"""The page where a person rates the meetings they held (one form per meeting)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bridge.partnering.selectors.ratings import meetings_to_rate
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

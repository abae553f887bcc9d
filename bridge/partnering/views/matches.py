"""A listing's matches, for its organisation and staff; "not interested" removes a pair."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.partnering import rules
from bridge.partnering.explain import explain
from bridge.partnering.models import Listing
from bridge.partnering.selectors import listings as selectors
from bridge.partnering.selectors.matching import matches_for
from bridge.partnering.services.matching import match_dismiss as dismiss
from bridge.partnering.views.common import pk_or_404

PAGE_LIMIT = 30


@login_required
def listing_matches(request, pk):
    listing = selectors.listing_for(request.user, pk_or_404(pk))
    if not rules.can_see_matches(request.user, listing):
        raise PermissionDenied
    language = get_language() or "ru"
    rows = [
        {
            "match": match,
            "other": match.counterpart,
            "reasons": explain(match.reasons, language),
            "percent": round(match.score * 100),
            "show_owner": not match.counterpart.anonymous,
        }
        for match in matches_for(listing, limit=PAGE_LIMIT)
    ]
    return render(
        request,
        "partnering/matches.html",
        {"listing": listing, "rows": rows, "own": rules.can_edit_listing(request.user, listing)},
    )


@login_required
@require_POST
def match_dismiss(request, pk, other):
    listing = selectors.listing_for(request.user, pk_or_404(pk))
    counterpart = Listing.objects.filter(pk=pk_or_404(other)).first()
    if counterpart is None:
        raise Http404
    dismiss(actor=request.user, listing=listing, counterpart=counterpart)
    messages.success(request, _("Not interested: neither side will see this match again."))
    return redirect("partnering:matches", pk=listing.pk)

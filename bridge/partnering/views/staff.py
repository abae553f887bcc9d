"""Staff pages: the validation queue with bulk decisions, and the interest funnel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bridge.partnering import rules
from bridge.partnering.forms.listings import ValidationForm
from bridge.partnering.models import Listing
from bridge.partnering.selectors.interest import funnel
from bridge.partnering.selectors.listings import validation_queue
from bridge.partnering.services.listings import listings_validate

QUEUE_SIZE = 200


def queue(request):
    if not rules.can_validate(request.user):
        raise PermissionDenied
    form = ValidationForm(request.POST or None)
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("listing") if v.isdigit() and len(v) < 18]
        chosen = list(Listing.objects.filter(pk__in=ids, status="pending"))
        if not chosen:
            messages.error(request, _("Tick the listings to decide on."))
        elif form.is_valid():
            try:
                done = listings_validate(actor=request.user, listings=chosen, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request, _("Decision recorded for %(count)d listings.") % {"count": len(done)}
                )
                return redirect("partnering:queue")
    listings = list(validation_queue()[:QUEUE_SIZE])
    return render(request, "partnering/queue.html", {"listings": listings, "form": form})


def funnel_page(request):
    if not rules.is_staff_reader(request.user):
        raise PermissionDenied
    return render(request, "partnering/funnel.html", {"funnel": funnel()})

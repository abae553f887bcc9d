"""The moderators' queue: organisations waiting for verification, verified or refused here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.accounts import rules, selectors
from bridge.accounts.forms.organisations import RejectForm
from bridge.accounts.services import organisations as services
from bridge.accounts.views.organisations import add_service_errors, organisation_or_404


def _queue_page(request, *, failed=None, failed_form=None, status=200):
    pending = list(selectors.organisations_awaiting_verification())
    rows = [
        {
            "organisation": organisation,
            "owners": [m.user for m in organisation.owner_memberships],
            "reject_form": failed_form
            if failed is not None and organisation.pk == failed.pk
            else RejectForm(prefix=f"o{organisation.pk}"),
        }
        for organisation in pending
    ]
    return render(request, "organisations/moderation.html", {"rows": rows}, status=status)


@login_required
def queue(request):
    if not rules.can_verify_organisations(request.user):
        raise PermissionDenied
    return _queue_page(request)


@login_required
@require_POST
def decide(request, slug):
    if not rules.can_verify_organisations(request.user):
        raise PermissionDenied
    organisation = organisation_or_404(slug)
    decision = request.POST.get("decision")
    if decision == "verify":
        services.organisation_verify(actor=request.user, organisation=organisation)
        messages.success(
            request, _("%(organisation)s is verified.") % {"organisation": organisation.name}
        )
        return redirect("organisations:moderation")
    if decision != "reject":
        messages.error(request, _("Choose “verify” or “refuse”."))
        return redirect("organisations:moderation")
    form = RejectForm(request.POST, prefix=f"o{organisation.pk}")
    if form.is_valid():
        try:
            services.organisation_reject(
                actor=request.user, organisation=organisation, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Verification of %(organisation)s refused; the owners were told why.")
                % {"organisation": organisation.name},
            )
            return redirect("organisations:moderation")
    return _queue_page(request, failed=organisation, failed_form=form, status=400)

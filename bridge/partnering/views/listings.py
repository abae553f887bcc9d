"""An organisation's listings: draft, edit, submit, renew, open or close, archive; the page of
one listing for everyone allowed to see it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.partnering import rules
from bridge.partnering.forms.listings import ListingForm, ValidationForm
from bridge.partnering.models import Attachment, Interest, PartnerProfile
from bridge.partnering.selectors import listings as selectors
from bridge.partnering.selectors.interest import accepted_organisations
from bridge.partnering.services import listings as services
from bridge.partnering.services.attachments import attachment_add, attachment_remove
from bridge.partnering.services.profiles import partner_profile_set
from bridge.partnering.views.common import organisations_of, pk_or_404
from bridge.partnering.vocabulary import STAGED_TYPES, Status


@login_required
def mine(request):
    organisations = organisations_of(request.user)
    groups = [(o, list(selectors.organisation_listings(o))) for o in organisations]
    return render(request, "partnering/mine.html", {"groups": groups})


def _initial(listing=None, organisation=None) -> dict:
    if listing is None:
        initial = {"open_for_interest": True, "kind": "offer"}
    else:
        initial = {name: getattr(listing, name) for name in services.LISTING_FIELDS}
        organisation = listing.organisation
    if organisation is not None:
        initial["organisation"] = organisation.pk
        profile = PartnerProfile.objects.filter(organisation=organisation).first()
        if profile:
            initial.update(org_kind=profile.kind, org_size=profile.size)
    return initial


def _save(request, form, listing=None):
    """The form's listing through the services; field errors come back onto the form."""
    data = form.listing_fields
    try:
        with transaction.atomic():
            organisation = (
                listing.organisation
                if listing
                else next(
                    o for o in form.organisations if o.pk == form.cleaned_data["organisation"]
                )
            )
            partner_profile_set(
                actor=request.user,
                organisation=organisation,
                kind=form.cleaned_data["org_kind"],
                size=form.cleaned_data["org_size"],
            )
            if listing is None:
                listing = services.listing_create(
                    actor=request.user, organisation=organisation, **data
                )
            else:
                listing = services.listing_update(actor=request.user, listing=listing, **data)
            upload = form.cleaned_data.get("attachment")
            if upload:
                attachment_add(actor=request.user, listing=listing, upload=upload)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return None
    return listing


def _form_page(request, form, listing=None):
    return render(
        request,
        "partnering/listing_form.html",
        {"form": form, "listing": listing, "staged_types": sorted(STAGED_TYPES)},
    )


@login_required
def listing_new(request):
    organisations = organisations_of(request.user)
    if not organisations:
        messages.info(request, _("Create or join an organisation to publish offers and requests."))
        return redirect("organisations:create")
    if request.method == "POST":
        form = ListingForm(request.POST, request.FILES, organisations=organisations)
        form.organisations = organisations
        if form.is_valid() and (listing := _save(request, form)):
            messages.success(request, _("Draft saved. Send it for validation when it is ready."))
            return redirect(listing)
    else:
        form = ListingForm(
            initial=_initial(organisation=organisations[0]), organisations=organisations
        )
    return _form_page(request, form)


@login_required
def listing_edit(request, pk):
    listing = selectors.listing_for(request.user, pk_or_404(pk))
    if not rules.can_edit_listing(request.user, listing):
        raise PermissionDenied
    organisations = [listing.organisation]
    if request.method == "POST":
        form = ListingForm(request.POST, request.FILES, organisations=organisations)
        form.organisations = organisations
        if form.is_valid() and _save(request, form, listing):
            messages.success(request, _("Listing saved."))
            return redirect(listing)
    else:
        form = ListingForm(initial=_initial(listing), organisations=organisations)
    return _form_page(request, form, listing)


def listing_detail(request, pk):
    listing = selectors.listing_for(request.user, pk_or_404(pk))
    user = request.user
    own = rules.can_edit_listing(user, listing)
    mine = rules.user_organisation_ids(user)
    sent = (
        Interest.objects.filter(listing=listing, organisation_id__in=mine).first()
        if mine and not own
        else None
    )
    context = {
        "listing": listing,
        "own": own,
        "show_owner": rules.can_see_owner(
            user, listing, accepted_orgs=accepted_organisations(listing)
        ),
        "profile": getattr(listing.organisation, "partner_profile", None),
        "attachments": list(listing.attachments.all()),
        "can_validate": rules.can_validate(user) and listing.status == Status.PENDING,
        "validation_form": ValidationForm(),
        "can_interest": bool(mine) and not own and sent is None and listing.is_matchable,
        "sent": sent,
        "can_see_matches": rules.can_see_matches(user, listing),
        "received": list(listing.interests.select_related("organisation")) if own else [],
    }
    return render(request, "partnering/listing.html", context)


ACTIONS = {
    "submit": (services.listing_submit, _("Sent for validation: staff will answer soon.")),
    "renew": (services.listing_renew, _("Renewed: the listing stays published longer.")),
    "archive": (services.listing_archive, _("Archived: the listing is no longer shown.")),
}


@login_required
@require_POST
def listing_action(request, pk):
    listing = selectors.listing_for(request.user, pk_or_404(pk))
    action = request.POST.get("action", "")
    try:
        if action in ACTIONS:
            service, done = ACTIONS[action]
            service(actor=request.user, listing=listing)
        elif action in ("open", "close"):
            services.listing_set_open(
                actor=request.user, listing=listing, open_for_interest=action == "open"
            )
            done = _("Open for interest.") if action == "open" else _("Closed for interest.")
        elif action == "validate":
            form = ValidationForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose a decision."))
            services.listing_validate(actor=request.user, listing=listing, **form.cleaned_data)
            done = _("Decision recorded.")
        elif action == "remove_file":
            attachment = get_object_or_404(
                Attachment, pk=pk_or_404(request.POST.get("file") or 0), listing=listing
            )
            attachment_remove(actor=request.user, attachment=attachment)
            done = _("File removed.")
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(listing)

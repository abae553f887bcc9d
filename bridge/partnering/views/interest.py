"""Expressions of interest: send one from a listing, the inbox of both sides, one interest with
its answer, contacts once accepted, and the conversation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bridge.partnering import rules
from bridge.partnering.forms.listings import DeclineForm, InterestForm, MessageForm
from bridge.partnering.selectors import interest as selectors
from bridge.partnering.selectors import projects as project_selectors
from bridge.partnering.selectors.listings import listing_for
from bridge.partnering.services import interest as services
from bridge.partnering.views.common import organisations_of, pk_or_404

INBOX_SIZE = 100


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def interest_new(request, pk):
    listing = listing_for(request.user, pk_or_404(pk))
    organisations = [o for o in organisations_of(request.user) if o.pk != listing.organisation_id]
    if not organisations:
        raise PermissionDenied
    if request.method == "POST":
        form = InterestForm(request.POST, organisations=organisations)
        if form.is_valid():
            data = form.cleaned_data
            organisation = next(o for o in organisations if o.pk == data.pop("organisation"))
            try:
                interest = services.interest_send(
                    actor=request.user, listing=listing, organisation=organisation, **data
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("Sent. The owner has 14 days to answer."))
                return redirect(interest)
    else:
        form = InterestForm(organisations=organisations)
    return render(request, "partnering/interest_form.html", {"listing": listing, "form": form})


@login_required
def inbox(request):
    ids = rules.user_organisation_ids(request.user)
    context = {
        "received": list(selectors.received(ids)[:INBOX_SIZE]),
        "sent": list(selectors.sent(ids)[:INBOX_SIZE]),
    }
    return render(request, "partnering/inbox.html", context)


@login_required
def interest_detail(request, pk):
    interest = selectors.interest_for(request.user, pk_or_404(pk))
    user = request.user
    decline_form, message_form = DeclineForm(), MessageForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.interest_accept(actor=user, interest=interest)
                messages.success(request, _("Accepted: you can now see each other's contacts."))
                return redirect(interest)
            if action == "decline":
                decline_form = DeclineForm(request.POST)
                if decline_form.is_valid():
                    services.interest_decline(
                        actor=user, interest=interest, reason=decline_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Declined; they will see your reason."))
                    return redirect(interest)
            elif action == "message":
                message_form = MessageForm(request.POST)
                if message_form.is_valid():
                    services.interest_message_post(
                        actor=user, interest=interest, body=message_form.cleaned_data["body"]
                    )
                    return redirect(f"{interest.get_absolute_url()}#thread")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            interest = selectors.interest_for(user, interest.pk)
    context = {
        "interest": interest,
        "listing": interest.listing,
        "owner_side": rules.can_answer_interest(user, interest),
        "sender_visible": selectors.sender_visible(user, interest),
        "owner_visible": rules.can_see_owner(user, interest.listing),
        "contacts": selectors.contacts(interest),
        "thread": list(interest.messages.select_related("author", "organisation")),
        "can_post": rules.can_post_in_thread(user, interest),
        "decline_form": decline_form,
        "message_form": message_form,
        "sender_profile": getattr(interest.organisation, "partner_profile", None),
        "joint_project": project_selectors.project_from_interest(interest),
        "can_start_project": project_selectors.can_start_from(user, interest),
    }
    return render(request, "partnering/interest.html", context)

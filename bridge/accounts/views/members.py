"""Who belongs to an organisation: members page, invitations, roles, leaving, ownership."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.accounts import rules, selectors
from bridge.accounts.forms.organisations import InvitationForm, RoleForm, TransferForm
from bridge.accounts.models import Invitation, Membership, Role
from bridge.accounts.services import memberships as services
from bridge.accounts.views.organisations import add_service_errors, organisation_or_404


def _members_page(request, organisation, *, invite_form=None, status=200):
    can_manage = rules.can_manage_members(request.user, organisation)
    is_owner = rules.can_transfer_ownership(request.user, organisation)
    if can_manage and invite_form is None:
        invite_form = InvitationForm(can_invite_admins=is_owner)
    context = {
        "organisation": organisation,
        "role": rules.role_in(request.user, organisation),
        "memberships": selectors.organisation_members(organisation=organisation),
        "invitations": (
            selectors.organisation_open_invitations(organisation=organisation) if can_manage else ()
        ),
        "can_manage": can_manage,
        "is_owner": is_owner,
        "invite_form": invite_form,
        "role_choices": [(Role.ADMIN, Role.ADMIN.label), (Role.MEMBER, Role.MEMBER.label)],
    }
    return render(request, "organisations/members.html", context, status=status)


def _back_to_members(organisation):
    return redirect("organisations:members", slug=organisation.slug)


@login_required
def members(request, slug):
    organisation = organisation_or_404(slug)
    if not rules.can_view_members(request.user, organisation):
        raise PermissionDenied
    return _members_page(request, organisation)


@login_required
@require_POST
def invite(request, slug):
    organisation = organisation_or_404(slug)
    if not rules.can_manage_members(request.user, organisation):
        raise PermissionDenied
    can_invite_admins = rules.can_transfer_ownership(request.user, organisation)
    form = InvitationForm(request.POST, can_invite_admins=can_invite_admins)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=request.user,
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": invitation.email},
            )
            return _back_to_members(organisation)
    return _members_page(request, organisation, invite_form=form, status=400)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organisation = organisation_or_404(slug)
    if not rules.can_manage_members(request.user, organisation):
        raise PermissionDenied
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, _("Invitation to %(email)s revoked.") % {"email": invitation.email})
    return _back_to_members(organisation)


@login_required
@require_POST
def member_role(request, slug, pk):
    organisation = organisation_or_404(slug)
    if not rules.can_transfer_ownership(request.user, organisation):
        raise PermissionDenied
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=pk, organisation=organisation
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose administrator or member."))
        return _back_to_members(organisation)
    try:
        services.membership_change_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is now: %(role)s.")
            % {"name": membership.user.display_name, "role": membership.get_role_display()},
        )
    return _back_to_members(organisation)


@login_required
@require_POST
def member_remove(request, slug, pk):
    organisation = organisation_or_404(slug)
    if not rules.can_manage_members(request.user, organisation):
        raise PermissionDenied
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=pk, organisation=organisation
    )
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s no longer belongs to the organisation.")
            % {"name": membership.user.display_name},
        )
    return _back_to_members(organisation)


@login_required
def leave(request, slug):
    organisation = organisation_or_404(slug)
    role = rules.role_in(request.user, organisation)
    if role is None:
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        try:
            services.membership_leave(user=request.user, organisation=organisation)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            update_session_auth_hash(request, request.user)  # this session stays, with a new key
            messages.success(
                request, _("You left %(organisation)s.") % {"organisation": organisation.name}
            )
            return redirect(organisation)
    context = {"organisation": organisation, "role": role, "error": error}
    return render(request, "organisations/leave.html", context, status=400 if error else 200)


@login_required
def transfer(request, slug):
    organisation = organisation_or_404(slug)
    if not rules.can_transfer_ownership(request.user, organisation):
        raise PermissionDenied
    others = selectors.organisation_members(organisation=organisation).exclude(user=request.user)
    form = TransferForm(request.POST or None, memberships=others)
    if request.method == "POST" and form.is_valid():
        new_owner = next(m.user for m in others if m.user_id == form.cleaned_data["new_owner"])
        try:
            services.organisation_transfer_ownership(
                actor=request.user, organisation=organisation, new_owner=new_owner
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            update_session_auth_hash(request, request.user)  # this session stays, with a new key
            messages.success(
                request,
                _("%(name)s is now the owner. You remain an administrator.")
                % {"name": new_owner.display_name},
            )
            return _back_to_members(organisation)
    context = {"organisation": organisation, "form": form, "has_others": bool(others)}
    return render(request, "organisations/transfer.html", context)


def invitation(request, token):
    """The link from the invitation e-mail: sign in, then accept."""
    found = selectors.invitation_by_token(token=token)
    state = "invalid"
    if found is not None and services.invitation_is_open(found):
        if not request.user.is_authenticated:
            state = "anonymous"
        elif found.email.lower() != request.user.email.lower():
            state = "wrong_address"
        else:
            state = "open"
    error = ""
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(user=request.user, token=token)
        except services.InvitationError as exc:
            error = exc.message
        else:
            update_session_auth_hash(request, request.user)  # this session stays, with a new key
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": found.organisation.name},
            )
            return redirect(found.organisation)
    context = {
        "invitation": found,
        "state": state,
        "error": error,
        "login_url": reverse("accounts:login") + "?" + urlencode({"next": request.path}),
        "signup_url": reverse("accounts:signup") + "?" + urlencode({"next": request.path}),
    }
    status = 404 if found is None else (400 if error else 200)
    return render(request, "organisations/invitation.html", context, status=status)

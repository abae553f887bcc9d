"""Writes about who belongs to an organisation: invitations, roles, leaving, ownership."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts import rules
from bridge.accounts.models import Invitation, Membership, Organisation, Role, User
from bridge.accounts.services.security import user_sessions_invalidate
from bridge.core.audit import audit_log
from bridge.core.mail import notify


class InvitationError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str = Role.MEMBER
) -> Invitation:
    if not rules.can_manage_members(actor, organisation):
        raise PermissionDenied
    email = email.strip().lower()
    if role not in (Role.ADMIN, Role.MEMBER):
        raise ValidationError({"role": _("Invite as an administrator or a member.")})
    if role == Role.ADMIN and not rules.can_transfer_ownership(actor, organisation):
        raise ValidationError({"role": _("Only the owner can invite administrators.")})
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    # A new invitation replaces any open one for the same address, so only one link works.
    organisation.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=actor
    )
    audit_log(actor=actor, action="invitation.create", target=organisation, email=email, role=role)
    url = settings.SITE_URL + reverse(
        "organisations:invitation", kwargs={"token": invitation.token}
    )
    invitee = User.objects.filter(email__iexact=email).first()
    transaction.on_commit(
        lambda: notify(
            to=invitee or email,
            template="organisations/email/invitation",
            context={
                "organisation": organisation.name,
                "inviter": actor.display_name,
                "role": str(Role(role).label),
                "url": url,
            },
            language=(invitee.language if invitee else "") or actor.language,
        )
    )
    return invitation


def invitation_is_open(invitation: Invitation) -> bool:
    expired = invitation.created_at + settings.INVITATION_MAX_AGE < timezone.now()
    return invitation.accepted_at is None and invitation.revoked_at is None and not expired


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").filter(token=token)
    ).first()
    if invitation is None or not invitation_is_open(invitation):
        raise InvitationError(_("This invitation is no longer valid. Ask for a new one."))
    if invitation.email.lower() != user.email.lower():
        raise InvitationError(
            _("This invitation was sent to another e-mail address. Sign in with that address.")
        )
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    if created:
        # A new role: the person's other sessions end; the view keeps this one (rotated).
        user_sessions_invalidate(user=user)
        audit_log(actor=user, action="membership.join", target=invitation.organisation)
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    if not rules.can_manage_members(actor, invitation.organisation):
        raise PermissionDenied
    # Decided on the row as it is now, not the caller's copy: an invitation accepted since the
    # page was read stays accepted and unrevoked.
    now = timezone.now()
    revoked = Invitation.objects.filter(
        pk=invitation.pk, revoked_at__isnull=True, accepted_at__isnull=True
    ).update(revoked_at=now)
    if revoked:
        invitation.revoked_at = now
        audit_log(
            actor=actor,
            action="invitation.revoke",
            target=invitation.organisation,
            email=invitation.email,
        )


@transaction.atomic
def membership_change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    organisation = membership.organisation
    if not rules.can_transfer_ownership(actor, organisation):
        raise PermissionDenied
    if role not in (Role.ADMIN, Role.MEMBER):
        raise ValidationError({"role": _("Use “transfer ownership” to make someone the owner.")})
    if membership.role == Role.OWNER:
        raise ValidationError({"role": _("The owner's role changes only by transfer.")})
    membership.role = role
    membership.save(update_fields=["role"])
    # A role change ends the person's sessions: they sign in again under the new role.
    user_sessions_invalidate(user=membership.user)
    audit_log(
        actor=actor,
        action="membership.role",
        target=organisation,
        member=membership.user.email,
        role=role,
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    organisation = membership.organisation
    if membership.role == Role.OWNER:
        raise ValidationError(_("The owner cannot be removed; transfer ownership first."))
    actor_role = rules.role_in(actor, organisation)
    # Administrators manage members; only the owner removes another administrator.
    allowed = actor_role == Role.OWNER or (
        actor_role == Role.ADMIN and membership.role == Role.MEMBER
    )
    if not allowed:
        raise PermissionDenied
    email = membership.user.email
    membership.delete()
    user_sessions_invalidate(user=membership.user)
    audit_log(actor=actor, action="membership.remove", target=organisation, member=email)


@transaction.atomic
def membership_leave(*, user: User, organisation: Organisation) -> None:
    membership = (
        Membership.objects.select_for_update().filter(organisation=organisation, user=user).first()
    )
    if membership is None:
        raise PermissionDenied
    if membership.role == Role.OWNER:
        raise ValidationError(_("Transfer ownership to another member before you leave."))
    membership.delete()
    # The view keeps the person's own session (rotated); their other sessions end.
    user_sessions_invalidate(user=user)
    audit_log(actor=user, action="membership.leave", target=organisation)


@transaction.atomic
def organisation_transfer_ownership(
    *, actor: User, organisation: Organisation, new_owner: User
) -> None:
    if not rules.can_transfer_ownership(actor, organisation):
        raise PermissionDenied
    memberships = {
        m.user_id: m
        for m in Membership.objects.select_for_update().filter(
            organisation=organisation, user__in=[actor, new_owner]
        )
    }
    target = memberships.get(new_owner.pk)
    if target is None or new_owner.pk == actor.pk:
        raise ValidationError({"new_owner": _("Choose another member of this organisation.")})
    current = memberships[actor.pk]
    # Demote first: the database allows only one owner per organisation at any moment.
    current.role = Role.ADMIN
    current.save(update_fields=["role"])
    target.role = Role.OWNER
    target.save(update_fields=["role"])
    organisation._role_cache = {}
    # Both roles changed: the new owner's sessions end; the view keeps the actor's own (rotated).
    user_sessions_invalidate(user=new_owner)
    user_sessions_invalidate(user=actor)
    audit_log(
        actor=actor, action="organisation.transfer", target=organisation, new_owner=new_owner.email
    )

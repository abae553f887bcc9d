"""API router for who belongs to an organisation: members, roles, invitations, leaving,
ownership. The same services as the members page, so both refuse the same things."""

from datetime import datetime
from typing import Literal

from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from bridge.accounts import rules, selectors
from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.api.organisations import MAX_ID, OrganisationRef, organisation_for_write
from bridge.accounts.models import Invitation, Membership, Organisation, Role
from bridge.accounts.services import memberships as services
from bridge.core.api.errors import service_refusal
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import CodeLabel, ErrorOut, ValidationErrorOut

router = Router(tags=["organisation members"])

# Roles one can give; ownership moves only by transfer.
GivenRole = Literal["admin", "member"]
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PersonOut(Schema):
    id: int
    full_name: str
    email: str


class MemberOut(Schema):
    id: int = Field(description="The membership's id (not the person's).")
    person: PersonOut
    role: CodeLabel
    joined_at: datetime


class MemberPage(Schema):
    count: int
    items: list[MemberOut]


class RoleIn(Schema):
    role: GivenRole


class TransferIn(Schema):
    new_owner: int = Field(..., ge=1, le=MAX_ID, description="The person's id (`person.id`).")


class InvitationIn(Schema):
    email: str = Field(..., min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    role: GivenRole = "member"


class InvitationOut(Schema):
    id: int
    email: str
    role: CodeLabel
    invited_by: str | None
    created_at: datetime


class InvitationPage(Schema):
    count: int
    items: list[InvitationOut]


class JoinedOut(Schema):
    organisation: OrganisationRef
    role: CodeLabel


def _role(code: str) -> dict:
    return {"code": code, "label": str(Role(code).label)}


def _member_out(membership: Membership) -> dict:
    user = membership.user
    return {
        "id": membership.pk,
        "person": {"id": user.pk, "full_name": user.full_name, "email": user.email},
        "role": _role(membership.role),
        "joined_at": membership.joined_at,
    }


def _invitation_out(invitation: Invitation) -> dict:
    # The token is the invitee's secret (it is the link in their e-mail): never shown here.
    inviter = invitation.invited_by
    return {
        "id": invitation.pk,
        "email": invitation.email,
        "role": _role(invitation.role),
        "invited_by": inviter.display_name if inviter else None,
        "created_at": invitation.created_at,
    }


def _organisation(request, organisation_id: int, may) -> Organisation:
    """The organisation (404 if none), when the caller passes `may`; else 403. The directory
    shows every organisation, so its existence is no secret; its members are."""
    organisation = organisation_for_write(organisation_id)
    if not may(request.auth, organisation):
        raise HttpError(403, _("You may not do this for this organisation."))
    return organisation


def _keep_own_session(request) -> None:
    """The services end the caller's sessions when their own role changes; a browser calling
    with its session keeps this one (rotated), as the pages do. Tokens are not sessions."""
    if request.session.get("_auth_user_id") == str(request.auth.pk):
        update_session_auth_hash(request, request.auth)


def _membership(organisation: Organisation, membership_id: int) -> Membership:
    # Scoped to the organisation in the path: another organisation's membership id is a 404.
    if not 1 <= membership_id <= MAX_ID:
        raise Http404
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(pk=membership_id, organisation=organisation)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


@router.get(
    "/organisations/{organisation_id}/members",
    response={200: MemberPage, **ERRORS, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Members of an organisation (its members; staff with the permission)",
)
def list_members(request, organisation_id: int, paging: Query[PageParams]) -> dict:
    """Owner first, then administrators, then members."""
    organisation = _organisation(request, organisation_id, rules.can_view_members)
    count, page = paginate(selectors.organisation_members(organisation=organisation), paging)
    return {"count": count, "items": [_member_out(m) for m in page]}


@router.patch(
    "/organisations/{organisation_id}/members/{membership_id}",
    response={200: MemberOut, **ERRORS, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Change a member's role (owner)",
    description="`admin` or `member`; the owner's own role changes only by "
    "`POST /organisations/{id}/transfer` (422). The person's other sessions end.",
)
def change_member_role(request, organisation_id: int, membership_id: int, payload: RoleIn):
    organisation = _organisation(request, organisation_id, rules.can_transfer_ownership)
    membership = _membership(organisation, membership_id)
    try:
        services.membership_change_role(
            actor=request.auth, membership=membership, role=payload.role
        )
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(200, _member_out(membership))


@router.delete(
    "/organisations/{organisation_id}/members/{membership_id}",
    response={204: None, **ERRORS, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Remove a member (owner; administrators remove members)",
    description="Administrators may remove members but not other administrators (403); "
    "nobody removes the owner (422: transfer ownership first).",
)
def remove_member(request, organisation_id: int, membership_id: int):
    organisation = _organisation(request, organisation_id, rules.can_manage_members)
    membership = _membership(organisation, membership_id)
    try:
        services.membership_remove(actor=request.auth, membership=membership)
    except PermissionDenied:
        raise HttpError(403, _("Only the owner removes an administrator.")) from None
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(204, None)


@router.post(
    "/organisations/{organisation_id}/leave",
    response={204: None, **ERRORS, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Leave an organisation",
    description="The owner cannot leave before transferring ownership (422). 403 for non-members.",
)
def leave_organisation(request, organisation_id: int):
    organisation = _organisation(request, organisation_id, rules.is_member)
    try:
        services.membership_leave(user=request.auth, organisation=organisation)
    except DjangoValidationError as exc:
        return service_refusal(exc)
    _keep_own_session(request)
    return Status(204, None)


@router.post(
    "/organisations/{organisation_id}/transfer",
    response={200: MemberPage, **ERRORS, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Hand ownership to another member (owner)",
    description="`new_owner` must be another member of this organisation (422 at `new_owner`). "
    "The caller becomes an administrator. Answers the members after the change.",
)
def transfer_ownership(request, organisation_id: int, payload: TransferIn):
    organisation = _organisation(request, organisation_id, rules.can_transfer_ownership)
    target = (
        Membership.objects.select_related("user")
        .filter(organisation=organisation, user_id=payload.new_owner)
        .first()
    )
    if target is None:
        return service_refusal(
            DjangoValidationError({"new_owner": _("Choose another member of this organisation.")})
        )
    try:
        services.organisation_transfer_ownership(
            actor=request.auth, organisation=organisation, new_owner=target.user
        )
    except DjangoValidationError as exc:
        return service_refusal(exc)
    _keep_own_session(request)
    return Status(200, list_members(request, organisation_id, PageParams()))


@router.get(
    "/organisations/{organisation_id}/invitations",
    response={200: InvitationPage, **ERRORS, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Open invitations (owner, administrators)",
)
def list_invitations(request, organisation_id: int, paging: Query[PageParams]) -> dict:
    """Invitations not yet accepted, revoked or expired, newest first."""
    organisation = _organisation(request, organisation_id, rules.can_manage_members)
    queryset = selectors.organisation_open_invitations(organisation=organisation)
    count, page = paginate(queryset, paging)
    return {"count": count, "items": [_invitation_out(i) for i in page]}


@router.post(
    "/organisations/{organisation_id}/invitations",
    response={201: InvitationOut, **ERRORS, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Invite someone by e-mail (owner, administrators)",
    description="Only the owner invites administrators (422 at `role`); inviting a member "
    "again is refused (422 at `email`). A new invitation replaces an open one to the same "
    "address. The invitee gets an e-mail with the link (`POST /invitations/{token}/accept`).",
)
def create_invitation(request, organisation_id: int, payload: InvitationIn):
    organisation = _organisation(request, organisation_id, rules.can_manage_members)
    try:
        invitation = services.invitation_create(
            actor=request.auth, organisation=organisation, email=payload.email, role=payload.role
        )
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(201, _invitation_out(invitation))


@router.delete(
    "/organisations/{organisation_id}/invitations/{invitation_id}",
    response={204: None, **ERRORS},
    auth=SIGNED_IN,
    summary="Revoke an invitation (owner, administrators)",
    description="Revoking one already accepted or revoked changes nothing.",
)
def revoke_invitation(request, organisation_id: int, invitation_id: int):
    organisation = _organisation(request, organisation_id, rules.can_manage_members)
    if not 1 <= invitation_id <= MAX_ID:
        raise Http404
    invitation = organisation.invitations.filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404
    services.invitation_revoke(actor=request.auth, invitation=invitation)
    return Status(204, None)


@router.post(
    "/invitations/{token}/accept",
    response={200: JoinedOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=SIGNED_IN,
    summary="Accept an invitation (the invited address)",
    description="`token` is the last part of the link in the invitation e-mail. 422 when it "
    "has expired or was revoked, or was sent to another address than the caller's. Accepting "
    "ends the caller's other sessions (their roles changed).",
)
def accept_invitation(request, token: str):
    if len(token) > 64 or selectors.invitation_by_token(token=token) is None:
        raise Http404
    try:
        membership = services.invitation_accept(user=request.auth, token=token)
    except services.InvitationError as exc:
        return Status(422, {"detail": exc.message})
    _keep_own_session(request)
    organisation = membership.organisation
    return Status(
        200,
        {
            "organisation": {
                "id": organisation.pk,
                "slug": organisation.slug,
                "name": organisation.name,
                "url": request.build_absolute_uri(organisation.get_absolute_url()),
            },
            "role": _role(membership.role),
        },
    )

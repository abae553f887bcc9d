"""Membership services, to the exact value a person sees: which field an error is shown at and
what it says, who may do what (and that a refusal changes nothing), the stamps and roles each
step records, the audit rows, whose sessions end, and who is told what in which language.
Written for the mutation score of issue 18."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Invitation, Membership, Role, User
from bridge.accounts.services import memberships as services
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, recorded_notifications, trail

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]


@pytest.fixture
def told(monkeypatch):
    """Each `notify` the services make: (to, template, context, language)."""
    return recorded_notifications(monkeypatch, services)


def generation(user: User) -> int:
    return User.objects.get(pk=user.pk).session_generation


def field_error(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def roles(organisation) -> dict[str, str]:
    return dict(organisation.memberships.values_list("user__email", "role"))


def invite(actor, organisation, email="new.person@example.org", role=Role.MEMBER):
    return services.invitation_create(
        actor=actor, organisation=organisation, email=email, role=role
    )


# --- inviting -------------------------------------------------------------------------------


def test_an_administrator_invites_a_member_cleaned_audited_and_told_after_commit(
    organisation, org_admin, told, clock, run_on_commit
):
    org_admin.language = "uz"
    org_admin.save()
    with run_on_commit():
        invitation = invite(org_admin, organisation, email="  New.Person@Example.ORG ")
        assert told == []  # nothing is sent before the invitation is committed
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "new.person@example.org",
        Role.MEMBER,
        org_admin,
    )
    assert invitation.organisation == organisation
    assert (invitation.created_at, invitation.accepted_at, invitation.revoked_at) == (
        NOW,
        None,
        None,
    )
    assert trail(organisation) == [
        ("invitation.create", org_admin, {"email": "new.person@example.org", "role": "member"})
    ]
    assert told == [
        (
            "new.person@example.org",  # no account: a bare address
            "organisations/email/invitation",
            {
                "organisation": organisation.name,
                "inviter": org_admin.display_name,
                "role": "Member",
                "url": f"{settings.SITE_URL}/organisations/invitations/{invitation.token}/",
            },
            "uz",  # the inviter's language: the address has no account to say otherwise
        )
    ]


def test_a_person_with_an_account_is_told_as_themself_in_their_language(
    organisation, owner, told, run_on_commit
):
    owner.language = "en"
    owner.save()
    invitee = UserFactory(email="known@example.org", language="ru")
    with run_on_commit():
        invitation = invite(owner, organisation, email="KNOWN@example.org", role=Role.ADMIN)
    [(to, _template, context, language)] = told
    assert (to, language, context["role"]) == (invitee, "ru", "Administrator")
    assert invitation.role == Role.ADMIN


def test_an_invitee_without_a_language_is_told_in_the_inviters(
    organisation, owner, told, run_on_commit
):
    owner.language = "uz"
    owner.save()
    invitee = UserFactory(email="known@example.org", language="")
    with run_on_commit():
        invite(owner, organisation, email="known@example.org")
    assert [(to, language) for to, _t, _c, language in told] == [(invitee, "uz")]


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_owner_and_administrators_invite(request, organisation, who, told):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        invite(actor, organisation)
    assert not Invitation.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("role", [Role.OWNER, "boss", ""])
def test_an_invitation_is_for_an_administrator_or_a_member(organisation, owner, role):
    with pytest.raises(ValidationError) as excinfo:
        invite(owner, organisation, role=role)
    assert field_error(excinfo) == {"role": ["Invite as an administrator or a member."]}
    assert not Invitation.objects.exists()


def test_only_the_owner_invites_administrators(organisation, owner, org_admin):
    with pytest.raises(ValidationError) as excinfo:
        invite(org_admin, organisation, role=Role.ADMIN)
    assert field_error(excinfo) == {"role": ["Only the owner can invite administrators."]}
    assert not Invitation.objects.exists()
    assert invite(owner, organisation, role=Role.ADMIN).role == Role.ADMIN


def test_a_member_is_not_invited_again_whatever_the_case_of_the_address(
    organisation, owner, member
):
    with pytest.raises(ValidationError) as excinfo:
        invite(owner, organisation, email=f" {member.email.upper()} ")
    assert field_error(excinfo) == {"email": ["This person is already a member."]}
    assert not Invitation.objects.exists()


def test_a_member_of_another_organisation_may_be_invited(organisation, owner):
    elsewhere = UserFactory()
    OrganisationFactory(owner=elsewhere)
    assert invite(owner, organisation, email=elsewhere.email).email == elsewhere.email


def test_a_new_invitation_revokes_only_the_open_ones_for_that_address_here(
    organisation, owner, clock
):
    address = "twice@example.org"
    first = invite(owner, organisation, email=address)
    accepted = invite(owner, organisation, email=address)
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=NOW - timedelta(days=1))
    withdrawn = invite(owner, organisation, email=address)
    Invitation.objects.filter(pk=withdrawn.pk).update(revoked_at=NOW - timedelta(days=2))
    other_address = invite(owner, organisation, email="other@example.org")
    other_org = OrganisationFactory(owner=owner)
    there = invite(owner, other_org, email=address)
    clock["now"] = NOW + timedelta(hours=1)

    latest = invite(owner, organisation, email=address.upper())

    def stamps(invitation):
        invitation.refresh_from_db()
        return invitation.accepted_at, invitation.revoked_at

    assert stamps(first) == (None, NOW)  # revoked by the second invitation already
    assert stamps(accepted) == (NOW - timedelta(days=1), None)
    assert stamps(withdrawn) == (None, NOW - timedelta(days=2))
    assert stamps(other_address) == (None, None)
    assert stamps(there) == (None, None)
    assert stamps(latest) == (None, None)


# --- whether an invitation is open ------------------------------------------------------------


def test_an_invitation_is_open_until_its_age_runs_out(organisation, owner, clock):
    invitation = invite(owner, organisation)
    clock["now"] = NOW + settings.INVITATION_MAX_AGE
    assert services.invitation_is_open(invitation)  # the last moment still counts
    clock["now"] = NOW + settings.INVITATION_MAX_AGE + timedelta(seconds=1)
    assert not services.invitation_is_open(invitation)


def test_an_accepted_or_revoked_invitation_is_closed(organisation, owner, clock):
    invitation = invite(owner, organisation)
    invitation.accepted_at = NOW
    assert not services.invitation_is_open(invitation)
    invitation.accepted_at, invitation.revoked_at = None, NOW
    assert not services.invitation_is_open(invitation)


# --- accepting ------------------------------------------------------------------------------


def test_accepting_makes_a_member_in_the_invited_role_ends_other_sessions_and_audits(
    organisation, owner, clock
):
    invitee = UserFactory(email="new.person@example.org")
    invitation = invite(owner, organisation, email="New.Person@example.org", role=Role.ADMIN)
    before = generation(invitee)
    clock["now"] = NOW + timedelta(days=3)

    membership = services.invitation_accept(user=invitee, token=invitation.token)

    assert (membership.organisation, membership.user, membership.role) == (
        organisation,
        invitee,
        Role.ADMIN,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at == NOW + timedelta(days=3)
    assert generation(invitee) == before + 1
    assert invitee.session_generation == before + 1  # the caller's copy too, for the view
    assert trail(organisation)[-1] == ("membership.join", invitee, {})


def test_accepting_is_for_the_invited_address_whatever_its_case(organisation, owner):
    invitation = invite(owner, organisation, email="new.person@example.org")
    invitee = UserFactory(email="New.Person@Example.org")
    assert services.invitation_accept(user=invitee, token=invitation.token).role == Role.MEMBER


def test_someone_else_cannot_accept_and_nothing_changes(organisation, owner):
    invitation = invite(owner, organisation, email="new.person@example.org")
    stranger = UserFactory(email="stranger@example.org")
    with pytest.raises(services.InvitationError) as excinfo:
        services.invitation_accept(user=stranger, token=invitation.token)
    assert excinfo.value.message == (
        "This invitation was sent to another e-mail address. Sign in with that address."
    )
    assert str(excinfo.value) == excinfo.value.message
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not organisation.memberships.filter(user=stranger).exists()


@pytest.mark.parametrize("state", ["unknown", "accepted", "revoked", "expired"])
def test_a_closed_or_unknown_invitation_is_refused(organisation, owner, clock, state):
    invitee = UserFactory(email="new.person@example.org")
    invitation = invite(owner, organisation, email=invitee.email)
    token = invitation.token
    if state == "unknown":
        token = "no-such-token"
    elif state == "accepted":
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=NOW)
    elif state == "revoked":
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=NOW)
    else:
        clock["now"] = NOW + settings.INVITATION_MAX_AGE + timedelta(minutes=1)
    with pytest.raises(services.InvitationError) as excinfo:
        services.invitation_accept(user=invitee, token=token)
    assert excinfo.value.message == "This invitation is no longer valid. Ask for a new one."
    assert not organisation.memberships.filter(user=invitee).exists()


def test_accepting_when_already_a_member_keeps_the_role_and_the_sessions(
    organisation, owner, member, clock
):
    invitation = Invitation.objects.create(
        organisation=organisation, email=member.email, role=Role.ADMIN, invited_by=owner
    )
    before = generation(member)
    membership = services.invitation_accept(user=member, token=invitation.token)
    assert membership.role == Role.MEMBER
    assert generation(member) == before
    invitation.refresh_from_db()
    assert invitation.accepted_at == NOW  # used up all the same
    assert not AuditEntry.objects.filter(action="membership.join").exists()


# --- revoking -------------------------------------------------------------------------------


def test_an_administrator_revokes_an_open_invitation_once(organisation, owner, org_admin, clock):
    invitation = invite(owner, organisation, email="gone@example.org")
    clock["now"] = NOW + timedelta(hours=2)
    services.invitation_revoke(actor=org_admin, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at == NOW + timedelta(hours=2)
    clock["now"] = NOW + timedelta(hours=5)
    services.invitation_revoke(actor=org_admin, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at == NOW + timedelta(hours=2)
    assert trail(organisation)[1:] == [
        ("invitation.revoke", org_admin, {"email": "gone@example.org"})
    ]


def test_an_accepted_invitation_is_not_revoked(organisation, owner, clock):
    invitation = invite(owner, organisation)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=NOW)
    invitation.refresh_from_db()
    services.invitation_revoke(actor=owner, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert [action for action, _a, _d in trail(organisation)] == ["invitation.create"]


def test_an_invitation_accepted_since_the_page_was_read_is_not_revoked(organisation, owner, clock):
    invitation = invite(owner, organisation)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=NOW)
    services.invitation_revoke(actor=owner, invitation=invitation)  # its copy says "open"
    invitation.refresh_from_db()
    assert (invitation.accepted_at, invitation.revoked_at) == (NOW, None)
    assert [action for action, _a, _d in trail(organisation)] == ["invitation.create"]


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_owner_and_administrators_revoke(request, organisation, owner, who):
    invitation = invite(owner, organisation)
    with pytest.raises(PermissionDenied):
        services.invitation_revoke(actor=request.getfixturevalue(who), invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


# --- changing a role ------------------------------------------------------------------------


def test_the_owner_changes_a_role_the_person_signs_in_again_and_it_is_audited(
    organisation, owner, member
):
    membership = organisation.memberships.get(user=member)
    before = generation(member)
    changed = services.membership_change_role(actor=owner, membership=membership, role=Role.ADMIN)
    assert changed.role == Role.ADMIN
    assert roles(organisation)[member.email] == Role.ADMIN
    assert generation(member) == before + 1
    assert trail(organisation) == [
        ("membership.role", owner, {"member": member.email, "role": "admin"})
    ]


@pytest.mark.parametrize("who", ["org_admin", "member", "outsider"])
def test_only_the_owner_changes_roles(request, organisation, owner, member, who):
    actor = request.getfixturevalue(who)
    membership = organisation.memberships.get(user=member)
    with pytest.raises(PermissionDenied):
        services.membership_change_role(actor=actor, membership=membership, role=Role.ADMIN)
    assert roles(organisation)[member.email] == Role.MEMBER


@pytest.mark.parametrize("role", [Role.OWNER, "boss"])
def test_a_role_change_does_not_make_an_owner(organisation, owner, member, role):
    membership = organisation.memberships.get(user=member)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_change_role(actor=owner, membership=membership, role=role)
    assert field_error(excinfo) == {"role": ["Use “transfer ownership” to make someone the owner."]}
    assert roles(organisation)[member.email] == Role.MEMBER


def test_the_owners_own_role_changes_only_by_transfer(organisation, owner):
    membership = organisation.memberships.get(user=owner)
    before = generation(owner)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_change_role(actor=owner, membership=membership, role=Role.ADMIN)
    assert field_error(excinfo) == {"role": ["The owner's role changes only by transfer."]}
    assert roles(organisation)[owner.email] == Role.OWNER
    assert generation(owner) == before


# --- removing and leaving -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor_role", "target_role", "allowed"),
    [
        (Role.OWNER, Role.ADMIN, True),
        (Role.OWNER, Role.MEMBER, True),
        (Role.ADMIN, Role.MEMBER, True),
        (Role.ADMIN, Role.ADMIN, False),
        (Role.MEMBER, Role.MEMBER, False),
        (None, Role.MEMBER, False),
    ],
)
def test_who_removes_whom(organisation, owner, actor_role, target_role, allowed):
    actor = owner if actor_role == Role.OWNER else UserFactory()
    if actor_role not in (None, Role.OWNER):
        Membership.objects.create(organisation=organisation, user=actor, role=actor_role)
    target = UserFactory()
    membership = Membership.objects.create(organisation=organisation, user=target, role=target_role)
    before = generation(target)
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.membership_remove(actor=actor, membership=membership)
        assert roles(organisation)[target.email] == target_role
        assert generation(target) == before
        return
    services.membership_remove(actor=actor, membership=membership)
    assert target.email not in roles(organisation)
    assert generation(target) == before + 1
    assert trail(organisation) == [("membership.remove", actor, {"member": target.email})]


def test_the_owner_is_never_removed(organisation, owner):
    membership = organisation.memberships.get(user=owner)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_remove(actor=owner, membership=membership)
    assert excinfo.value.messages == ["The owner cannot be removed; transfer ownership first."]
    assert roles(organisation)[owner.email] == Role.OWNER


def test_a_member_leaves_ends_their_other_sessions_and_it_is_audited(organisation, member):
    before = generation(member)
    services.membership_leave(user=member, organisation=organisation)
    assert member.email not in roles(organisation)
    assert generation(member) == before + 1
    assert trail(organisation) == [("membership.leave", member, {})]


def test_leaving_one_organisation_keeps_the_membership_of_another(organisation, member):
    elsewhere = OrganisationFactory()
    Membership.objects.create(organisation=elsewhere, user=member, role=Role.MEMBER)
    services.membership_leave(user=member, organisation=elsewhere)
    assert member.email in roles(organisation)
    assert member.email not in roles(elsewhere)


def test_someone_who_is_not_a_member_cannot_leave(organisation, owner, outsider):
    with pytest.raises(PermissionDenied):
        services.membership_leave(user=outsider, organisation=organisation)
    assert not AuditEntry.objects.exists()


def test_the_owner_transfers_before_leaving(organisation, owner):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_leave(user=owner, organisation=organisation)
    assert excinfo.value.messages == ["Transfer ownership to another member before you leave."]
    assert roles(organisation)[owner.email] == Role.OWNER


# --- transferring ownership -----------------------------------------------------------------


def test_the_owner_hands_over_becomes_an_administrator_and_both_sign_in_again(
    organisation, owner, member
):
    owner_before, member_before = generation(owner), generation(member)
    services.organisation_transfer_ownership(
        actor=owner, organisation=organisation, new_owner=member
    )
    assert roles(organisation) == {owner.email: Role.ADMIN, member.email: Role.OWNER}
    assert (generation(owner), generation(member)) == (owner_before + 1, member_before + 1)
    assert trail(organisation) == [("organisation.transfer", owner, {"new_owner": member.email})]
    assert organisation._role_cache == {}  # the next rule check reads the new roles


@pytest.mark.parametrize("who", ["org_admin", "member", "outsider"])
def test_only_the_owner_transfers(request, organisation, owner, member, who):
    with pytest.raises(PermissionDenied):
        services.organisation_transfer_ownership(
            actor=request.getfixturevalue(who), organisation=organisation, new_owner=member
        )
    assert roles(organisation)[owner.email] == Role.OWNER


@pytest.mark.parametrize("whom", ["self", "outsider", "member elsewhere"])
def test_ownership_goes_to_another_member_of_this_organisation(organisation, owner, outsider, whom):
    new_owner = {"self": owner, "outsider": outsider}.get(whom)
    if new_owner is None:
        new_owner = UserFactory()
        OrganisationFactory(owner=new_owner)
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_transfer_ownership(
            actor=owner, organisation=organisation, new_owner=new_owner
        )
    assert field_error(excinfo) == {"new_owner": ["Choose another member of this organisation."]}
    assert roles(organisation) == {owner.email: Role.OWNER}
    assert not AuditEntry.objects.filter(action="organisation.transfer").exists()

"""Who belongs to an organisation: invitations by e-mail, roles, removal, leaving, ownership."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from bridge.accounts.models import Invitation, Membership, Role
from bridge.accounts.tests.factories import MembershipFactory, UserFactory
from bridge.core.models import AuditEntry

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The test people's passwords are never checked here; Argon2 would only slow set-up down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def url(name, organisation, *args):
    return reverse(f"organisations:{name}", args=[organisation.slug, *args])


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    """POST the invite form; the e-mail leaves once the transaction commits, as in production."""

    def post(organisation, email="new.person@example.org", role=Role.MEMBER):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url("invite", organisation), {"email": email, "role": role})

    return post


def link_in(message) -> str:
    match = re.search(r"https?://\S+/organisations/invitations/([\w-]+)/", message.body)
    assert match, message.body
    return reverse("organisations:invitation", args=[match.group(1)])


def role_of(user, organisation):
    return (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


# --- Members page ------------------------------------------------------------------------


def test_members_page_lists_people_owner_first(client, organisation, owner, org_admin, member):
    client.force_login(member)
    response = client.get(url("members", organisation))
    assert response.status_code == 200
    users = [m.user for m in response.context["memberships"]]
    assert users == [owner, org_admin, member]
    content = response.content.decode()
    assert owner.email in content
    # A plain member sees the list but none of the controls.
    assert "Invite a colleague" not in content
    assert "/remove/" not in content
    assert "Change role" not in content


def test_owner_sees_every_control(client, organisation, owner, org_admin, member):
    client.force_login(owner)
    content = client.get(url("members", organisation)).content.decode()
    membership = Membership.objects.get(user=member)
    assert url("member_role", organisation, membership.pk) in content
    assert url("member_remove", organisation, membership.pk) in content
    assert "Invite a colleague" in content
    assert url("transfer", organisation) in content
    # Nobody can remove the owner or change the owner's role from here.
    own = Membership.objects.get(user=owner)
    assert url("member_remove", organisation, own.pk) not in content


def test_admin_sees_remove_for_members_only(client, organisation, owner, org_admin, member):
    client.force_login(org_admin)
    content = client.get(url("members", organisation)).content.decode()
    assert url("member_remove", organisation, Membership.objects.get(user=member).pk) in content
    assert url("member_remove", organisation, Membership.objects.get(user=owner).pk) not in content
    assert "Change role" not in content
    # An administrator invites members, not administrators.
    assert 'value="admin"' not in content.split('id="invite-title"')[1]


# --- Invitations -------------------------------------------------------------------------


def test_invite_sends_an_email_with_the_link(client, invite, organisation, owner):
    client.force_login(owner)
    response = invite(organisation, email="New.Person@Example.org")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert organisation.name in message.subject
    assert owner.display_name in message.body
    assert link_in(message) == reverse("organisations:invitation", args=[invitation.token])
    page = client.get(response["Location"])
    assert b"Invitation sent to new.person@example.org." in page.content
    assert b"new.person@example.org" in page.content.split(b"Open invitations")[1]
    assert AuditEntry.objects.filter(action="invitation.create").count() == 1


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-address", "Enter a valid email address."),
        ("", "This field is required."),
    ],
)
def test_invite_bad_address_is_a_form_error(client, invite, organisation, owner, email, message):
    client.force_login(owner)
    response = invite(organisation, email=email)
    assert response.status_code == 400
    assert message in response.context["invite_form"].errors["email"][0]
    assert not mail.outbox


def test_invite_an_existing_member_is_refused(client, invite, organisation, owner, member):
    client.force_login(owner)
    response = invite(organisation, email=member.email.upper())
    assert response.status_code == 400
    assert b"This person is already a member." in response.content
    assert not Invitation.objects.exists()


def test_admin_cannot_invite_an_administrator(client, invite, organisation, org_admin):
    client.force_login(org_admin)
    response = invite(organisation, role=Role.ADMIN)
    assert response.status_code == 400
    assert "role" in response.context["invite_form"].errors
    assert not Invitation.objects.exists()


def test_a_new_invitation_replaces_the_open_one(client, invite, organisation, owner):
    client.force_login(owner)
    invite(organisation)
    invite(organisation)
    first, second = Invitation.objects.order_by("pk")
    assert first.revoked_at is not None
    assert second.revoked_at is None


def test_invited_person_accepts(client, invite, organisation, owner):
    client.force_login(owner)
    invite(organisation, role=Role.ADMIN)
    link = link_in(mail.outbox[0])
    invited = UserFactory(email="new.person@example.org")
    client.force_login(invited)
    page = client.get(link)
    assert page.status_code == 200
    assert b"Accept the invitation" in page.content
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert role_of(invited, organisation) == Role.ADMIN
    assert Invitation.objects.get().accepted_at is not None
    # The link works once.
    again = client.get(link)
    assert b"This invitation is no longer valid" in again.content


def test_anonymous_visitor_is_asked_to_sign_in(client, invite, organisation, owner):
    client.force_login(owner)
    invite(organisation)
    link = link_in(mail.outbox[0])
    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    login = reverse("accounts:login")
    assert f'href="{login}?next=%2Forganisations%2Finvitations%2F'.encode() in page.content
    client.post(link)
    assert not Membership.objects.filter(user__email="new.person@example.org").exists()


def test_wrong_person_is_refused(client, invite, organisation, owner, outsider):
    client.force_login(owner)
    invite(organisation)
    link = link_in(mail.outbox[0])
    client.force_login(outsider)
    page = client.get(link)
    assert b"This invitation was sent to another e-mail address" in page.content
    assert b"Accept the invitation" not in page.content
    response = client.post(link)
    assert response.status_code == 400
    assert role_of(outsider, organisation) is None
    assert Invitation.objects.get().accepted_at is None


def test_expired_invitation_is_refused(client, invite, organisation, owner):
    client.force_login(owner)
    invite(organisation)
    link = link_in(mail.outbox[0])
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=15))
    invited = UserFactory(email="new.person@example.org")
    client.force_login(invited)
    assert b"This invitation is no longer valid" in client.get(link).content
    assert client.post(link).status_code == 400
    assert role_of(invited, organisation) is None


def test_unknown_invitation_token_is_404(client, db):
    response = client.get(reverse("organisations:invitation", args=["no-such-token"]))
    assert response.status_code == 404


def test_revoke_invitation(client, invite, organisation, org_admin):
    client.force_login(org_admin)
    invite(organisation)
    invitation = Invitation.objects.get()
    response = client.post(url("invitation_revoke", organisation, invitation.pk), follow=True)
    assert b"Invitation to new.person@example.org revoked." in response.content
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert b"No open invitations." in response.content
    invited = UserFactory(email="new.person@example.org")
    client.force_login(invited)
    link = reverse("organisations:invitation", args=[invitation.token])
    assert client.post(link).status_code == 400
    assert role_of(invited, organisation) is None
    assert AuditEntry.objects.filter(action="invitation.revoke").count() == 1


def test_revoke_another_organisations_invitation_is_404(client, organisation, owner):
    other = MembershipFactory(role=Role.OWNER).organisation
    foreign = Invitation.objects.create(organisation=other, email="x@example.org")
    client.force_login(owner)
    response = client.post(url("invitation_revoke", organisation, foreign.pk))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


# --- Roles and removal -------------------------------------------------------------------


def test_owner_changes_a_role(client, organisation, owner, member):
    client.force_login(owner)
    membership = Membership.objects.get(user=member)
    response = client.post(url("member_role", organisation, membership.pk), {"role": "admin"})
    assert response.status_code == 302
    assert role_of(member, organisation) == Role.ADMIN
    page = client.get(response["Location"])
    assert f"{member.display_name} is now: Administrator.".encode() in page.content
    client.post(url("member_role", organisation, membership.pk), {"role": "member"})
    assert role_of(member, organisation) == Role.MEMBER
    assert AuditEntry.objects.filter(action="membership.role").count() == 2


def test_role_cannot_become_owner_by_role_change(client, organisation, owner, member):
    client.force_login(owner)
    membership = Membership.objects.get(user=member)
    response = client.post(
        url("member_role", organisation, membership.pk), {"role": "owner"}, follow=True
    )
    assert b"Choose administrator or member." in response.content
    assert role_of(member, organisation) == Role.MEMBER
    assert role_of(owner, organisation) == Role.OWNER


def test_owner_cannot_demote_themself(client, organisation, owner):
    client.force_login(owner)
    own = Membership.objects.get(user=owner)
    response = client.post(
        url("member_role", organisation, own.pk), {"role": "member"}, follow=True
    )
    assert b"changes only by transfer" in response.content
    assert role_of(owner, organisation) == Role.OWNER


def test_admin_cannot_change_roles(client, organisation, org_admin, member):
    client.force_login(org_admin)
    membership = Membership.objects.get(user=member)
    response = client.post(url("member_role", organisation, membership.pk), {"role": "admin"})
    assert response.status_code == 403
    assert role_of(member, organisation) == Role.MEMBER


def test_owner_removes_an_admin(client, organisation, owner, org_admin):
    client.force_login(owner)
    membership = Membership.objects.get(user=org_admin)
    response = client.post(url("member_remove", organisation, membership.pk), follow=True)
    assert f"{org_admin.display_name} no longer belongs".encode() in response.content
    assert role_of(org_admin, organisation) is None
    assert AuditEntry.objects.filter(action="membership.remove").count() == 1


def test_admin_removes_a_member_but_not_an_admin(client, organisation, org_admin, member):
    other_admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).user
    client.force_login(org_admin)
    target = Membership.objects.get(user=other_admin)
    assert client.post(url("member_remove", organisation, target.pk)).status_code == 403
    assert role_of(other_admin, organisation) == Role.ADMIN
    target = Membership.objects.get(user=member)
    assert client.post(url("member_remove", organisation, target.pk)).status_code == 302
    assert role_of(member, organisation) is None


def test_the_owner_cannot_be_removed(client, organisation, owner):
    client.force_login(owner)
    own = Membership.objects.get(user=owner)
    response = client.post(url("member_remove", organisation, own.pk), follow=True)
    assert b"transfer ownership first" in response.content
    assert role_of(owner, organisation) == Role.OWNER


def test_membership_of_another_organisation_is_404(client, organisation, owner):
    foreign = MembershipFactory()
    client.force_login(owner)
    assert client.post(url("member_remove", organisation, foreign.pk)).status_code == 404
    response = client.post(url("member_role", organisation, foreign.pk), {"role": "admin"})
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk, role=Role.MEMBER).exists()


# --- Leaving and ownership ---------------------------------------------------------------


def test_member_leaves(client, organisation, owner, member):
    client.force_login(member)
    page = client.get(url("leave", organisation))
    assert page.status_code == 200
    assert b"Leave the organisation" in page.content
    response = client.post(url("leave", organisation), follow=True)
    assert f"You left {organisation.name}.".encode() in response.content
    assert role_of(member, organisation) is None
    assert AuditEntry.objects.filter(action="membership.leave").count() == 1


def test_owner_cannot_leave_without_transfer(client, organisation, owner, member):
    client.force_login(owner)
    page = client.get(url("leave", organisation))
    assert b"Before you leave, make another member the owner" in page.content
    assert url("transfer", organisation).encode() in page.content
    response = client.post(url("leave", organisation))
    assert response.status_code == 400
    assert b"Transfer ownership to another member before you leave." in response.content
    assert role_of(owner, organisation) == Role.OWNER


def test_transfer_ownership(client, organisation, owner, member):
    client.force_login(owner)
    page = client.get(url("transfer", organisation))
    assert page.status_code == 200
    assert member.email.encode() in page.content
    response = client.post(
        url("transfer", organisation), {"new_owner": member.pk, "confirm": "on"}, follow=True
    )
    assert f"{member.display_name} is now the owner.".encode() in response.content
    assert role_of(member, organisation) == Role.OWNER
    assert role_of(owner, organisation) == Role.ADMIN
    assert AuditEntry.objects.filter(action="organisation.transfer").count() == 1
    # Now an administrator, the former owner can leave.
    assert client.post(url("leave", organisation)).status_code == 302
    assert role_of(owner, organisation) is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"confirm": "on"}, "new_owner"),
        ({"new_owner": "abc", "confirm": "on"}, "new_owner"),
        ({"new_owner": "999999", "confirm": "on"}, "new_owner"),
        ({"new_owner": "MEMBER"}, "confirm"),
    ],
)
def test_transfer_bad_input_is_a_form_error(client, organisation, owner, member, data, field):
    data = {k: (member.pk if v == "MEMBER" else v) for k, v in data.items()}
    client.force_login(owner)
    response = client.post(url("transfer", organisation), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert role_of(owner, organisation) == Role.OWNER


def test_transfer_to_self_is_refused(client, organisation, owner, member):
    client.force_login(owner)
    response = client.post(url("transfer", organisation), {"new_owner": owner.pk, "confirm": "on"})
    assert "new_owner" in response.context["form"].errors
    assert role_of(owner, organisation) == Role.OWNER


def test_alone_the_owner_is_told_to_invite_first(client, organisation, owner):
    client.force_login(owner)
    page = client.get(url("transfer", organisation))
    assert b"You are the only member." in page.content

"""Sessions: a new key at sign-in, every session ended by a role change, sign out everywhere."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from bridge.accounts.models import Membership, Role
from bridge.accounts.services.memberships import invitation_create
from bridge.accounts.tests.factories import PASSWORD, UserFactory
from bridge.core.models import AuditEntry

pytestmark = pytest.mark.integration

LOGIN = reverse("accounts:login")
PROFILE = reverse("accounts:profile")
END_ALL = reverse("accounts:sign_out_everywhere")


def _signed_in(client) -> bool:
    return client.get(PROFILE).status_code == 200


def _browser(user) -> Client:
    """A browser signed in through the sign-in page, like the person's phone or laptop."""
    client = Client()
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_sign_in_gives_the_session_a_new_key(client, member):
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key
    client.post(LOGIN, {"username": member.email, "password": PASSWORD})
    assert client.session.session_key != before
    assert client.cookies["sessionid"].value == client.session.session_key


def test_role_change_ends_the_members_sessions(organisation, owner, member):
    phone, laptop = _browser(member), _browser(member)
    old_cookie = laptop.cookies["sessionid"].value
    owner_browser = _browser(owner)
    membership = Membership.objects.get(organisation=organisation, user=member)
    url = reverse("organisations:member_role", args=[organisation.slug, membership.pk])
    owner_browser.post(url, {"role": Role.ADMIN})
    assert Membership.objects.get(pk=membership.pk).role == Role.ADMIN
    assert not _signed_in(phone)
    assert not _signed_in(laptop)
    # The old cookie, replayed from elsewhere, signs no one in.
    thief = Client()
    thief.cookies["sessionid"] = old_cookie
    assert not _signed_in(thief)
    assert _signed_in(owner_browser)  # the actor goes on working
    assert _signed_in(_browser(member))  # and the member simply signs in again


def test_removal_ends_the_former_members_sessions(organisation, owner, member):
    phone = _browser(member)
    membership = Membership.objects.get(organisation=organisation, user=member)
    url = reverse("organisations:member_remove", args=[organisation.slug, membership.pk])
    _browser(owner).post(url)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not _signed_in(phone)


def test_transfer_keeps_the_actors_session_with_a_new_key(organisation, owner, member):
    here, elsewhere, new_owner_phone = _browser(owner), _browser(owner), _browser(member)
    before = here.session.session_key
    membership = Membership.objects.get(organisation=organisation, user=member)
    url = reverse("organisations:transfer", args=[organisation.slug])
    here.post(url, {"new_owner": member.pk, "confirm": "on"})
    assert Membership.objects.get(pk=membership.pk).role == Role.OWNER
    assert _signed_in(here)
    assert here.session.session_key != before
    assert not _signed_in(elsewhere)
    assert not _signed_in(new_owner_phone)


def test_leaving_keeps_this_session_and_ends_the_others(organisation, member):
    here, elsewhere = _browser(member), _browser(member)
    here.post(reverse("organisations:leave", args=[organisation.slug]))
    assert not Membership.objects.filter(user=member).exists()
    assert _signed_in(here)
    assert not _signed_in(elsewhere)


def test_staff_role_granted_in_the_admin_ends_the_persons_sessions(client, db):
    boss = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory()
    phone = _browser(person)
    client.force_login(boss)
    url = reverse("admin:accounts_user_change", args=[person.pk])
    form = {
        "email": person.email,
        "full_name": person.full_name,
        "language": "",
        "timezone": "",
        "is_active": "on",
        "is_staff": "on",
        "groups": [Group.objects.get(name="moderator").pk],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.groups.filter(name="moderator").exists()
    assert not _signed_in(phone)
    assert _signed_in(client)


def test_sign_out_everywhere_ends_every_session_and_says_how_many(member, outsider):
    here, phone, laptop = _browser(member), _browser(member), _browser(member)
    someone_else = _browser(outsider)
    response = here.post(END_ALL, follow=True)
    assert "You are signed out everywhere: 3 sessions ended." in response.text
    assert not _signed_in(here)
    assert not _signed_in(phone)
    assert not _signed_in(laptop)
    assert _signed_in(someone_else)
    assert AuditEntry.objects.filter(action="sessions.end_all", data__count=3).exists()


def test_sign_out_everywhere_is_a_post_for_a_signed_in_person(client, member):
    assert "/accounts/login/" in client.post(END_ALL)["Location"]
    client.force_login(member)
    assert client.get(END_ALL).status_code == 405
    assert _signed_in(client)


def test_accepting_an_invitation_keeps_this_session_and_ends_the_others(organisation, owner):
    invited = UserFactory(email="new.person@example.org")
    here, elsewhere = _browser(invited), _browser(invited)
    invitation = invitation_create(
        actor=owner, organisation=organisation, email=invited.email, role=Role.MEMBER
    )
    here.post(reverse("organisations:invitation", args=[invitation.token]))
    assert Membership.objects.filter(organisation=organisation, user=invited).exists()
    assert _signed_in(here)
    assert not _signed_in(elsewhere)

"""The organisation operations of the API: create, update, verification, members, invitations,
the moderators' queue. Every operation for the roles that may and may not, and bad input."""

import pytest
from django.core import mail

from bridge.accounts.models import Invitation, Membership, Organisation, Role, Verification
from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import (
    ApiTokenFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.integration

API = "/api/v1"
NEW = {
    "name": "Samarkand Paper Mill",
    "country": "UZ",
    "sectors": ["crafts", "design"],
    "website": "https://paper.example.uz",
    "description_uz": "Ipak qogʻoz ustaxonasi.",
}


def _json(client, method, url, data=None, **extra):
    return getattr(client, method)(url, data, content_type="application/json", **extra)


def _fields(response):
    return {error["field"] for error in response.json()["errors"]}


# --- create ---------------------------------------------------------------------------------


def test_a_signed_in_person_registers_an_organisation_and_owns_it(client, outsider):
    client.force_login(outsider)
    response = _json(client, "post", f"{API}/organisations", NEW)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == NEW["name"]
    assert body["verification"] == "unverified"
    assert [s["code"] for s in body["sectors"]] == ["design", "crafts"] or {
        s["code"] for s in body["sectors"]
    } == {"crafts", "design"}
    organisation = Organisation.objects.get(pk=body["id"])
    assert Membership.objects.get(organisation=organisation).user == outsider
    assert Membership.objects.get(organisation=organisation).role == Role.OWNER


def test_anonymous_callers_cannot_register(client, db):
    assert _json(client, "post", f"{API}/organisations", NEW).status_code == 401
    assert not Organisation.objects.exists()


def test_a_read_only_token_cannot_register(client, outsider):
    ApiTokenFactory(user=outsider, raw="cb_read_only_org001", scope=TokenScope.READ)
    response = _json(
        client,
        "post",
        f"{API}/organisations",
        NEW,
        HTTP_AUTHORIZATION="Bearer cb_read_only_org001",
    )
    assert response.status_code == 403
    assert not Organisation.objects.exists()


def test_a_read_write_token_registers(client, outsider):
    ApiTokenFactory(user=outsider, raw="cb_read_write_org01")
    response = _json(
        client, "post", f"{API}/organisations", NEW, HTTP_AUTHORIZATION="Bearer cb_read_write_org01"
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "change,field",
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"country": "XX"}, "country"),
        ({"sectors": ["spaceflight"]}, "sectors"),
        ({"website": "ftp://paper"}, "website"),
        ({"description_uz": ""}, "description_en"),  # at least one description
        ({"legal_form": "ru-ooo"}, "legal_form"),  # a Russian form for an Uzbek organisation
        ({"registration_number": "12345"}, "registration_number"),  # STIR has 9 digits
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(client, outsider, change, field):
    client.force_login(outsider)
    response = _json(client, "post", f"{API}/organisations", NEW | change)
    assert response.status_code == 422, response.json()
    assert field in _fields(response)
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_a_registration_number_already_registered_is_refused(client, outsider, organisation):
    client.force_login(outsider)
    data = NEW | {"country": "RU", "registration_number": organisation.registration_number}
    response = _json(client, "post", f"{API}/organisations", data)
    assert response.status_code == 422
    assert _fields(response) == {"registration_number"}
    assert Organisation.objects.count() == 1


# --- update ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "org_admin"])
def test_owner_and_administrators_change_the_profile(client, organisation, who, request):
    client.force_login(request.getfixturevalue(who))
    url = f"{API}/organisations/{organisation.pk}"
    response = _json(client, "patch", url, {"website": "https://studio.example", "sectors": []})
    assert response.status_code == 200, response.json()
    organisation.refresh_from_db()
    assert organisation.website == "https://studio.example"
    assert organisation.verification == Verification.VERIFIED  # no identity field changed


def test_changing_the_name_of_a_verified_organisation_sends_it_back_to_pending(
    client, organisation, owner
):
    client.force_login(owner)
    response = _json(client, "patch", f"{API}/organisations/{organisation.pk}", {"name": "New"})
    assert response.json()["verification"] == "pending"


@pytest.mark.parametrize("who", ["member", "outsider", "moderator"])
def test_others_may_not_change_the_profile(client, organisation, who, request):
    client.force_login(request.getfixturevalue(who))
    response = _json(client, "patch", f"{API}/organisations/{organisation.pk}", {"name": "Mine"})
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name != "Mine"


def test_update_of_an_unknown_organisation_is_404(client, owner):
    client.force_login(owner)
    for pk in (0, 99999, 2**63):
        assert _json(client, "patch", f"{API}/organisations/{pk}", {}).status_code == 404


def test_blanking_the_only_description_is_refused(client, organisation, owner):
    client.force_login(owner)
    url = f"{API}/organisations/{organisation.pk}"
    response = _json(client, "patch", url, {"description_en": " ", "name": "Changed"})
    assert response.status_code == 422
    assert _fields(response) == {"description_en"}
    organisation.refresh_from_db()
    assert organisation.name != "Changed"


def test_null_is_not_a_value(client, organisation, owner):
    client.force_login(owner)
    response = _json(client, "patch", f"{API}/organisations/{organisation.pk}", {"name": None})
    assert response.status_code == 422
    assert _fields(response) == {"name"}


# --- verification ---------------------------------------------------------------------------


def test_the_owner_asks_for_verification(client, owner, organisation):
    organisation.verification = Verification.UNVERIFIED
    organisation.save()
    client.force_login(owner)
    url = f"{API}/organisations/{organisation.pk}/verification-request"
    response = client.post(url)
    assert response.status_code == 200
    assert response.json()["verification"] == "pending"


def test_verification_needs_a_registration_number(client, owner, organisation):
    Organisation.objects.filter(pk=organisation.pk).update(
        verification=Verification.UNVERIFIED, registration_number=""
    )
    client.force_login(owner)
    response = client.post(f"{API}/organisations/{organisation.pk}/verification-request")
    assert response.status_code == 422
    assert _fields(response) == {"registration_number"}


def test_a_member_may_not_ask_for_verification(client, member, organisation):
    client.force_login(member)
    response = client.post(f"{API}/organisations/{organisation.pk}/verification-request")
    assert response.status_code == 403


def test_moderators_see_the_queue_and_verify_or_refuse(
    client, moderator, django_capture_on_commit_callbacks
):
    owner = UserFactory()
    waiting = OrganisationFactory(verification=Verification.PENDING, owner=owner)
    other = OrganisationFactory(
        verification=Verification.PENDING, registration_number="500100732259"
    )
    client.force_login(moderator)
    queue = client.get(f"{API}/organisations/verification-queue")
    assert queue.status_code == 200
    assert {item["id"] for item in queue.json()["items"]} == {waiting.pk, other.pk}
    assert owner.email in next(i for i in queue.json()["items"] if i["id"] == waiting.pk)["owners"]

    with django_capture_on_commit_callbacks(execute=True):
        verified = client.post(f"{API}/organisations/{waiting.pk}/verify")
    assert verified.status_code == 200
    assert verified.json()["verification"] == "verified"
    assert any(owner.email in message.to for message in mail.outbox)

    blank = _json(client, "post", f"{API}/organisations/{other.pk}/reject", {"reason": ""})
    assert blank.status_code == 422
    assert _fields(blank) == {"reason"}
    other.refresh_from_db()
    assert other.verification == Verification.PENDING
    refused = _json(
        client, "post", f"{API}/organisations/{other.pk}/reject", {"reason": "Wrong INN."}
    )
    assert refused.status_code == 200
    other.refresh_from_db()
    assert (other.verification, other.verification_reason) == (Verification.REJECTED, "Wrong INN.")


@pytest.mark.parametrize("who", ["owner", "analyst", "programme_manager"])
def test_only_moderators_verify(client, organisation, who, request):
    Organisation.objects.filter(pk=organisation.pk).update(verification=Verification.PENDING)
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"{API}/organisations/verification-queue").status_code == 403
    assert client.post(f"{API}/organisations/{organisation.pk}/verify").status_code == 403
    reject = _json(client, "post", f"{API}/organisations/{organisation.pk}/reject", {"reason": "x"})
    assert reject.status_code == 403
    organisation.refresh_from_db()
    assert organisation.verification == Verification.PENDING


def test_the_queue_needs_a_signed_in_caller(client, db):
    assert client.get(f"{API}/organisations/verification-queue").status_code == 401


@pytest.mark.real_second_factor
def test_a_staff_session_without_its_second_factor_is_stopped(client, moderator):
    client.force_login(moderator)
    response = client.get(f"{API}/organisations/verification-queue")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"


# --- members --------------------------------------------------------------------------------


def test_members_see_each_other_owner_first(client, organisation, owner, org_admin, member):
    client.force_login(member)
    response = client.get(f"{API}/organisations/{organisation.pk}/members")
    assert response.status_code == 200
    roles = [item["role"]["code"] for item in response.json()["items"]]
    assert roles == ["owner", "admin", "member"]


def test_outsiders_do_not_see_the_members(client, organisation, owner, outsider):
    client.force_login(outsider)
    assert client.get(f"{API}/organisations/{organisation.pk}/members").status_code == 403
    client.logout()
    assert client.get(f"{API}/organisations/{organisation.pk}/members").status_code == 401


def test_the_owner_changes_a_role(client, organisation, owner, member):
    membership = Membership.objects.get(user=member)
    client.force_login(owner)
    url = f"{API}/organisations/{organisation.pk}/members/{membership.pk}"
    response = _json(client, "patch", url, {"role": "admin"})
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_role_changes_are_refused_to_administrators_and_for_the_owner(
    client, organisation, owner, org_admin, member
):
    membership = Membership.objects.get(user=member)
    client.force_login(org_admin)
    url = f"{API}/organisations/{organisation.pk}/members/{membership.pk}"
    assert _json(client, "patch", url, {"role": "admin"}).status_code == 403
    client.force_login(owner)
    assert _json(client, "patch", url, {"role": "owner"}).status_code == 422
    own = Membership.objects.get(user=owner)
    own_url = f"{API}/organisations/{organisation.pk}/members/{own.pk}"
    refused = _json(client, "patch", own_url, {"role": "member"})
    assert refused.status_code == 422
    assert _fields(refused) == {"role"}
    membership.refresh_from_db()
    own.refresh_from_db()
    assert (membership.role, own.role) == (Role.MEMBER, Role.OWNER)


def test_another_organisations_membership_is_not_found(client, organisation, owner):
    elsewhere = MembershipFactory()
    client.force_login(owner)
    url = f"{API}/organisations/{organisation.pk}/members/{elsewhere.pk}"
    assert _json(client, "patch", url, {"role": "admin"}).status_code == 404
    assert client.delete(url).status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk, role=Role.MEMBER).exists()


def test_administrators_remove_members_but_not_administrators(
    client, organisation, owner, org_admin, member
):
    client.force_login(org_admin)
    admins = Membership.objects.get(user=org_admin)
    other_admin = MembershipFactory(organisation=organisation, role=Role.ADMIN)
    url = f"{API}/organisations/{organisation.pk}/members/"
    assert client.delete(f"{url}{other_admin.pk}").status_code == 403
    owner_membership = Membership.objects.get(user=owner)
    assert client.delete(f"{url}{owner_membership.pk}").status_code == 422
    removed = Membership.objects.get(user=member)
    assert client.delete(f"{url}{removed.pk}").status_code == 204
    assert set(organisation.memberships.values_list("pk", flat=True)) == {
        admins.pk,
        other_admin.pk,
        owner_membership.pk,
    }


def test_a_member_may_not_remove_anyone(client, organisation, owner, member, org_admin):
    client.force_login(member)
    target = Membership.objects.get(user=org_admin)
    response = client.delete(f"{API}/organisations/{organisation.pk}/members/{target.pk}")
    assert response.status_code == 403


def test_a_member_leaves_and_keeps_their_session(client, organisation, owner, member):
    client.force_login(member)
    assert client.post(f"{API}/organisations/{organisation.pk}/leave").status_code == 204
    assert not Membership.objects.filter(user=member).exists()
    assert client.get(f"{API}/me").status_code == 200  # still signed in


def test_the_owner_cannot_leave_and_outsiders_cannot_either(client, organisation, owner, outsider):
    client.force_login(owner)
    assert client.post(f"{API}/organisations/{organisation.pk}/leave").status_code == 422
    client.force_login(outsider)
    assert client.post(f"{API}/organisations/{organisation.pk}/leave").status_code == 403


def test_the_owner_transfers_ownership(client, organisation, owner, member):
    client.force_login(owner)
    url = f"{API}/organisations/{organisation.pk}/transfer"
    stranger = UserFactory()
    refused = _json(client, "post", url, {"new_owner": stranger.pk})
    assert refused.status_code == 422
    assert _fields(refused) == {"new_owner"}
    response = _json(client, "post", url, {"new_owner": member.pk})
    assert response.status_code == 200
    roles = {i["person"]["id"]: i["role"]["code"] for i in response.json()["items"]}
    assert roles == {member.pk: "owner", owner.pk: "admin"}


def test_administrators_cannot_transfer(client, organisation, owner, org_admin, member):
    client.force_login(org_admin)
    url = f"{API}/organisations/{organisation.pk}/transfer"
    assert _json(client, "post", url, {"new_owner": member.pk}).status_code == 403


# --- invitations ----------------------------------------------------------------------------


def test_an_administrator_invites_a_member_and_the_invitee_accepts(client, organisation, org_admin):
    client.force_login(org_admin)
    url = f"{API}/organisations/{organisation.pk}/invitations"
    response = _json(client, "post", url, {"email": "New.Person@Example.org"})
    assert response.status_code == 201
    assert response.json()["email"] == "new.person@example.org"
    assert "token" not in response.json()
    listed = client.get(url).json()
    assert [i["email"] for i in listed["items"]] == ["new.person@example.org"]
    invitation = Invitation.objects.get()

    invitee = UserFactory(email="new.person@example.org")
    client.force_login(invitee)
    accepted = client.post(f"{API}/invitations/{invitation.token}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["organisation"]["id"] == organisation.pk
    assert Membership.objects.get(user=invitee).role == Role.MEMBER
    assert client.get(f"{API}/me").status_code == 200  # the caller's session stays


def test_only_the_owner_invites_administrators(client, organisation, owner, org_admin):
    client.force_login(org_admin)
    url = f"{API}/organisations/{organisation.pk}/invitations"
    refused = _json(client, "post", url, {"email": "a@example.org", "role": "admin"})
    assert refused.status_code == 422
    assert _fields(refused) == {"role"}
    client.force_login(owner)
    assert (
        _json(client, "post", url, {"email": "a@example.org", "role": "admin"}).status_code == 201
    )


@pytest.mark.parametrize(
    "data,field",
    [
        ({"email": "not-an-address"}, "email"),
        ({"email": "a@example.org", "role": "owner"}, "role"),
        ({}, "email"),
    ],
)
def test_bad_invitations_are_refused_at_the_field(client, organisation, owner, data, field):
    client.force_login(owner)
    url = f"{API}/organisations/{organisation.pk}/invitations"
    response = _json(client, "post", url, data)
    assert response.status_code == 422
    assert field in _fields(response)
    assert not Invitation.objects.exists()


def test_inviting_a_member_again_is_refused(client, organisation, owner, member):
    client.force_login(owner)
    url = f"{API}/organisations/{organisation.pk}/invitations"
    response = _json(client, "post", url, {"email": member.email})
    assert response.status_code == 422
    assert _fields(response) == {"email"}


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_members_and_outsiders_do_not_invite(client, organisation, owner, who, request):
    client.force_login(request.getfixturevalue(who))
    url = f"{API}/organisations/{organisation.pk}/invitations"
    assert client.get(url).status_code == 403
    assert _json(client, "post", url, {"email": "x@example.org"}).status_code == 403
    assert not Invitation.objects.exists()


def test_revoking_an_invitation_and_another_organisations_is_not_found(client, organisation, owner):
    mine = Invitation.objects.create(organisation=organisation, email="a@example.org")
    theirs = Invitation.objects.create(organisation=OrganisationFactory(), email="b@example.org")
    client.force_login(owner)
    url = f"{API}/organisations/{organisation.pk}/invitations/"
    assert client.delete(f"{url}{theirs.pk}").status_code == 404
    assert client.delete(f"{url}{mine.pk}").status_code == 204
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None
    assert theirs.revoked_at is None


def test_an_invitation_for_another_address_or_revoked_is_refused(client, organisation, outsider):
    invitation = Invitation.objects.create(organisation=organisation, email="else@example.org")
    client.force_login(outsider)
    url = f"{API}/invitations/{invitation.token}/accept"
    assert client.post(url).status_code == 422
    assert client.post(f"{API}/invitations/no-such-token/accept").status_code == 404
    client.logout()
    assert client.post(url).status_code == 401
    assert not Membership.objects.filter(user=outsider).exists()


def test_the_members_list_is_paged(client, organisation, owner, org_admin, member):
    client.force_login(owner)
    url = f"{API}/organisations/{organisation.pk}/members"
    page = client.get(url, {"page": 2, "page_size": 1}).json()
    assert page["count"] == 3
    assert [item["role"]["code"] for item in page["items"]] == ["admin"]
    assert client.get(url, {"page_size": 500}).status_code == 422

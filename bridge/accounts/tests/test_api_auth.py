"""Who the API thinks is calling: personal tokens, the browser session, or nobody."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bridge.accounts.models import ApiToken, Membership, Role
from bridge.accounts.services.people import api_token_create, api_token_revoke
from bridge.accounts.tests.factories import OrganisationFactory

pytestmark = pytest.mark.integration

ME = "/api/v1/me"
LIST = "/api/v1/organisations"


def bearer(raw: str) -> dict:
    return {"authorization": f"Bearer {raw}"}


@pytest.fixture
def owner_token(owner):
    _token, raw = api_token_create(user=owner, name="script")
    return raw


def test_a_valid_token_shows_its_owner_and_memberships(client, owner, organisation, owner_token):
    response = client.get(ME, headers=bearer(owner_token))

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == owner.pk
    assert body["email"] == owner.email
    assert body["full_name"] == owner.full_name
    assert body["is_staff"] is False
    assert body["memberships"] == [
        {
            "organisation": {
                "id": organisation.pk,
                "slug": organisation.slug,
                "name": organisation.name,
                "url": "http://testserver" + organisation.get_absolute_url(),
            },
            "role": {"code": "owner", "label": "Owner"},
        }
    ]


def test_each_token_sees_only_its_own_persons_memberships(client, owner, outsider):
    elsewhere = OrganisationFactory(name="Elsewhere")
    Membership.objects.create(organisation=elsewhere, user=outsider, role=Role.ADMIN)
    _token, owner_raw = api_token_create(user=owner, name="a")
    _token, outsider_raw = api_token_create(user=outsider, name="b")

    mine = client.get(ME, headers=bearer(owner_raw)).json()
    theirs = client.get(ME, headers=bearer(outsider_raw)).json()

    assert mine["email"] == owner.email
    assert "Elsewhere" not in [m["organisation"]["name"] for m in mine["memberships"]]
    assert theirs["email"] == outsider.email
    assert theirs["memberships"] == [
        {
            "organisation": {
                "id": elsewhere.pk,
                "slug": elsewhere.slug,
                "name": "Elsewhere",
                "url": "http://testserver" + elsewhere.get_absolute_url(),
            },
            "role": {"code": "admin", "label": "Administrator"},
        }
    ]


def test_staff_roles_are_listed_for_staff(client, moderator):
    _token, raw = api_token_create(user=moderator, name="ops")

    body = client.get(ME, headers=bearer(raw)).json()

    assert body["is_staff"] is True
    assert body["staff_roles"] == ["moderator"]
    assert body["memberships"] == []


def test_anonymous_me_is_401_with_a_json_hint(client, db):
    response = client.get(ME)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Bearer" in response.json()["detail"]


def test_a_revoked_token_is_refused_everywhere(client, owner, owner_token):
    token = ApiToken.objects.get(user=owner)
    assert client.get(ME, headers=bearer(owner_token)).status_code == 200

    api_token_revoke(user=owner, token_id=token.pk)

    refused = client.get(ME, headers=bearer(owner_token))
    assert refused.status_code == 401
    assert refused.json() == {"detail": "The API token is not valid, has expired or was revoked."}
    # Even a public list refuses a bad token instead of quietly treating the script as anonymous.
    assert client.get(LIST, headers=bearer(owner_token)).status_code == 401


def test_a_token_of_a_deactivated_person_is_refused(client, owner, owner_token):
    owner.is_active = False
    owner.save(update_fields=["is_active"])

    assert client.get(ME, headers=bearer(owner_token)).status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer cb_not_a_real_token",
        "Bearer ",
        "Bearer",
        "bearer",
        "Token cb_whatever",
        "Basic dXNlcjpwYXNz",
        "cb_token_without_scheme",
        "Bearer " + "x" * 5000,
        "Bearer \x00",
    ],
)
def test_malformed_or_unknown_credentials_on_me_are_401(client, db, header):
    response = client.get(ME, headers={"authorization": header})

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_public_list_works_anonymously_and_with_a_token(client, organisation, owner_token):
    anonymous = client.get(LIST)
    with_token = client.get(LIST, headers=bearer(owner_token))

    assert anonymous.status_code == 200
    assert with_token.status_code == 200
    assert anonymous.json() == with_token.json()


def test_the_signed_in_browser_session_may_read_me(client, member, organisation):
    client.force_login(member)

    response = client.get(ME)

    assert response.status_code == 200
    assert response.json()["email"] == member.email
    assert [m["role"]["code"] for m in response.json()["memberships"]] == ["member"]


def test_using_a_token_records_when_it_was_last_used(client, owner, owner_token):
    token = ApiToken.objects.get(user=owner)
    assert token.last_used_at is None

    client.get(ME, headers=bearer(owner_token))

    token.refresh_from_db()
    assert token.last_used_at is not None
    first_use = token.last_used_at

    # An old stamp is refreshed on the next call.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - timedelta(hours=1))
    client.get(LIST, headers=bearer(owner_token))
    token.refresh_from_db()
    assert token.last_used_at > first_use - timedelta(hours=1)
    assert token.last_used_at <= timezone.now()


def test_a_token_authenticates_only_with_the_exact_secret(client, owner, owner_token):
    assert client.get(ME, headers=bearer(owner_token.upper())).status_code == 401
    assert client.get(ME, headers=bearer(owner_token[:-1])).status_code == 401
    assert client.get(ME, headers=bearer(f"  {owner_token}  ")).status_code == 200


def test_unauthorised_message_follows_accept_language(client, db):
    from django.utils import translation

    response = client.get(ME, headers={**bearer("cb_wrong"), "accept-language": "uz"})

    with translation.override("uz"):
        expected = translation.gettext("The API token is not valid, has expired or was revoked.")
    assert response.status_code == 401
    assert response["Content-Language"] == "uz"
    assert response.json() == {"detail": expected}


def test_the_visible_prefix_alone_is_not_a_token(client, owner):
    token, _raw = api_token_create(user=owner, name="x")

    response = client.get(ME, headers=bearer(token.prefix))

    assert response.status_code == 401

"""Who sees which listing: drafts, listings waiting, returned, rejected, archived and expired,
and anonymous owners, for every role, on the page and in the API, both ways."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bridge.accounts.tests.factories import UserFactory
from bridge.partnering.tests.factories import InterestFactory, ListingFactory, member_of
from bridge.partnering.vocabulary import InterestStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HIDDEN = {
    "draft": {"status": "draft"},
    "pending": {"status": "pending"},
    "returned": {"status": "returned"},
    "rejected": {"status": "rejected"},
    "archived": {"status": "archived"},
    "expired": {"expires_at_days": -1},
}


def make(organisation, case):
    fields = dict(HIDDEN[case])
    days = fields.pop("expires_at_days", None)
    if days is not None:
        fields["expires_at"] = timezone.now() + timedelta(days=days)
    return ListingFactory(organisation=organisation, **fields)


def people(ru_org, uz_org):
    return {
        "anonymous": None,
        "signed-in": UserFactory(),
        "other organisation": member_of(uz_org),
        "member": member_of(ru_org),
        "moderator": UserFactory(is_staff=True, groups=["moderator"]),
        "analyst": UserFactory(is_staff=True, groups=["analyst"]),
    }


MAY_SEE = {"member", "moderator", "analyst"}


@pytest.mark.parametrize("case", sorted(HIDDEN))
def test_hidden_listings_are_shown_only_to_their_organisation_and_staff(
    client, ru_org, uz_org, case
):
    listing = make(ru_org, case)
    for role, person in people(ru_org, uz_org).items():
        client.logout()
        if person:
            client.force_login(person)
        page = client.get(f"/partnering/{listing.pk}/")
        api = client.get(f"/api/v1/partnering/listings/{listing.pk}")
        expected = 200 if role in MAY_SEE else 404
        assert (role, page.status_code, api.status_code) == (role, expected, expected)
        browse = client.get("/partnering/", {"q": listing.title})
        assert f'href="/partnering/{listing.pk}/"' not in browse.content.decode()
        listed = client.get("/api/v1/partnering/listings").json()
        assert listing.pk not in [item["id"] for item in listed["items"]]


def test_a_live_listing_is_public(client, ru_org):
    listing = ListingFactory(organisation=ru_org)
    assert client.get(f"/partnering/{listing.pk}/").status_code == 200
    assert listing.title in client.get("/partnering/").content.decode()
    assert client.get(f"/api/v1/partnering/listings/{listing.pk}").json()["ref"] == listing.ref


def test_an_anonymous_owner_is_shown_only_once_it_accepts(client, ru_org, uz_org):
    listing = ListingFactory(organisation=ru_org, anonymous=True)
    outsider = member_of(uz_org)
    client.force_login(outsider)
    assert ru_org.name not in client.get(f"/partnering/{listing.pk}/").content.decode()
    item = client.get(f"/api/v1/partnering/listings/{listing.pk}").json()
    assert item["organisation"] == {
        "id": None,
        "name": None,
        "country": "RU",
        "kind": "studio",
        "size": "50-249",
    }
    found = client.get("/partnering/", {"q": ru_org.name}).content.decode()
    assert f'href="/partnering/{listing.pk}/"' not in found  # its name is not indexed
    InterestFactory(listing=listing, organisation=uz_org, status=InterestStatus.ACCEPTED)
    assert ru_org.name in client.get(f"/partnering/{listing.pk}/").content.decode()
    assert (
        client.get(f"/api/v1/partnering/listings/{listing.pk}").json()["organisation"]["name"]
        == ru_org.name
    )
    client.force_login(member_of(ru_org))
    assert ru_org.name in client.get(f"/partnering/{listing.pk}/").content.decode()


def test_matches_are_for_the_listings_organisation_and_staff(client, ru_org, uz_org):
    listing = ListingFactory(organisation=ru_org)
    url, api = (
        f"/partnering/{listing.pk}/matches/",
        f"/api/v1/partnering/listings/{listing.pk}/matches",
    )
    assert client.get(url).status_code == 302  # to sign in
    assert client.get(api).status_code == 401
    expected = {
        "signed-in": 403,
        "other organisation": 403,
        "member": 200,
        "moderator": 200,
        "analyst": 200,
    }
    for role, person in people(ru_org, uz_org).items():
        if person is None:
            continue
        client.force_login(person)
        assert (role, client.get(url).status_code, client.get(api).status_code) == (
            role,
            expected[role],
            expected[role],
        )

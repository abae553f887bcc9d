"""The API's listing actions, interest messages and saved searches (issue 16 item 1), for every
role: who may (the listing's organisation, moderators for archiving, the two sides of an accepted
interest, each person for their own searches) and who may not, and what bad input answers."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from bridge.accounts.models import Role
from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory, UserFactory
from bridge.core.models import AuditEntry
from bridge.partnering.models import Dismissal, InterestMessage, Match, SavedSearch
from bridge.partnering.services.alerts import MAX_SAVED_SEARCHES
from bridge.partnering.tests.factories import InterestFactory, ListingFactory, matched, member_of
from bridge.partnering.vocabulary import InterestStatus, Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


_TOKENS = itertools.count()


def bearer(user, *, read_only=False):
    raw = f"cb_tok_{user.pk:08d}_{next(_TOKENS):06d}"
    ApiTokenFactory(
        user=user, raw=raw, scope=TokenScope.READ if read_only else TokenScope.READ_WRITE
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, body=None, **auth):
    return client.post(url, body or {}, content_type="application/json", **auth)


def url(listing, action):
    return f"/api/v1/partnering/listings/{listing.pk}/{action}"


# ---- archive, renew, open ---------------------------------------------------------------------


def test_the_organisation_archives_renews_opens_and_closes(client, ru_org, ru_owner):
    old = timezone.now() - timedelta(days=100)
    listing = ListingFactory(
        organisation=ru_org,
        published_at=old,
        first_published_at=old,
        expires_at=timezone.now() + timedelta(days=10),
    )
    member = member_of(ru_org, Role.MEMBER)
    auth = bearer(member)
    closed = post(client, url(listing, "open"), {"open_for_interest": False}, **auth)
    assert closed.status_code == 200 and closed.json()["open_for_interest"] is False
    renewed = post(client, url(listing, "renew"), **auth)
    assert renewed.status_code == 200
    listing.refresh_from_db()
    assert listing.renewed_at is not None and listing.expires_at > timezone.now() + timedelta(
        days=20
    )
    again = post(client, url(listing, "renew"), **auth)
    assert again.status_code == 422 and again.json()["code"] == "invalid"
    archived = post(client, url(listing, "archive"), **auth)
    assert archived.status_code == 200 and archived.json()["status"] == Status.ARCHIVED
    assert post(client, url(listing, "archive"), **auth).status_code == 200  # twice: unchanged
    assert AuditEntry.objects.filter(action="listing.archive").count() == 1


def test_a_moderator_archives_but_may_not_renew_or_open(client, ru_org, moderator):
    listing = ListingFactory(organisation=ru_org)
    auth = bearer(moderator)
    assert post(client, url(listing, "renew"), **auth).status_code == 403
    assert (
        post(client, url(listing, "open"), {"open_for_interest": False}, **auth).status_code == 403
    )
    assert post(client, url(listing, "archive"), **auth).status_code == 200


@pytest.mark.parametrize("action", ["archive", "renew", "open"])
def test_strangers_anonymous_and_read_only_tokens_are_refused(client, ru_org, ru_owner, action):
    listing = ListingFactory(organisation=ru_org)
    body = {"open_for_interest": False}
    assert post(client, url(listing, action), body).status_code == 401
    assert post(client, url(listing, action), body, **bearer(UserFactory())).status_code == 403
    read_only = bearer(ru_owner, read_only=True)
    assert post(client, url(listing, action), body, **read_only).status_code == 403
    draft = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    stranger = bearer(UserFactory())
    assert post(client, url(draft, action), body, **stranger).status_code == 404
    assert post(client, f"/api/v1/partnering/listings/{2**70}/{action}", body).status_code in (
        401,
        404,
    )
    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED and listing.open_for_interest
    assert listing.renewed_at is None


def test_open_needs_a_boolean(client, ru_org, ru_owner):
    listing = ListingFactory(organisation=ru_org)
    auth = bearer(ru_owner)
    for body in ({}, {"open_for_interest": "perhaps"}):
        response = post(client, url(listing, "open"), body, **auth)
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == ["open_for_interest"]
    listing.refresh_from_db()
    assert listing.open_for_interest


def test_a_draft_cannot_be_renewed(client, ru_org, ru_owner):
    draft = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    response = post(client, url(draft, "renew"), **bearer(ru_owner))
    assert response.status_code == 422 and "renewed" in response.json()["detail"]


# ---- dismiss a match ----------------------------------------------------------------------


def test_dismissing_a_match_drops_it_for_both_sides(client, ru_org, uz_org, ru_owner, uz_owner):
    mine = ListingFactory(organisation=ru_org, kind="request", title="Afandi series")
    theirs = ListingFactory(organisation=uz_org, title="Afandi series")
    matched(mine, theirs)
    assert Match.objects.filter(listing=mine, counterpart=theirs).exists()
    dismiss = f"/api/v1/partnering/listings/{mine.pk}/matches/{theirs.pk}/dismiss"
    assert post(client, dismiss).status_code == 401
    assert post(client, dismiss, **bearer(uz_owner)).status_code == 403  # not their listing
    assert post(client, dismiss, **bearer(ru_owner, read_only=True)).status_code == 403
    assert Match.objects.filter(listing=mine).exists()
    auth = bearer(ru_owner)
    assert post(client, dismiss, **auth).status_code == 204
    assert post(client, dismiss, **auth).status_code == 204
    assert not Match.objects.filter(listing__in=[mine, theirs]).exists()
    assert Dismissal.objects.count() == 1
    missing = f"/api/v1/partnering/listings/{mine.pk}/matches/999999/dismiss"
    assert post(client, missing, **auth).status_code == 404
    absurd = f"/api/v1/partnering/listings/{mine.pk}/matches/{2**70}/dismiss"
    assert post(client, absurd, **auth).status_code == 404


# ---- messages of an accepted interest ---------------------------------------------------------


def messages_url(interest):
    return f"/api/v1/partnering/interests/{interest.pk}/messages"


def test_both_sides_write_once_the_interest_is_accepted(client, ru_org, uz_org, ru_owner, uz_owner):
    interest = InterestFactory(listing=ListingFactory(organisation=ru_org), organisation=uz_org)
    waiting = post(client, messages_url(interest), {"body": "Hello"}, **bearer(uz_owner))
    assert waiting.status_code == 422 and "accepted" in waiting.json()["detail"]
    assert not InterestMessage.objects.exists()
    interest.status = InterestStatus.ACCEPTED
    interest.save()
    sent = post(client, messages_url(interest), {"body": "  Salom!  "}, **bearer(uz_owner))
    assert sent.status_code == 201
    assert sent.json()["body"] == "Salom!"
    assert sent.json()["organisation"] == {"id": uz_org.pk, "name": uz_org.name}
    answer = post(client, messages_url(interest), {"body": "Здравствуйте"}, **bearer(ru_owner))
    assert answer.status_code == 201 and answer.json()["organisation"]["id"] == ru_org.pk
    assert InterestMessage.objects.filter(interest=interest).count() == 2


def test_messages_are_refused_to_others(client, ru_org, uz_org, ru_owner, moderator):
    interest = InterestFactory(
        listing=ListingFactory(organisation=ru_org),
        organisation=uz_org,
        status=InterestStatus.ACCEPTED,
    )
    body = {"body": "Hello"}
    assert post(client, messages_url(interest), body).status_code == 401
    assert post(client, messages_url(interest), body, **bearer(UserFactory())).status_code == 404
    assert post(client, messages_url(interest), body, **bearer(moderator)).status_code == 403
    read_only = bearer(ru_owner, read_only=True)
    assert post(client, messages_url(interest), body, **read_only).status_code == 403
    assert not InterestMessage.objects.exists()


@pytest.mark.parametrize("body", [{}, {"body": ""}, {"body": "x" * 2001}, {"body": 5}])
def test_a_message_needs_a_body_of_at_most_2000(client, ru_org, uz_org, ru_owner, body):
    interest = InterestFactory(
        listing=ListingFactory(organisation=ru_org),
        organisation=uz_org,
        status=InterestStatus.ACCEPTED,
    )
    response = post(client, messages_url(interest), body, **bearer(ru_owner))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body"]
    assert not InterestMessage.objects.exists()


def test_a_blank_message_is_refused_by_the_service(client, ru_org, uz_org, ru_owner):
    interest = InterestFactory(
        listing=ListingFactory(organisation=ru_org),
        organisation=uz_org,
        status=InterestStatus.ACCEPTED,
    )
    response = post(client, messages_url(interest), {"body": "   "}, **bearer(ru_owner))
    assert response.status_code == 422 and list(response.json()["errors"]) == ["body"]


# ---- saved searches ---------------------------------------------------------------------------

SEARCHES = "/api/v1/partnering/searches"


def test_each_person_saves_lists_and_deletes_their_own(client, ru_owner, uz_owner):
    auth = bearer(ru_owner)
    body = {"q": "afandi", "filters": {"kind": ["offer"], "country": ["UZ"]}}
    created = post(client, SEARCHES, body, **auth)
    assert created.status_code == 201
    assert created.json()["filters"] == {"kind": ["offer"], "country": ["UZ"]}
    assert post(client, SEARCHES, body, **auth).json()["id"] == created.json()["id"]
    listed = client.get(SEARCHES, **auth).json()["items"]
    assert [s["id"] for s in listed] == [created.json()["id"]]
    assert client.get(SEARCHES, **bearer(uz_owner)).json()["items"] == []
    delete = f"{SEARCHES}/{created.json()['id']}"
    assert client.delete(delete).status_code == 401
    assert client.delete(delete, **bearer(uz_owner)).status_code == 404
    assert client.delete(delete, **bearer(ru_owner, read_only=True)).status_code == 403
    assert client.delete(delete, **auth).status_code == 204
    assert client.delete(delete, **auth).status_code == 404
    assert client.delete(f"{SEARCHES}/{2**70}", **auth).status_code == 404
    assert not SavedSearch.objects.exists()


def test_saving_is_refused_to_anonymous_and_read_only_callers(client, ru_owner):
    assert post(client, SEARCHES, {"q": "x"}).status_code == 401
    assert client.get(SEARCHES).status_code == 401
    assert post(client, SEARCHES, {"q": "x"}, **bearer(ru_owner, read_only=True)).status_code == 403
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"q": "x" * 201}, "q"),
        ({"filters": {"kind": ["x" * 101]}}, "kind"),
        ({"filters": {"sector": ["a"] * 21}}, "sector"),
        ({"filters": {"colour": ["red"]}}, "colour"),
        ({"filters": {"kind": "offer"}}, "kind"),
    ],
)
def test_bad_searches_are_refused_at_the_field(client, ru_owner, body, field):
    response = post(client, SEARCHES, body, **bearer(ru_owner))
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not SavedSearch.objects.exists()


def test_at_most_twenty_searches(client, ru_owner):
    for n in range(MAX_SAVED_SEARCHES):
        SavedSearch.objects.create(user=ru_owner, q=f"q{n}")
    response = post(client, SEARCHES, {"q": "one more"}, **bearer(ru_owner))
    assert response.status_code == 422 and "20" in response.json()["detail"]
    assert SavedSearch.objects.filter(user=ru_owner).count() == MAX_SAVED_SEARCHES

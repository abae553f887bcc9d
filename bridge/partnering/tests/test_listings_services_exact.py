"""Listing services, to the exact value a person sees: the reference a draft gets, which field an
error is shown at and what it says, the dates each step stamps, both sides of every lifetime
limit, the audit rows, what is indexed and queued for matching, and who is told what (the
notification's context is what the e-mail and the centre's line are rendered from). Written for
the mutation score of issue 18."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Role
from bridge.core.models import AuditEntry, Notification
from bridge.core.tests.exact_support import trail
from bridge.partnering import tasks
from bridge.partnering.models import Listing
from bridge.partnering.services import listings as services
from bridge.partnering.tests.factories import ListingFactory, member_of
from bridge.partnering.vocabulary import Status
from bridge.search.selectors import search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
DAY = timedelta(days=1)
FIELDS = {
    "kind": "request",
    "type": "co-production",
    "sectors": ["animation"],
    "title": "Afandi series",
    "summary": "We look for a studio in Uzbekistan to co-produce a series.",
}


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(services.timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def queued(monkeypatch):
    """The listing ids queued for matching, one list per enqueue (run after the commit)."""
    calls = []

    class Task:
        def enqueue(self, **kwargs):
            calls.append(kwargs)

    monkeypatch.setattr(tasks, "matches_recompute_task", Task())
    return calls


def draft(actor, organisation, **fields):
    return services.listing_create(actor=actor, organisation=organisation, **{**FIELDS, **fields})


def told(template) -> list[tuple]:
    return [
        (n.recipient, n.context)
        for n in Notification.objects.filter(template=template).order_by("id")
    ]


def url(listing) -> str:
    return f"/partnering/{listing.pk}/"


def fresh(listing) -> Listing:
    return Listing.objects.get(pk=listing.pk)


def pending(organisation, **fields):
    return ListingFactory(
        organisation=organisation,
        status=Status.PENDING,
        published_at=None,
        first_published_at=None,
        expires_at=None,
        **fields,
    )


def indexed() -> list[int]:
    return search(key="partnering", q="Afandi").ids


def test_the_listing_url_is_the_one_the_notifications_carry(ru_org):
    listing = ListingFactory(organisation=ru_org)
    assert listing.get_absolute_url() == url(listing)


# --- lifetimes ------------------------------------------------------------------------------


def test_lifetimes_default_to_a_year_and_two_years(settings):
    del settings.PARTNERING_LIFETIME_DAYS
    del settings.PARTNERING_MAX_LIFETIME_DAYS
    assert (services.lifetime(), services.max_lifetime()) == (365 * DAY, 730 * DAY)


def test_lifetimes_follow_the_settings(settings):
    settings.PARTNERING_LIFETIME_DAYS = 30
    settings.PARTNERING_MAX_LIFETIME_DAYS = 45
    assert (services.lifetime(), services.max_lifetime()) == (30 * DAY, 45 * DAY)


# --- create ---------------------------------------------------------------------------------


def test_a_draft_gets_a_reference_from_its_kind_and_date_and_is_audited(
    ru_org, ru_owner, clock, queued
):
    listing = draft(ru_owner, ru_org)
    offer = draft(ru_owner, ru_org, kind="offer")
    assert re.fullmatch(r"r-260601-[0-9a-f]{6}", listing.ref)
    assert re.fullmatch(r"o-260601-[0-9a-f]{6}", offer.ref)
    listing = fresh(listing)
    assert (listing.status, listing.author, listing.organisation) == (
        Status.DRAFT,
        ru_owner,
        ru_org,
    )
    assert (listing.title, listing.type, listing.sectors) == (
        "Afandi series",
        "co-production",
        ["animation"],
    )
    assert listing.expires_at is None
    assert trail(listing) == [("listing.create", ru_owner, {})]
    assert queued == []
    assert indexed() == []


def test_a_reference_and_an_expiry_may_be_given(ru_org, ru_owner):
    expiry = NOW + 10 * DAY
    listing = draft(ru_owner, ru_org, ref="AF-1", expires_at=expiry)
    assert (fresh(listing).ref, fresh(listing).expires_at) == ("AF-1", expiry)


def test_a_reference_is_unique_within_the_organisation_only(ru_org, ru_owner, uz_org, uz_owner):
    draft(ru_owner, ru_org, ref="AF-1")
    with pytest.raises(ValidationError) as refused:
        draft(ru_owner, ru_org, ref="AF-1", title="Another")
    assert refused.value.message_dict == {
        "ref": ["This reference is already used by another listing."]
    }
    assert Listing.objects.filter(organisation=ru_org).count() == 1
    assert draft(uz_owner, uz_org, ref="AF-1").ref == "AF-1"


def test_an_outsider_may_not_draft_and_nothing_is_written(ru_org, uz_owner):
    with pytest.raises(PermissionDenied):
        draft(uz_owner, ru_org)
    assert not Listing.objects.exists()
    assert not AuditEntry.objects.exists()


# --- update ---------------------------------------------------------------------------------


def test_an_edit_records_the_changed_fields_in_their_order(ru_org, ru_owner, queued):
    listing = draft(ru_owner, ru_org)
    services.listing_update(
        actor=ru_owner, listing=listing, summary="A new summary.", title="Afandi tales"
    )
    assert (fresh(listing).title, fresh(listing).summary) == ("Afandi tales", "A new summary.")
    assert trail(listing)[1:] == [
        ("listing.update", ru_owner, {"fields": ["title", "summary"]}),
    ]
    assert queued == []  # a draft is not matched


def test_an_edit_that_changes_nothing_writes_nothing(ru_org, ru_owner, queued, run_on_commit):
    listing = ListingFactory(organisation=ru_org, title="Afandi series")
    before = fresh(listing).updated_at
    with run_on_commit():
        services.listing_update(actor=ru_owner, listing=listing, title="Afandi series")
    assert fresh(listing).updated_at == before
    assert trail(listing) == []
    assert queued == []


def test_an_edit_of_a_published_listing_is_indexed_and_matched_again(
    ru_org, ru_owner, queued, run_on_commit
):
    listing = ListingFactory(organisation=ru_org, title="Animated series", summary="For children.")
    assert indexed() == []
    with run_on_commit():
        services.listing_update(actor=ru_owner, listing=listing, title="Afandi series")
    assert fresh(listing).status == Status.PUBLISHED
    assert indexed() == [listing.pk]
    assert queued == [{"listing_ids": [listing.pk]}]


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Status.PENDING, "Waiting for validation"),
        (Status.REJECTED, "Rejected"),
        (Status.ARCHIVED, "Archived"),
    ],
)
def test_a_listing_out_of_the_owners_hands_is_not_edited(ru_org, ru_owner, status, shown):
    listing = ListingFactory(organisation=ru_org, status=status, title="Afandi series")
    with pytest.raises(ValidationError) as refused:
        services.listing_update(actor=ru_owner, listing=listing, title="New")
    assert refused.value.messages == [f"This listing can no longer be changed ({shown})."]
    assert refused.value.error_list[0].code == "not_editable"
    assert fresh(listing).title == "Afandi series"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.PUBLISHED])
def test_the_owner_edits_a_draft_a_returned_or_a_published_listing(ru_org, ru_owner, status):
    listing = ListingFactory(organisation=ru_org, status=status)
    services.listing_update(actor=ru_owner, listing=listing, title="New title")
    assert fresh(listing).title == "New title"


def test_another_organisation_may_not_edit(ru_org, uz_owner, moderator):
    listing = ListingFactory(organisation=ru_org, title="Afandi series")
    for person in (uz_owner, moderator):
        with pytest.raises(PermissionDenied):
            services.listing_update(actor=person, listing=listing, title="Mine")
    assert fresh(listing).title == "Afandi series"


# --- submit ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_a_draft_or_returned_listing_is_sent_for_validation(
    ru_org, ru_owner, clock, status, queued
):
    listing = ListingFactory(organisation=ru_org, status=status)
    services.listing_submit(actor=ru_owner, listing=listing)
    listing = fresh(listing)
    assert (listing.status, listing.submitted_at) == (Status.PENDING, NOW)
    assert trail(listing) == [("listing.submit", ru_owner, {})]
    assert queued == []


@pytest.mark.parametrize(
    "status", [Status.PENDING, Status.PUBLISHED, Status.REJECTED, Status.ARCHIVED]
)
def test_only_a_draft_or_returned_listing_is_sent(ru_org, ru_owner, status):
    listing = ListingFactory(organisation=ru_org, status=status, submitted_at=None)
    with pytest.raises(ValidationError) as refused:
        services.listing_submit(actor=ru_owner, listing=listing)
    assert refused.value.messages == [
        "Only a draft or a returned listing can be sent for validation."
    ]
    assert (fresh(listing).status, fresh(listing).submitted_at) == (status, None)


def test_a_draft_whose_fields_no_longer_pass_is_not_sent(ru_org, ru_owner):
    listing = ListingFactory(organisation=ru_org, status=Status.DRAFT, sectors=["cooking"])
    with pytest.raises(ValidationError) as refused:
        services.listing_submit(actor=ru_owner, listing=listing)
    assert list(refused.value.message_dict) == ["sectors"]
    assert fresh(listing).status == Status.DRAFT


def test_another_organisation_may_not_send(ru_org, uz_owner):
    listing = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.listing_submit(actor=uz_owner, listing=listing)
    assert fresh(listing).status == Status.DRAFT


# --- validate -------------------------------------------------------------------------------


def test_publishing_stamps_the_dates_indexes_queues_audits_and_tells_the_organisation(
    ru_org, ru_owner, moderator, clock, queued, run_on_commit
):
    ru_admin = member_of(ru_org, Role.ADMIN)
    member_of(ru_org, Role.MEMBER)  # not told: members do not speak for the organisation
    listing = pending(ru_org, title="Afandi series", status_reason="old")
    with run_on_commit():
        services.listing_validate(actor=moderator, listing=listing, decision="publish")
    listing = fresh(listing)
    assert (listing.status, listing.published_at, listing.first_published_at) == (
        Status.PUBLISHED,
        NOW,
        NOW,
    )
    assert (listing.expires_at, listing.status_reason) == (NOW + 365 * DAY, "")
    assert trail(listing) == [("listing.publish", moderator, {"reason": ""})]
    assert indexed() == [listing.pk]
    assert queued == [{"listing_ids": [listing.pk]}]
    context = {"title": "Afandi series", "reason": "", "url": url(listing)}
    assert sorted(told("partnering/email/listing_publish"), key=lambda t: t[0].pk) == [
        (ru_owner, {**context, "name": ru_owner.display_name}),
        (ru_admin, {**context, "name": ru_admin.display_name}),
    ]


def test_publishing_again_keeps_the_first_publication_and_a_future_expiry(
    ru_org, ru_owner, moderator, clock
):
    first = NOW - 100 * DAY
    listing = pending(ru_org)
    Listing.objects.filter(pk=listing.pk).update(first_published_at=first, expires_at=NOW + DAY)
    services.listing_validate(actor=moderator, listing=listing, decision="publish")
    listing = fresh(listing)
    assert (listing.first_published_at, listing.expires_at) == (first, NOW + DAY)


def test_an_expiry_reached_at_publication_is_renewed_for_a_lifetime(
    ru_org, ru_owner, moderator, clock
):
    listing = pending(ru_org)
    Listing.objects.filter(pk=listing.pk).update(expires_at=NOW)
    services.listing_validate(actor=moderator, listing=listing, decision="publish")
    assert fresh(listing).expires_at == NOW + 365 * DAY


@pytest.mark.parametrize(
    ("decision", "status"), [("return", Status.RETURNED), ("reject", Status.REJECTED)]
)
def test_returning_or_rejecting_keeps_the_reason_and_tells_it(
    ru_org, ru_owner, moderator, clock, decision, status, queued, run_on_commit
):
    listing = pending(ru_org, title="Afandi series")
    with run_on_commit():
        services.listing_validate(
            actor=moderator, listing=listing, decision=decision, reason="  Add the budget.  "
        )
    listing = fresh(listing)
    assert (listing.status, listing.status_reason, listing.published_at) == (
        status,
        "Add the budget.",
        None,
    )
    assert trail(listing) == [(f"listing.{decision}", moderator, {"reason": "Add the budget."})]
    assert queued == []
    assert indexed() == []
    assert told(f"partnering/email/listing_{decision}") == [
        (
            ru_owner,
            {
                "title": "Afandi series",
                "reason": "Add the budget.",
                "url": url(listing),
                "name": ru_owner.display_name,
            },
        )
    ]


@pytest.mark.parametrize("reason", ["", "   ", None])
@pytest.mark.parametrize("decision", ["return", "reject"])
def test_returning_or_rejecting_needs_a_reason(ru_org, moderator, decision, reason):
    listing = pending(ru_org)
    with pytest.raises(ValidationError) as refused:
        services.listing_validate(
            actor=moderator, listing=listing, decision=decision, reason=reason
        )
    assert refused.value.message_dict == {"reason": ["Say why, so the organisation can act on it."]}
    assert fresh(listing).status == Status.PENDING


def test_an_unknown_decision_is_refused_at_its_field(ru_org, moderator):
    listing = pending(ru_org)
    with pytest.raises(ValidationError) as refused:
        services.listing_validate(actor=moderator, listing=listing, decision="Publish")
    assert refused.value.message_dict == {"decision": ["Choose publish, return or reject."]}
    assert fresh(listing).status == Status.PENDING


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PUBLISHED, Status.RETURNED])
def test_only_a_listing_waiting_for_validation_is_decided(ru_org, moderator, status):
    listing = ListingFactory(organisation=ru_org, status=status, title="Afandi series")
    with pytest.raises(ValidationError) as refused:
        services.listing_validate(actor=moderator, listing=listing, decision="reject", reason="No.")
    assert refused.value.messages == ["“Afandi series” is not waiting for validation."]
    assert refused.value.error_list[0].code == "not_pending"
    assert fresh(listing).status == status
    assert not AuditEntry.objects.exists()


def test_a_non_moderator_is_refused_before_the_decision_is_read(ru_org, ru_owner, analyst):
    listing = pending(ru_org)
    for person in (ru_owner, analyst):
        with pytest.raises(PermissionDenied):
            services.listing_validate(actor=person, listing=listing, decision="nonsense")
        with pytest.raises(PermissionDenied):
            services.listings_validate(actor=person, listings=[], decision="publish")
    assert fresh(listing).status == Status.PENDING


def test_the_bulk_action_decides_each_listing_with_the_same_reason(ru_org, moderator):
    first, second = pending(ru_org), pending(ru_org)
    done = services.listings_validate(
        actor=moderator, listings=[first, second], decision="return", reason="Too short."
    )
    assert [(x.pk, x.status, x.status_reason) for x in done] == [
        (first.pk, Status.RETURNED, "Too short."),
        (second.pk, Status.RETURNED, "Too short."),
    ]


# --- direct publication ---------------------------------------------------------------------


@pytest.mark.parametrize("staff", [True, False])
def test_staff_or_a_script_publish_directly_audited_as_direct(
    ru_org, moderator, clock, queued, run_on_commit, staff
):
    actor = moderator if staff else None
    listing = ListingFactory(
        organisation=ru_org,
        status=Status.DRAFT,
        published_at=None,
        first_published_at=None,
        expires_at=None,
    )
    with run_on_commit():
        services.listing_publish_direct(actor=actor, listing=listing)
    listing = fresh(listing)
    assert (listing.status, listing.published_at, listing.expires_at) == (
        Status.PUBLISHED,
        NOW,
        NOW + 365 * DAY,
    )
    assert trail(listing) == [("listing.publish", actor, {"direct": True})]
    assert indexed() == [listing.pk]
    assert queued == [{"listing_ids": [listing.pk]}]


def test_publishing_a_published_listing_directly_changes_nothing(
    ru_org, moderator, queued, run_on_commit
):
    listing = ListingFactory(organisation=ru_org)
    before = fresh(listing)
    with run_on_commit():
        services.listing_publish_direct(actor=moderator, listing=listing)
    after = fresh(listing)
    assert (after.published_at, after.updated_at) == (before.published_at, before.updated_at)
    assert trail(listing) == []
    assert queued == []


def test_a_member_may_not_publish_directly(ru_org, ru_owner):
    listing = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.listing_publish_direct(actor=ru_owner, listing=listing)
    assert fresh(listing).status == Status.DRAFT


# --- open or close for interest ---------------------------------------------------------------


def test_closing_and_opening_for_interest_is_audited_and_matched_again(
    ru_org, ru_owner, queued, run_on_commit
):
    listing = ListingFactory(organisation=ru_org)
    with run_on_commit():
        services.listing_set_open(actor=ru_owner, listing=listing, open_for_interest=False)
    assert fresh(listing).open_for_interest is False
    with run_on_commit():
        services.listing_set_open(actor=ru_owner, listing=listing, open_for_interest=False)
        services.listing_set_open(actor=ru_owner, listing=listing, open_for_interest=True)
    assert fresh(listing).open_for_interest is True
    assert trail(listing) == [
        ("listing.open", ru_owner, {"open": False}),
        ("listing.open", ru_owner, {"open": True}),
    ]
    assert queued == [{"listing_ids": [listing.pk]}, {"listing_ids": [listing.pk]}]


def test_another_organisation_may_not_close_a_listing(ru_org, uz_owner):
    listing = ListingFactory(organisation=ru_org)
    with pytest.raises(PermissionDenied):
        services.listing_set_open(actor=uz_owner, listing=listing, open_for_interest=False)
    assert fresh(listing).open_for_interest is True


# --- renew ----------------------------------------------------------------------------------


def published_since(organisation, first, expires, **fields):
    return ListingFactory(
        organisation=organisation,
        published_at=first,
        first_published_at=first,
        expires_at=expires,
        **fields,
    )


def test_renewal_gives_a_lifetime_from_today_and_is_audited(
    ru_org, ru_owner, clock, queued, run_on_commit
):
    listing = published_since(ru_org, NOW - 300 * DAY, NOW + 65 * DAY, expiry_reminded_at=NOW - DAY)
    with run_on_commit():
        services.listing_renew(actor=ru_owner, listing=listing)
    listing = fresh(listing)
    assert (listing.expires_at, listing.renewed_at, listing.expiry_reminded_at) == (
        NOW + 365 * DAY,
        NOW,
        None,
    )
    assert trail(listing) == [
        ("listing.renew", ru_owner, {"expires": str(NOW + 365 * DAY)}),
    ]
    assert queued == [{"listing_ids": [listing.pk]}]


def test_renewal_stops_at_two_years_from_the_first_publication(ru_org, ru_owner, clock):
    listing = published_since(ru_org, NOW - 500 * DAY, NOW + 10 * DAY)
    services.listing_renew(actor=ru_owner, listing=listing)
    assert fresh(listing).expires_at == NOW + 230 * DAY


def test_a_listing_without_a_first_publication_counts_from_today(ru_org, ru_owner, clock):
    listing = published_since(ru_org, None, NOW + 10 * DAY)
    services.listing_renew(actor=ru_owner, listing=listing)
    assert fresh(listing).expires_at == NOW + 365 * DAY


def test_a_listing_at_its_longest_lifetime_is_not_renewed(ru_org, ru_owner, clock):
    listing = published_since(ru_org, NOW - 365 * DAY, NOW + 365 * DAY)
    with pytest.raises(ValidationError) as refused:
        services.listing_renew(actor=ru_owner, listing=listing)
    assert refused.value.messages == ["This listing has reached its longest lifetime."]
    assert fresh(listing).renewed_at is None
    # One second short of the limit, it is renewed up to it.
    listing = published_since(ru_org, NOW - 365 * DAY, NOW + 365 * DAY - timedelta(seconds=1))
    services.listing_renew(actor=ru_owner, listing=listing)
    assert fresh(listing).expires_at == NOW + 365 * DAY


def test_a_listing_without_an_expiry_is_renewed(ru_org, ru_owner, clock):
    listing = published_since(ru_org, NOW - DAY, None)
    services.listing_renew(actor=ru_owner, listing=listing)
    assert fresh(listing).expires_at == NOW + 365 * DAY


@pytest.mark.parametrize(
    "fields", [{"renewed_at": NOW - DAY}, {"status": Status.ARCHIVED}, {"status": Status.DRAFT}]
)
def test_renewal_is_once_and_only_while_published(ru_org, ru_owner, clock, fields):
    listing = published_since(ru_org, NOW - 300 * DAY, NOW + 65 * DAY, **fields)
    with pytest.raises(ValidationError) as refused:
        services.listing_renew(actor=ru_owner, listing=listing)
    assert refused.value.messages == ["A listing can be renewed once, while it is published."]
    assert fresh(listing).expires_at == NOW + 65 * DAY


def test_another_organisation_may_not_renew(ru_org, uz_owner, clock):
    listing = published_since(ru_org, NOW - 300 * DAY, NOW + 65 * DAY)
    with pytest.raises(PermissionDenied):
        services.listing_renew(actor=uz_owner, listing=listing)
    assert fresh(listing).renewed_at is None


# --- archive --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "moderator"])
def test_the_owner_or_a_moderator_archives(ru_org, ru_owner, moderator, queued, run_on_commit, who):
    actor = {"owner": ru_owner, "moderator": moderator}[who]
    listing = ListingFactory(organisation=ru_org, title="Afandi series")
    with run_on_commit():
        services.listing_archive(actor=actor, listing=listing)
    assert fresh(listing).status == Status.ARCHIVED
    assert trail(listing) == [("listing.archive", actor, {})]
    assert indexed() == []
    assert queued == [{"listing_ids": [listing.pk]}]
    with run_on_commit():
        services.listing_archive(actor=actor, listing=listing)
    assert len(trail(listing)) == 1
    assert len(queued) == 1


def test_an_analyst_or_another_organisation_may_not_archive(ru_org, uz_owner, analyst):
    listing = ListingFactory(organisation=ru_org)
    for person in (uz_owner, analyst):
        with pytest.raises(PermissionDenied):
            services.listing_archive(actor=person, listing=listing)
    assert fresh(listing).status == Status.PUBLISHED


# --- the clock ------------------------------------------------------------------------------


def test_the_reminder_comes_fourteen_days_before_expiry_and_not_a_second_earlier(
    ru_org, ru_owner, run_on_commit
):
    due = ListingFactory(organisation=ru_org, title="Due", expires_at=NOW + 14 * DAY)
    early = ListingFactory(organisation=ru_org, expires_at=NOW + 14 * DAY + timedelta(seconds=1))
    renewed = ListingFactory(
        organisation=ru_org, title="Renewed", expires_at=NOW + DAY, renewed_at=NOW - DAY
    )
    reminded = ListingFactory(organisation=ru_org, expires_at=NOW + DAY, expiry_reminded_at=NOW)
    draft_ = ListingFactory(organisation=ru_org, status=Status.DRAFT, expires_at=NOW + DAY)
    with run_on_commit():
        assert services.listings_tick(now=NOW) == {"reminded": 2, "archived": 0}
    assert [fresh(x).expiry_reminded_at for x in (due, early, renewed, draft_)] == [
        NOW,
        None,
        NOW,
        None,
    ]
    assert fresh(reminded).expiry_reminded_at == NOW
    assert sorted(told("partnering/email/listing_expiring"), key=lambda t: t[1]["title"]) == [
        (
            ru_owner,
            {
                "title": "Due",
                "url": url(due),
                "expires": "2026-06-15",
                "renewable": True,
                "name": ru_owner.display_name,
            },
        ),
        (
            ru_owner,
            {
                "title": "Renewed",
                "url": url(renewed),
                "expires": "2026-06-02",
                "renewable": False,
                "name": ru_owner.display_name,
            },
        ),
    ]
    assert trail(due) == [("listing.expiry_reminder", None, {})]


def test_the_reminder_days_follow_the_setting_and_default_to_fourteen(ru_org, settings):
    settings.PARTNERING_EXPIRY_REMINDER_DAYS = 3
    listing = ListingFactory(organisation=ru_org, expires_at=NOW + 4 * DAY)
    assert services.listings_tick(now=NOW)["reminded"] == 0
    del settings.PARTNERING_EXPIRY_REMINDER_DAYS
    assert services.listings_tick(now=NOW)["reminded"] == 1
    assert fresh(listing).expiry_reminded_at == NOW


def test_the_reminder_writes_only_its_own_fields(ru_org, monkeypatch):
    listing = ListingFactory(organisation=ru_org, title="Afandi", expires_at=NOW + DAY)
    saved = []
    original = Listing.save

    def save(self, *args, **kwargs):
        saved.append(kwargs.get("update_fields"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Listing, "save", save)
    services.listings_tick(now=NOW)
    assert saved == [["expiry_reminded_at", "updated_at"]]
    assert fresh(listing).expiry_reminded_at == NOW


def test_listings_at_their_expiry_are_archived_and_leave_the_index(
    ru_org, clock, queued, run_on_commit
):
    gone = ListingFactory(organisation=ru_org, expires_at=NOW, expiry_reminded_at=NOW - DAY)
    also = ListingFactory(organisation=ru_org, expires_at=NOW - DAY, expiry_reminded_at=NOW)
    stays = ListingFactory(
        organisation=ru_org, expires_at=NOW + timedelta(seconds=1), expiry_reminded_at=NOW
    )
    with run_on_commit():
        assert services.listings_tick(now=NOW) == {"reminded": 0, "archived": 2}
    assert [fresh(x).status for x in (gone, also, stays)] == [
        Status.ARCHIVED,
        Status.ARCHIVED,
        Status.PUBLISHED,
    ]
    assert trail(gone) == [("listing.expire", None, {})]
    assert sorted(ids for call in queued for ids in call["listing_ids"]) == sorted(
        [gone.pk, also.pk]
    )
    assert indexed() == [stays.pk]
    assert services.listings_tick(now=NOW) == {"reminded": 0, "archived": 0}


def test_the_clock_runs_on_the_current_time_by_default(ru_org, clock):
    listing = ListingFactory(organisation=ru_org, expires_at=NOW)
    assert services.listings_tick() == {"reminded": 0, "archived": 1}
    assert fresh(listing).status == Status.ARCHIVED


def test_a_listing_another_tick_reminded_meanwhile_is_not_reminded_twice(ru_org, monkeypatch):
    listing = ListingFactory(organisation=ru_org, expires_at=NOW + DAY)
    locked = services._locked

    def raced(row):
        Listing.objects.filter(pk=row.pk).update(expiry_reminded_at=NOW - DAY)
        return locked(row)

    monkeypatch.setattr(services, "_locked", raced)
    assert services.listings_tick(now=NOW) == {"reminded": 0, "archived": 0}
    assert fresh(listing).expiry_reminded_at == NOW - DAY
    assert not AuditEntry.objects.exists()


def test_a_listing_archived_meanwhile_is_not_expired_again(ru_org, monkeypatch):
    listing = ListingFactory(organisation=ru_org, expires_at=NOW - DAY, expiry_reminded_at=NOW)
    locked = services._locked

    def raced(row):
        Listing.objects.filter(pk=row.pk).update(status=Status.ARCHIVED)
        return locked(row)

    monkeypatch.setattr(services, "_locked", raced)
    assert services.listings_tick(now=NOW) == {"reminded": 0, "archived": 0}
    assert not AuditEntry.objects.exists()
    assert fresh(listing).status == Status.ARCHIVED

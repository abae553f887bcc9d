"""Listings: the workflow from draft to published (and back), validation by staff with audit,
the rules of the fields, anonymity, lifetime and renewal, and the e-mails it sends."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bridge.core.models import AuditEntry
from bridge.partnering.models import Listing
from bridge.partnering.services import listings as services
from bridge.partnering.services.listings import listings_tick
from bridge.partnering.tests.factories import ListingFactory, member_of
from bridge.partnering.vocabulary import Status
from bridge.search.selectors import search

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FIELDS = {
    "kind": "request",
    "type": "co-production",
    "sectors": ["animation"],
    "title": "Сериал по сказкам об Афанди",
    "summary": "Ищем студию в Узбекистане для совместного производства.",
}


def draft(actor, organisation, **fields):
    return services.listing_create(actor=actor, organisation=organisation, **{**FIELDS, **fields})


def test_draft_submit_publish_and_every_step_is_audited(
    ru_org, ru_owner, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    listing = draft(ru_owner, ru_org)
    assert listing.status == Status.DRAFT
    assert listing.language == "ru"  # detected
    assert listing.ref.startswith("r-")
    services.listing_submit(actor=ru_owner, listing=listing)
    with django_capture_on_commit_callbacks(execute=True):
        listing = services.listing_validate(actor=moderator, listing=listing, decision="publish")
    assert listing.status == Status.PUBLISHED
    assert listing.expires_at - listing.published_at == timedelta(days=365)
    actions = list(
        AuditEntry.objects.filter(target_id=str(listing.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["listing.create", "listing.submit", "listing.publish"]
    assert search(key="partnering", q="Afandi").ids == [listing.pk]
    assert [m.to for m in mailoutbox] == [[ru_owner.email]]
    assert FIELDS["title"] in mailoutbox[0].subject


def test_returned_with_reasons_then_edited_and_sent_again(ru_org, ru_owner, moderator):
    listing = draft(ru_owner, ru_org)
    services.listing_submit(actor=ru_owner, listing=listing)
    with pytest.raises(ValidationError) as refused:
        services.listing_validate(actor=moderator, listing=listing, decision="return")
    assert "reason" in refused.value.message_dict
    listing = services.listing_validate(
        actor=moderator, listing=listing, decision="return", reason="Add the budget."
    )
    assert (listing.status, listing.status_reason) == (Status.RETURNED, "Add the budget.")
    services.listing_update(
        actor=ru_owner, listing=listing, budget_min=100, budget_max=200, currency="USD"
    )
    listing = services.listing_submit(actor=ru_owner, listing=listing)
    assert listing.status == Status.PENDING


def test_rejected_listings_can_no_longer_be_changed(ru_org, ru_owner, moderator):
    listing = draft(ru_owner, ru_org)
    services.listing_submit(actor=ru_owner, listing=listing)
    services.listing_validate(
        actor=moderator, listing=listing, decision="reject", reason="Direct sales."
    )
    with pytest.raises(ValidationError):
        services.listing_update(actor=ru_owner, listing=listing, title="New title")
    with pytest.raises(ValidationError):
        services.listing_submit(actor=ru_owner, listing=listing)


def test_only_staff_validate_and_only_members_write(ru_org, ru_owner, uz_owner, analyst):
    listing = draft(ru_owner, ru_org)
    services.listing_submit(actor=ru_owner, listing=listing)
    for person in (ru_owner, uz_owner, analyst):
        with pytest.raises(PermissionDenied):
            services.listing_validate(actor=person, listing=listing, decision="publish")
    with pytest.raises(PermissionDenied):
        draft(uz_owner, ru_org)
    with pytest.raises(PermissionDenied):
        services.listing_update(actor=uz_owner, listing=listing, title="Mine now")
    assert Listing.objects.get(pk=listing.pk).status == Status.PENDING


def test_bulk_validation_publishes_every_ticked_listing(ru_org, ru_owner, moderator):
    listings = [draft(ru_owner, ru_org, title=f"Сериал {n}") for n in range(3)]
    for listing in listings:
        services.listing_submit(actor=ru_owner, listing=listing)
    services.listings_validate(actor=moderator, listings=listings, decision="publish")
    assert set(Listing.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert AuditEntry.objects.filter(action="listing.publish").count() == 3


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("summary", "Пишите на studio@example.com", "e-mail"),
        ("title", "Studio www.teplysvet.ru", "web addresses"),
        ("description", "See https://example.org/deck", "web addresses"),
        ("summary", "Звоните +7 (495) 123-45-67", "phone"),
        ("summary", "Tel. 90 123 45 67", "phone"),
    ],
)
def test_an_anonymous_listing_may_not_name_its_owner(ru_org, ru_owner, field, text, message):
    with pytest.raises(ValidationError) as refused:
        draft(ru_owner, ru_org, anonymous=True, **{field: text})
    assert message in refused.value.message_dict[field][0]
    assert not Listing.objects.exists()


def test_budgets_and_years_are_not_mistaken_for_phone_numbers(ru_org, ru_owner):
    listing = draft(
        ru_owner,
        ru_org,
        anonymous=True,
        summary="Бюджет 1 500 000 рублей, 2025–2026 годы, 26 серий.",
    )
    assert listing.anonymous


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "gift"}, "kind"),
        ({"type": "barter"}, "type"),
        ({"sectors": []}, "sectors"),
        ({"sectors": ["cooking"]}, "sectors"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"summary": "x" * 1001}, "summary"),
        ({"keywords": ["afandi", "suzani", "ikat", "maqom", "alpamysh", "khan-atlas"]}, "keywords"),
        ({"keywords": ["no-such-concept"]}, "keywords"),
        ({"heritage": ["silk"]}, "heritage"),
        ({"countries_sought": ["XX"]}, "countries_sought"),
        ({"budget_min": 500, "budget_max": 100, "currency": "USD"}, "budget_max"),
        ({"budget_min": 500}, "currency"),
        ({"stage": "someday"}, "stage"),
        ({"language": "fr"}, "language"),
    ],
)
def test_bad_fields_are_refused_at_the_field(ru_org, ru_owner, fields, field):
    with pytest.raises(ValidationError) as refused:
        draft(ru_owner, ru_org, **fields)
    assert field in refused.value.message_dict


def test_stage_and_budget_are_kept_only_for_the_types_that_have_them(ru_org, ru_owner):
    kept = draft(ru_owner, ru_org, stage="development", budget_min=1, budget_max=2, currency="USD")
    cleared = draft(
        ru_owner, ru_org, type="licensing", stage="development", budget_min=1, currency="USD"
    )
    assert (kept.stage, kept.currency) == ("development", "USD")
    assert (cleared.stage, cleared.budget_min, cleared.currency) == ("", None, "")


def test_renewal_once_and_never_past_two_years(ru_org, ru_owner):
    first = timezone.now() - timedelta(days=360)
    listing = ListingFactory(
        organisation=ru_org,
        published_at=first,
        first_published_at=first,
        expires_at=first + timedelta(days=365),
    )
    listing = services.listing_renew(actor=ru_owner, listing=listing)
    assert listing.expires_at <= first + timedelta(days=730)
    assert listing.expires_at > timezone.now() + timedelta(days=300)
    with pytest.raises(ValidationError):
        services.listing_renew(actor=ru_owner, listing=listing)


def test_the_clock_reminds_fourteen_days_before_expiry_then_archives(
    ru_org, ru_owner, mailoutbox, django_capture_on_commit_callbacks
):
    listing = ListingFactory(organisation=ru_org, expires_at=timezone.now() + timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert listings_tick() == {"reminded": 1, "archived": 0}
        assert listings_tick() == {"reminded": 0, "archived": 0}
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert listings_tick(now=timezone.now() + timedelta(days=11)) == {
            "reminded": 0,
            "archived": 1,
        }
    listing.refresh_from_db()
    assert listing.status == Status.ARCHIVED
    assert search(key="partnering", q="Afandi").ids == []


def test_any_member_may_draft_for_the_organisation(ru_org):
    member = member_of(ru_org)
    assert draft(member, ru_org).author == member

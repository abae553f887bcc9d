"""Stored matches: recomputed on publish and edit, obeying every hard rule, reciprocal across
languages, removed for both sides by "not interested", read in one query."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.partnering.explain import explain
from bridge.partnering.models import Match
from bridge.partnering.selectors.matching import matches_for
from bridge.partnering.services import listings as services
from bridge.partnering.services.matching import match_dismiss, matches_recompute
from bridge.partnering.tests.factories import ListingFactory, matched, member_of

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REQUEST_RU = {
    "kind": "request",
    "language": "ru",
    "title": "Ищем сопродюсера анимационного сериала о Ходже Насреддине",
    "summary": "Студия готовит сериал по сказкам об Афанди, с узбекским орнаментом в фонах.",
}
OFFER_UZ = {
    "kind": "offer",
    "language": "uz",
    "title": "Nasriddin Afandi latifalari asosida animatsion serial",
    "summary": "Studiyamiz Afandi haqida 2D serialni milliy naqsh bilan birgalikda yaratadi.",
}


@pytest.fixture
def pair(ru_org, uz_org):
    request = ListingFactory(organisation=ru_org, **REQUEST_RU)
    offer = ListingFactory(organisation=uz_org, **OFFER_UZ)
    decoys = [
        ListingFactory(
            organisation=uz_org,
            kind="offer",
            language="en",
            title=title,
            summary=summary,
        )
        for title, summary in [
            ("Mobile puzzle game art", "Casual puzzle games for publishers, 2D art."),
            ("Fashion capsule in khan atlas", "A clothing line of atlas silk from Margilan."),
            ("Animated series about space robots", "A 3D series for teenagers about robots."),
        ]
    ]
    matched(request, offer, *decoys)
    return request, offer


def counterparts(listing):
    return [m.counterpart for m in matches_for(listing)]


def test_the_russian_request_and_the_uzbek_offer_match_each_other_first(pair):
    request, offer = pair
    assert counterparts(request)[0] == offer
    assert counterparts(offer)[0] == request
    forward = Match.objects.get(listing=request, counterpart=offer)
    backward = Match.objects.get(listing=offer, counterpart=request)
    assert forward.score == backward.score  # one reciprocal score per pair
    assert forward.score > 0


def test_reasons_are_in_the_readers_language(pair):
    request, offer = pair
    match = Match.objects.get(listing=request, counterpart=offer)
    assert any("Насреддин Афанди" in line for line in explain(match.reasons, "ru"))
    assert any("Nasriddin Afandi" in line for line in explain(match.reasons, "uz"))
    assert any("Насриддин Афанди" in line for line in explain(match.reasons, "uz-cyrl"))
    assert explain(match.reasons, "en")[0].startswith("Shared: ")


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "request"},  # same kind
        {"type": "licensing"},  # another type
        {"status": "pending"},
        {"status": "archived"},
        {"open_for_interest": False},
        {"expires_at_days": -1},
        {"same_org": True},
        {"countries_sought": ["KZ"]},  # the offer does not seek Russia
    ],
)
def test_every_hard_rule_keeps_a_pair_apart(ru_org, uz_org, change):
    request = ListingFactory(organisation=ru_org, **REQUEST_RU)
    fields = dict(OFFER_UZ)
    if change.pop("same_org", False):
        fields["organisation"] = ru_org
    else:
        fields["organisation"] = uz_org
    days = change.pop("expires_at_days", None)
    if days is not None:
        fields["expires_at"] = timezone.now() + timedelta(days=days)
    fields.update(change)
    offer = ListingFactory(**fields)
    matched(request, offer)
    assert offer not in counterparts(request)
    assert request not in counterparts(offer)


def test_countries_sought_by_the_request_bind_the_offer_too(ru_org, uz_org):
    request = ListingFactory(organisation=ru_org, countries_sought=["KZ"], **REQUEST_RU)
    offer = ListingFactory(organisation=uz_org, **OFFER_UZ)
    matched(request, offer)
    assert counterparts(request) == []
    request.countries_sought = ["UZ", "KZ"]
    request.save()
    matched(request)
    assert counterparts(request) == [offer]


def test_publishing_and_editing_recompute_matches_in_the_background(
    ru_org, uz_org, ru_owner, moderator, django_capture_on_commit_callbacks
):
    offer = ListingFactory(organisation=uz_org, **OFFER_UZ)
    matched(offer)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.listing_create(
            actor=ru_owner,
            organisation=ru_org,
            type="co-production",
            sectors=["animation"],
            **REQUEST_RU,
        )
        services.listing_submit(actor=ru_owner, listing=request)
    assert counterparts(request) == []  # not published yet
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_validate(actor=moderator, listing=request, decision="publish")
    assert counterparts(request) == [offer]
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_update(
            actor=ru_owner,
            listing=request,
            title="Ищем художников для мобильной игры про космос",
            summary="Нужны художники по 2D-графике для игры о космических роботах.",
        )
    assert counterparts(request) == []
    assert counterparts(offer) == []


def test_closing_or_archiving_removes_the_listing_from_the_others_matches(
    pair, ru_owner, django_capture_on_commit_callbacks
):
    request, offer = pair
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_set_open(actor=ru_owner, listing=request, open_for_interest=False)
    assert request not in counterparts(offer)
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_set_open(actor=ru_owner, listing=request, open_for_interest=True)
    assert request in counterparts(offer)
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_archive(actor=ru_owner, listing=request)
    assert request not in counterparts(offer)


def test_not_interested_removes_the_pair_for_both_and_for_good(pair, uz_owner):
    request, offer = pair
    match_dismiss(actor=uz_owner, listing=offer, counterpart=request)
    assert request not in counterparts(offer)
    assert offer not in counterparts(request)
    matches_recompute(listing_ids=[request.pk, offer.pk])
    assert offer not in counterparts(request)


def test_only_the_listings_organisation_may_dismiss(pair, ru_owner):
    request, offer = pair
    stranger_org = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        match_dismiss(actor=member_of(stranger_org), listing=offer, counterpart=request)


def test_an_expired_counterpart_disappears_before_the_clock_archives_it(pair):
    request, offer = pair
    offer.expires_at = timezone.now() - timedelta(minutes=1)
    offer.save()
    assert offer not in counterparts(request)


def test_reading_matches_is_one_query(pair, django_assert_num_queries):
    request, _offer = pair
    with django_assert_num_queries(1):
        rows = list(matches_for(request, limit=20))
        [(m.counterpart.title, m.counterpart.organisation.name) for m in rows]


def test_a_large_batch_refreshes_the_planners_statistics(pair, monkeypatch):
    from bridge.partnering.matching import storage

    monkeypatch.setattr(storage, "ANALYZE_BATCH", 1)  # ANALYZE on PostgreSQL, nothing on SQLite
    request, offer = pair
    matches_recompute(listing_ids=[request.pk, offer.pk])
    assert counterparts(request)[0] == offer

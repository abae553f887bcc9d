"""Matching's writes, to the exact value stored: the terms, postings and norm of each listing
recomputed (in the segment of its type and kind, its norm weighed among its counterparts), the
stored pairs with their reciprocal score, both directions and the reasons each reader sees (all
computed here from the counts of the test's own listings), which listings take part (both edges
of expiry, to the microsecond), which candidates are looked for (the common-term cap, the
sixteen query terms, the thirty candidates), the twelve best kept and the tie between equal
scores, dismissed pairs, and "not interested" (who may, what it stores, removes and logs).
Written for the mutation score of issue 18. The listings' titles are made-up words, so each
listing's terms are known and every document frequency can be counted by hand."""

import math
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core import locks
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, trail
from bridge.partnering.matching.score import Side, idf, pair_score
from bridge.partnering.matching.terms import Text, listing_terms
from bridge.partnering.models import Dismissal, Listing, Match, MatchPosting, MatchVector
from bridge.partnering.services import matching as services
from bridge.partnering.tests.factories import ListingFactory, PartnerProfileFactory, member_of
from bridge.partnering.vocabulary import Status
from bridge.search.thesaurus import current

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

OFFERS, REQUESTS = "co-production:offer", "co-production:request"
TICK = timedelta(microseconds=1)
PLAIN = {"concepts": [], "sectors": ["animation"]}  # what two bare listings share


def made(title, kind="offer", **fields):
    """A live co-production listing of a fresh Russian organisation (no partner profile), whose
    only terms are its title's made-up words, each weighing 3."""
    if "organisation" not in fields:
        fields["organisation"] = OrganisationFactory()
    fields.setdefault("summary", "")
    return ListingFactory(title=title, kind=kind, **fields)


def t(*words) -> dict[str, float]:
    return {f"s:{word}": 3.0 for word in words}


def bare(listing, terms, norm) -> Side:
    """The side of a listing made by `made`, written out."""
    return Side(
        id=listing.pk,
        organisation_id=listing.organisation_id,
        country="RU",
        org_kind="",
        org_size="",
        sectors=frozenset({"animation"}),
        countries_sought=frozenset(),
        partner_kinds=frozenset(),
        partner_sizes=frozenset(),
        terms=terms,
        norm=norm,
    )


def stored() -> dict[tuple[int, int], tuple]:
    return {
        (m.listing_id, m.counterpart_id): (m.score, m.forward, m.backward, m.reasons)
        for m in Match.objects.all()
    }


def pairs() -> set[tuple[int, int]]:
    return set(Match.objects.values_list("listing_id", "counterpart_id"))


def both(a, b) -> set[tuple[int, int]]:
    return {(a.pk, b.pk), (b.pk, a.pk)}


def vector(listing):
    return MatchVector.objects.get(listing=listing)


def postings(listing) -> set[tuple[str, str]]:
    return set(MatchPosting.objects.filter(listing=listing).values_list("segment", "term"))


def recompute(*listings) -> int:
    return services.matches_recompute(listing_ids=[x.pk for x in listings])


@pytest.fixture
def calls(monkeypatch):
    """The lock taken and the planner statistics refreshed (both do nothing on SQLite)."""
    seen = []
    monkeypatch.setattr(
        locks,
        "hold_for_transaction",
        lambda key: seen.append(("lock", key, connection.in_atomic_block)),
    )
    monkeypatch.setattr(services, "refresh_statistics", lambda size: seen.append(("stats", size)))
    return seen


# --- one batch, every value stored ---------------------------------------------------------------


@pytest.fixture
def trio(clock):
    """One request and two offers, recomputed together: the offers' segment holds 2 listings
    (zorblat in both, quintex, gravlon and mippet in one each), the requests' segment 1."""
    a = made("zorblat quintex", kind="request")
    b = made("zorblat quintex gravlon")
    c = made("zorblat mippet")
    return a, b, c


def test_each_listing_is_stored_with_its_segment_terms_postings_and_norm(trio, calls):
    a, b, c = trio
    assert repr(services.matches_recompute(listing_ids=[c.pk, a.pk, b.pk, a.pk])) == "2"
    assert (vector(a).segment, vector(a).terms) == (REQUESTS, t("zorblat", "quintex"))
    assert (vector(b).segment, vector(b).terms) == (OFFERS, t("zorblat", "quintex", "gravlon"))
    assert (vector(c).segment, vector(c).terms) == (OFFERS, t("zorblat", "mippet"))
    assert {vector(x).computed_at for x in trio} == {NOW}
    assert postings(a) == {(REQUESTS, "s:zorblat"), (REQUESTS, "s:quintex")}
    assert postings(b) == {(OFFERS, "s:zorblat"), (OFFERS, "s:quintex"), (OFFERS, "s:gravlon")}
    assert postings(c) == {(OFFERS, "s:zorblat"), (OFFERS, "s:mippet")}
    # A request's terms are weighed among the offers (2 of them), an offer's among the requests
    # (1); a term the other segment lacks weighs as one in no listing there.
    assert vector(a).norm == pytest.approx(3 * idf(2, 2) + 3 * idf(1, 2), rel=1e-12)
    assert vector(b).norm == pytest.approx(6 * idf(1, 1) + 3 * idf(0, 1), rel=1e-12)
    assert vector(c).norm == pytest.approx(3 * idf(1, 1) + 3 * idf(0, 1), rel=1e-12)
    assert calls == [("lock", locks.PARTNERING_MATCHES, True), ("stats", 3)]


def test_each_pair_is_stored_both_ways_with_its_reciprocal_score_and_reasons(trio):
    a, b, c = trio
    assert recompute(a, b, c) == 2
    norm_a = 3 * idf(2, 2) + 3 * idf(1, 2)
    side_a = bare(a, t("zorblat", "quintex"), norm_a)
    side_b = bare(b, t("zorblat", "quintex", "gravlon"), 6 * idf(1, 1) + 3 * idf(0, 1))
    side_c = bare(c, t("zorblat", "mippet"), 3 * idf(1, 1) + 3 * idf(0, 1))
    # a's terms weigh among the offers for b's answer to a, among the requests for a's to b.
    idf_a = {"s:zorblat": idf(2, 2), "s:quintex": idf(1, 2)}
    idf_b = {"s:zorblat": idf(1, 1), "s:quintex": idf(1, 1)}
    ab = pair_score(side_a, side_b, idf_a, idf_b, idf(0, 2), idf(0, 1))
    ac = pair_score(side_a, side_c, idf_a, idf_b, idf(0, 2), idf(0, 1))
    assert ab.forward != ab.backward and ab.score != ac.score
    r = lambda x: round(x, 6)  # noqa: E731
    assert stored() == {
        (a.pk, b.pk): (r(ab.score), r(ab.forward), r(ab.backward), PLAIN),
        (b.pk, a.pk): (r(ab.score), r(ab.backward), r(ab.forward), PLAIN),
        (a.pk, c.pk): (r(ac.score), r(ac.forward), r(ac.backward), PLAIN),
        (c.pk, a.pk): (r(ac.score), r(ac.backward), r(ac.forward), PLAIN),
    }
    assert set(Match.objects.values_list("created_at", flat=True)) == {NOW}
    assert set(Match.objects.values_list("notified_at", flat=True)) == {None}


def test_the_reasons_are_each_readers_own(clock):
    """b seeks partners in Russia and a studio of 10–49 at a's stage and budget: a's reader is
    told so; b's reader, whose listing a does not answer in those ways, is not."""
    ru_studio = OrganisationFactory(country="RU")
    PartnerProfileFactory(organisation=ru_studio, kind="studio", size="10-49")
    uz_brand = OrganisationFactory(country="UZ")
    PartnerProfileFactory(organisation=uz_brand, kind="brand", size="250+")
    a = made(
        "zorblat quintex",
        kind="request",
        organisation=ru_studio,
        sectors=["animation", "games"],
        stage="development",
        budget_min=Decimal(100),
        budget_max=Decimal(500),
        currency="USD",
        partner_kinds=["brand"],
    )
    b = made(
        "zorblat quintex",
        organisation=uz_brand,
        sectors=["games", "film"],
        countries_sought=["RU"],
        partner_kinds=["producer"],
        stage="development",
        budget_min=Decimal(500),
        currency="USD",
    )
    assert recompute(a, b) == 1
    assert Match.objects.get(listing=a, counterpart=b).reasons == {
        "concepts": [],
        "sectors": ["games"],
        "seeks": "RU",
        "stage": "development",
        "budget": True,
        "kind": "brand",
    }
    assert Match.objects.get(listing=b, counterpart=a).reasons == {
        "concepts": [],
        "sectors": ["games"],
        "stage": "development",
        "budget": True,
    }


def test_keywords_heritage_and_every_field_of_the_text_are_analysed_in_its_language(clock):
    listing = made(
        "zorblat",
        summary="quintex",
        description="mippet gravlon",
        language="ru",
        keywords=["afandi"],
        heritage=["suzani"],
    )
    assert services.text_of(listing) == Text(
        title="zorblat",
        summary="quintex",
        description="mippet gravlon",
        language="ru",
        keywords=("afandi",),
        heritage=("suzani",),
    )
    recompute(listing)
    expected = listing_terms(services.text_of(listing), current())
    assert {"c:afandi", "c:suzani", "s:zorblat", "s:mippet"} <= expected.keys()
    assert vector(listing).terms == expected


def test_a_listing_without_a_language_keywords_or_heritage_is_read_as_such(clock):
    listing = made("zorblat", language="")
    listing.keywords = listing.heritage = None  # as an import row may leave them
    assert services.text_of(listing) == Text(
        title="zorblat", summary="", description="", language=None, keywords=(), heritage=()
    )


# --- who takes part ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "live"),
    [
        ({}, True),
        ({"expires_at": None}, True),
        ({"expires_at": NOW + TICK}, True),
        ({"expires_at": NOW}, False),
        ({"status": Status.PENDING}, False),
        ({"status": Status.ARCHIVED}, False),
        ({"open_for_interest": False}, False),
    ],
)
def test_only_a_published_open_unexpired_listing_is_analysed_and_matched(
    clock, calls, change, live
):
    a = made("zorblat quintex", kind="request")
    b = made("zorblat quintex", **change)
    assert recompute(a, b) == (1 if live else 0)
    assert pairs() == (both(a, b) if live else set())
    assert MatchVector.objects.filter(listing=b).exists() is live
    assert bool(postings(b)) is live
    assert calls[-1] == ("stats", 2)


@pytest.mark.parametrize(
    ("change", "live"),
    [
        ({"expires_at": None}, True),
        ({"expires_at": NOW + TICK}, True),
        ({"expires_at": NOW}, False),
        ({"status": Status.ARCHIVED}, False),
        ({"open_for_interest": False}, False),
    ],
)
def test_a_counterpart_analysed_before_is_matched_only_while_still_live(clock, change, live):
    b = made("zorblat quintex")
    recompute(b)
    Listing.objects.filter(pk=b.pk).update(**change)  # its terms stay until it is recomputed
    a = made("zorblat quintex", kind="request")
    assert recompute(a) == (1 if live else 0)
    assert pairs() == (both(a, b) if live else set())


def test_a_listing_no_longer_live_loses_its_terms_and_its_matches_on_both_sides(clock, calls):
    a = made("zorblat quintex", kind="request")
    b = made("zorblat quintex")
    c = made("gravlon mippet", kind="request")
    d = made("gravlon mippet")
    recompute(a, b, c, d)
    calls.clear()
    Listing.objects.filter(pk=b.pk).update(status=Status.ARCHIVED)
    assert recompute(b) == 0
    assert pairs() == both(c, d)
    assert not MatchVector.objects.filter(listing=b).exists()
    assert postings(b) == set()
    assert postings(a) == {(REQUESTS, "s:zorblat"), (REQUESTS, "s:quintex")}
    assert calls == [("lock", locks.PARTNERING_MATCHES, True)]  # nothing left to analyse


def test_an_edited_listing_loses_the_matches_others_had_with_it(clock):
    a = made("zorblat quintex", kind="request")
    b = made("zorblat quintex")
    recompute(a, b)
    Listing.objects.filter(pk=b.pk).update(title="gravlon mippet")
    b.refresh_from_db()
    assert recompute(b) == 0
    assert pairs() == set()
    assert vector(b).terms == t("gravlon", "mippet")


def test_no_listings_change_nothing_and_take_no_lock(clock, calls):
    a = made("zorblat quintex", kind="request")
    b = made("zorblat quintex")
    recompute(a, b)
    calls.clear()
    assert services.matches_recompute(listing_ids=[]) == 0
    assert services.matches_recompute(listing_ids=iter(())) == 0
    assert calls == []
    assert pairs() == both(a, b)


def test_only_the_other_kind_of_the_same_type_from_another_organisation_is_matched(clock):
    a = made("zorblat quintex", kind="request")
    same_kind = made("zorblat quintex", kind="request")
    other_type = made("zorblat quintex", type="licensing")
    same_org = made("zorblat quintex", organisation=a.organisation)
    not_sought = made("zorblat quintex", countries_sought=["KZ"])
    b = made("zorblat quintex")
    recompute(a, same_kind, other_type, same_org, not_sought, b)
    assert pairs() == both(a, b) | both(same_kind, b) | both(same_kind, same_org)
    assert vector(other_type).segment == "licensing:offer"


@pytest.mark.parametrize("recomputed_is_low", [True, False])
def test_a_dismissed_pair_is_never_stored_again(clock, recomputed_is_low):
    if recomputed_is_low:
        a = made("zorblat quintex", kind="request")
        b = made("zorblat quintex")
    else:
        b = made("zorblat quintex")
        a = made("zorblat quintex", kind="request")
    c = made("zorblat quintex")
    recompute(a, b, c)
    low, high = sorted((a, b), key=lambda x: x.pk)
    Dismissal.objects.create(low=low, high=high, organisation=a.organisation)
    assert recompute(a) == 1
    assert pairs() == both(a, c)
    assert recompute(a, b, c) == 1
    assert pairs() == both(a, c)


def test_dismissals_are_read_for_either_side_of_each_pair(clock):
    one, two, three, four, five = (made(f"zorblat{n}") for n in "abcde")
    org = one.organisation
    Dismissal.objects.create(low=one, high=two, organisation=org)
    Dismissal.objects.create(low=three, high=four, organisation=org)
    Dismissal.objects.create(low=two, high=five, organisation=org)
    assert services._dismissed([one.pk, four.pk]) == {(one.pk, two.pk), (three.pk, four.pk)}
    assert services._dismissed([]) == set()


# --- the score's edge, the twelve kept and the ties ----------------------------------------------


def test_a_pair_scoring_exactly_the_minimum_is_kept_and_one_just_below_is_not(clock, monkeypatch):
    a = made("zorblat quintex", kind="request")
    recompute(made("zorblat quintex gravlon"))
    scores = []
    original = services.pair_score

    def recording(*args):
        pair = original(*args)
        scores.append(pair.score)
        return pair

    monkeypatch.setattr(services, "pair_score", recording)
    recompute(a)
    (score,) = set(scores)
    monkeypatch.setattr(services, "MIN_SCORE", score)
    assert recompute(a) == 1
    monkeypatch.setattr(services, "MIN_SCORE", math.nextafter(score, 1.0))
    assert recompute(a) == 0
    assert pairs() == set()


def test_the_twelve_best_are_kept_and_the_weakest_candidate_is_not(clock):
    weaker = made("zorblat quintex gravlon")  # first made, lowest id, a third of it unanswered
    offers = [made("zorblat quintex") for _ in range(12)]
    recompute(weaker, *offers)
    a = made("zorblat quintex", kind="request")
    assert recompute(a) == 12
    assert {other for one, other in pairs() if one == a.pk} == {o.pk for o in offers}
    assert len(pairs()) == 24


def test_between_equal_scores_the_older_listings_are_kept(clock):
    offers = [made("zorblat quintex") for _ in range(13)]
    recompute(*offers)
    a = made("zorblat quintex", kind="request")
    assert recompute(a) == 12
    assert {other for one, other in pairs() if one == a.pk} == {o.pk for o in offers[:12]}


def test_counterparts_recomputed_in_the_same_batch_add_themselves_beyond_twelve(clock):
    offers = [made("zorblat quintex") for _ in range(13)]
    a = made("zorblat quintex", kind="request")
    assert recompute(a, *offers) == 13
    assert pairs() == set().union(*(both(a, o) for o in offers))


def test_a_stored_row_is_replaced_only_by_a_higher_score_rounded_to_six_places():
    a = Side(1, 10, "RU", "", "", frozenset({"film"}), frozenset(), frozenset(), frozenset())
    b = Side(2, 20, "UZ", "", "", frozenset({"film"}), frozenset({"RU"}), frozenset(), frozenset())
    rows = {}
    services._add(rows, a, b, 0.1234567, 0.9999994, 1 / 3, frozenset())
    first = (1, 2, 0.123457, 0.999999, 0.333333, '{"concepts":[],"sectors":["film"],"seeks":"RU"}')
    assert rows == {(1, 2): first}
    rows = {}
    services._add(rows, a, b, 0.5, 0.75, 0.25, frozenset())
    services._add(rows, a, b, 0.5, 0.5, 0.5, frozenset())  # as good: the first stays
    services._add(rows, a, b, 0.4999999, 0.5, 0.5, frozenset())
    assert rows[(1, 2)][2:5] == (0.5, 0.75, 0.25)
    services._add(rows, a, b, 0.5000001, 0.5, 0.125, frozenset())
    assert rows[(1, 2)][2:5] == (0.5, 0.5, 0.125)
    services._add(rows, b, a, 0.7, 0.5, 0.25, frozenset())
    assert rows[(2, 1)] == (2, 1, 0.7, 0.5, 0.25, '{"concepts":[],"sectors":["film"]}')
    assert len(rows) == 2


def test_recomputing_every_listing_goes_in_batches_and_adds_up_the_pairs(clock):
    a = made("zorblat quintex", kind="request")
    b = made("zorblat quintex")
    c = made("zorblat quintex")
    archived = made("zorblat quintex", status=Status.ARCHIVED)
    MatchVector.objects.create(listing=archived, segment=OFFERS, terms=t("zorblat"))
    assert services.matches_recompute_all() == 2
    assert not MatchVector.objects.filter(listing=archived).exists()
    # Batches of one: a's two pairs, then b's and c's again, one each.
    assert services.matches_recompute_all(batch=1) == 4
    assert services.matches_recompute_all(batch=2) == 3  # [a, b] then [c, archived]
    assert services.matches_recompute_all(batch=3) == 2  # [a, b, c] then [archived]
    assert pairs() == both(a, b) | both(a, c)


# --- the sides compared --------------------------------------------------------------------------


def full_listing(**fields):
    organisation = OrganisationFactory(country="UZ")
    PartnerProfileFactory(organisation=organisation, kind="designer", size="1-9")
    values = {
        "organisation": organisation,
        "sectors": ["crafts", "design"],
        "countries_sought": ["RU", "KZ"],
        "partner_kinds": ["studio", "brand"],
        "partner_sizes": ["10-49"],
        "stage": "production",
        "budget_min": Decimal("1500.50"),
        "budget_max": Decimal(90000),
        "currency": "UZS",
        **fields,
    }
    return made("zorblat quintex", **values)


def test_a_listing_becomes_the_side_scoring_compares(clock):
    listing = full_listing()
    side = services.side_of(listing, {"s:zorblat": 3.0}, 7.5)
    assert side == Side(
        id=listing.pk,
        organisation_id=listing.organisation_id,
        country="UZ",
        org_kind="designer",
        org_size="1-9",
        sectors=frozenset({"crafts", "design"}),
        countries_sought=frozenset({"RU", "KZ"}),
        partner_kinds=frozenset({"studio", "brand"}),
        partner_sizes=frozenset({"10-49"}),
        stage="production",
        budget=(1500.5, 90000.0),
        currency="UZS",
        terms={"s:zorblat": 3.0},
        norm=7.5,
    )
    assert services.side_of(listing, {}).norm == 0.0


def test_a_listing_of_an_organisation_without_a_profile_states_nothing_of_it(clock):
    listing = made("zorblat")
    listing.sectors = None
    side = services.side_of(listing, {})
    assert (side.org_kind, side.org_size, side.sectors, side.budget) == ("", "", frozenset(), None)
    assert (side.countries_sought, side.partner_kinds, side.partner_sizes) == (frozenset(),) * 3


@pytest.mark.parametrize(
    ("low", "high", "budget"),
    [
        (None, None, None),
        (Decimal(0), None, (0.0, 1e18)),
        (Decimal(250), None, (250.0, 1e18)),
        (None, Decimal(0), (0.0, 0.0)),
        (None, Decimal(800), (0.0, 800.0)),
        (Decimal(250), Decimal(800), (250.0, 800.0)),
    ],
)
def test_a_budget_open_at_one_end_runs_from_nothing_or_to_no_limit(clock, low, high, budget):
    listing = full_listing(budget_min=low, budget_max=high)
    assert services.side_of(listing, {}).budget == budget
    recompute(listing)
    listing = Listing.objects.get(pk=listing.pk)
    read = services._counterparts({listing.pk})[listing.pk]
    assert read.budget == budget
    assert read == services.side_of(listing, vector(listing).terms, vector(listing).norm)


@pytest.mark.parametrize("profile", [True, False])
def test_a_counterpart_read_as_plain_rows_is_the_side_its_listing_gives(clock, profile):
    listing = full_listing() if profile else made("zorblat quintex", sectors=[])
    other = made("zorblat quintex", kind="request")
    recompute(listing, other)
    listing = Listing.objects.get(pk=listing.pk)
    read = services._counterparts({listing.pk, other.pk})
    assert read == {
        listing.pk: services.side_of(listing, vector(listing).terms, vector(listing).norm),
        other.pk: services.side_of(other, vector(other).terms, vector(other).norm),
    }
    assert read[listing.pk].norm > 0
    assert read[listing.pk].org_kind == ("designer" if profile else "")


# --- the candidates looked for -------------------------------------------------------------------


def test_a_segment_weighs_a_term_by_how_few_of_its_listings_have_it():
    segment = services._Segment("co-production:offer", 40, {"s:a": 3, "s:b": 39})
    assert (segment.name, segment.size) == ("co-production:offer", 40)
    assert segment.default == idf(0, 40)
    assert segment.idfs(["s:a", "s:b", "s:c"]) == {
        "s:a": idf(3, 40),
        "s:b": idf(39, 40),
        "s:c": idf(0, 40),
    }
    segment.df["s:a"] = 39  # asked once, remembered for the batch
    assert segment.idf("s:a") == idf(3, 40)
    assert segment.cache == {"s:a": idf(3, 40), "s:b": idf(39, 40), "s:c": idf(0, 40)}


@pytest.mark.parametrize(
    ("size", "common"),
    [(1, 100), (5_000, 100), (5_049, 100), (5_050, 101), (10_000, 200)],
)
def test_a_term_in_more_than_the_common_share_of_a_segment_finds_no_candidates(size, common):
    df = {"s:rare": 1, "s:edge": common, "s:over": common + 1, "s:absent": 0}
    segment = services._Segment("x", size, df)
    terms = {"s:over": 3.0, "s:absent": 3.0, "s:edge": 3.0, "s:rare": 3.0, "s:unknown": 3.0}
    assert services._query_terms(terms, segment) == ["s:rare", "s:edge"]


def test_the_sixteen_heaviest_rarest_terms_look_for_candidates():
    # Weight alone or rarity alone would order them otherwise.
    segment = services._Segment("x", 1_000, {"s:heavy": 60, "s:rare": 1, "s:both": 2})
    terms = {"s:heavy": 4.0, "s:rare": 0.5, "s:both": 3.0}
    weighed = {term: terms[term] * segment.idf(term) for term in terms}
    assert weighed["s:both"] > weighed["s:heavy"] > weighed["s:rare"]
    assert services._query_terms(terms, segment) == ["s:both", "s:heavy", "s:rare"]
    many = {f"s:w{n:02}": float(n + 1) for n in range(17)}
    segment = services._Segment("x", 1_000, dict.fromkeys(many, 5))
    assert services._query_terms(many, segment) == [f"s:w{n:02}" for n in range(16, 0, -1)]


def test_the_thirty_counterparts_sharing_the_most_weight_are_the_candidates(clock):
    """Counterpart i (1–31) has the terms of the binary digits of i, weighing 1, 2, 4, 8, 16:
    it shares i times the same rarity with the request."""
    request = made("zorblat", kind="request")
    organisation = OrganisationFactory()
    offers = Listing.objects.bulk_create(
        [ListingFactory.build(organisation=organisation) for _ in range(31)]
    )
    offers.reverse()  # made in another order than they rank
    bits = [f"s:bit{k}" for k in range(5)]
    MatchPosting.objects.bulk_create(
        MatchPosting(segment=OFFERS, term=bits[k], listing=offer)
        for i, offer in zip(range(31, 0, -1), offers, strict=True)
        for k in range(5)
        if i >> k & 1
    )
    segments = {OFFERS: services._Segment(OFFERS, 31, dict.fromkeys(bits, 16))}
    vectors = {request.pk: {bit: float(2**k) for k, bit in enumerate(bits)}}
    found = services._candidates([request], vectors, segments)
    assert found == {request.pk: [offer.pk for offer in offers[:30]]}


def test_batches_are_cut_in_five_hundreds():
    assert [len(chunk) for chunk in services._chunks(list(range(1_001)))] == [500, 500, 1]
    assert [len(chunk) for chunk in services._chunks(list(range(500)))] == [500]
    assert list(services._chunks([])) == []
    assert list(services._chunks([1, 2, 3], 2)) == [[1, 2], [3]]


# --- "not interested" ----------------------------------------------------------------------------


@pytest.fixture
def matched_trio(clock):
    request = made("zorblat quintex", kind="request")
    offer = made("zorblat quintex")
    other = made("zorblat quintex")
    recompute(request, offer, other)
    return request, offer, other


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OWNER])
def test_not_interested_stores_the_pair_once_removes_it_both_ways_and_logs_it(matched_trio, role):
    request, offer, other = matched_trio
    person = member_of(offer.organisation, role)
    dismissal = services.match_dismiss(actor=person, listing=offer, counterpart=request)
    assert (dismissal.low_id, dismissal.high_id) == (request.pk, offer.pk)
    assert dismissal.organisation == offer.organisation
    assert dismissal.created_at == NOW
    assert list(Dismissal.objects.all()) == [dismissal]
    assert pairs() == both(request, other)
    assert trail(offer) == [("listing.match_dismiss", person, {"counterpart": request.pk})]
    assert trail(request) == []


def test_the_other_side_saying_not_interested_too_keeps_the_first_dismissal(matched_trio):
    request, offer, _other = matched_trio
    first = services.match_dismiss(
        actor=member_of(offer.organisation), listing=offer, counterpart=request
    )
    person = member_of(request.organisation)
    again = services.match_dismiss(actor=person, listing=request, counterpart=offer)
    assert again == first
    assert again.organisation == offer.organisation
    assert Dismissal.objects.count() == 1
    assert trail(request) == [("listing.match_dismiss", person, {"counterpart": offer.pk})]


@pytest.mark.parametrize("who", ["anonymous", "outsider", "counterpart's member", "staff"])
def test_only_the_listings_own_people_may_dismiss_a_match(matched_trio, who, moderator):
    request, offer, _other = matched_trio
    actor = {
        "anonymous": AnonymousUser(),
        "outsider": member_of(OrganisationFactory()),
        "counterpart's member": member_of(request.organisation, Role.OWNER),
        "staff": moderator,
    }[who]
    before = pairs()
    with pytest.raises(PermissionDenied):
        services.match_dismiss(actor=actor, listing=offer, counterpart=request)
    assert Dismissal.objects.count() == 0
    assert pairs() == before
    assert AuditEntry.objects.filter(action="listing.match_dismiss").count() == 0


def test_a_batch_costs_the_same_queries_whatever_its_number_of_listings(
    clock, django_assert_max_num_queries
):
    """Compared with itself, not with a fixed number: the count depends on the database
    (savepoints, the statistics refresh) but never on the batch's size."""
    small = [made("zorblat quintex", kind="request"), made("zorblat quintex")]
    large = [made(f"gravlon mippet{n}", kind=("request", "offer")[n % 2]) for n in range(8)]
    recompute(*small)
    recompute(*large)
    with CaptureQueriesContext(connection) as small_run:
        recompute(*small)
    with django_assert_max_num_queries(len(small_run.captured_queries)):
        recompute(*large)

"""The clock's partnering e-mails, to the exact value a person sees: which matches the weekly
digest names (both listings live, not reported before), in what order and how many, both edges
of the week between two digests, the Digest row and its audit row; which listings a saved
search's alert names (published after what it last reported, live, newest first, at most ten)
and what it remembers; the tick's summary; and saving and deleting a search (what is kept of
the words and filters, the limit, who may delete). Written for the mutation score of issue 18."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, recorded_notifications, trail
from bridge.partnering import notifications
from bridge.partnering.models import Digest, Match, SavedSearch
from bridge.partnering.selectors import listings as listing_selectors
from bridge.partnering.services import alerts as services
from bridge.partnering.tests.factories import ListingFactory, member_of
from bridge.partnering.vocabulary import Status

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

TICK = timedelta(microseconds=1)
WEEK = timedelta(days=7)
SIGN_IN = "Sign in to save a search."
TOO_MANY = "You can keep at most 20 saved searches; delete one first."


@pytest.fixture
def sent(monkeypatch):
    return recorded_notifications(monkeypatch, notifications)


def match(listing, counterpart, score=0.5, **extra):
    return Match.objects.create(
        listing=listing,
        counterpart=counterpart,
        score=score,
        forward=score,
        backward=score,
        **extra,
    )


def item(m) -> dict:
    return {
        "title": m.listing.title,
        "counterpart": m.counterpart.title,
        "url": f"/partnering/{m.counterpart.pk}/",
    }


def notified_at(*matches) -> list:
    return [Match.objects.get(pk=m.pk).notified_at for m in matches]


@pytest.fixture
def ours(ru_org, ru_owner):
    return ListingFactory(organisation=ru_org, kind="request", title="Сериал о Насреддине")


@pytest.fixture
def theirs(uz_org):
    return ListingFactory(organisation=uz_org, title="Afandi haqida serial")


# --- the weekly digest -------------------------------------------------------------------------


def test_the_digest_names_the_new_matches_best_first_and_marks_them_reported(
    clock, ru_org, ru_owner, ours, uz_org, sent, run_on_commit
):
    low = match(ours, ListingFactory(organisation=uz_org, title="Low"), score=0.2)
    high = match(ours, ListingFactory(organisation=uz_org, title="High"), score=0.9)
    middle = match(ours, ListingFactory(organisation=uz_org, title="Middle"), score=0.5)
    with run_on_commit():
        assert services.digests_send() == 1
    digest = Digest.objects.get()
    assert (digest.organisation, digest.sent_at, digest.matches) == (ru_org, NOW, 3)
    assert notified_at(low, high, middle) == [NOW, NOW, NOW]
    assert trail(digest) == [("partnering.digest", None, {"matches": 3})]
    assert sent == [
        (
            ru_owner,
            "partnering/email/digest",
            {
                "count": 3,
                "items": [item(high), item(middle), item(low)],
                "name": ru_owner.display_name,
            },
            "ru",
        )
    ]


def test_each_organisation_with_new_matches_gets_its_own_digest(
    clock, ru_org, ru_owner, ours, uz_org, uz_owner, theirs, sent, run_on_commit
):
    first, second = match(ours, theirs, 0.7), match(theirs, ours, 0.7)
    with run_on_commit():
        assert services.digests_send(now=NOW + timedelta(hours=2)) == 2
    later = NOW + timedelta(hours=2)
    assert sorted(Digest.objects.values_list("organisation", "sent_at", "matches")) == sorted(
        [(ru_org.pk, later, 1), (uz_org.pk, later, 1)]
    )
    assert notified_at(first, second) == [later, later]
    assert sorted((to.pk, context["items"]) for to, _, context, _ in sent) == sorted(
        [(ru_owner.pk, [item(first)]), (uz_owner.pk, [item(second)])]
    )


def test_the_digest_lists_ten_matches_but_counts_and_marks_them_all(
    clock, ru_org, ours, uz_org, sent, run_on_commit
):
    made = [
        match(ours, ListingFactory(organisation=uz_org, title=f"Offer {n}"), score=n / 100)
        for n in range(11)
    ]
    with run_on_commit():
        assert services.digests_send() == 1
    [(_, _, context, _)] = sent
    assert context["count"] == 11
    assert context["items"] == [item(m) for m in reversed(made[1:])]
    assert Digest.objects.get().matches == 11
    assert notified_at(*made) == [NOW] * 11


@pytest.mark.parametrize("which", ["reported", "listing-archived", "counterpart-pending"])
def test_matches_already_reported_or_with_a_listing_not_live_are_left_out(
    clock, ru_org, ours, uz_org, sent, run_on_commit, which
):
    kept = match(ours, ListingFactory(organisation=uz_org, title="Kept"), score=0.1)
    if which == "reported":
        other = match(
            ours, ListingFactory(organisation=uz_org), score=0.9, notified_at=NOW - WEEK * 3
        )
        before = NOW - WEEK * 3
    elif which == "listing-archived":
        archived = ListingFactory(organisation=ru_org, status=Status.ARCHIVED)
        other = match(archived, ListingFactory(organisation=uz_org), score=0.9)
        before = None
    else:
        other = match(ours, ListingFactory(organisation=uz_org, status=Status.PENDING), 0.9)
        before = None
    with run_on_commit():
        assert services.digests_send() == 1
    [(_, _, context, _)] = sent
    assert (context["count"], context["items"]) == (1, [item(kept)])
    assert notified_at(kept, other) == [NOW, before]


def test_nothing_new_sends_nothing(clock, ours, theirs, sent, run_on_commit):
    reported = match(ours, theirs, notified_at=NOW - WEEK)
    with run_on_commit():
        assert services.digests_send() == 0
    assert sent == [] and not Digest.objects.exists() and not AuditEntry.objects.exists()
    assert notified_at(reported) == [NOW - WEEK]


def test_an_organisation_whose_only_matches_are_not_live_gets_nothing(
    clock, ru_org, uz_org, sent, run_on_commit
):
    draft = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    pending = match(draft, ListingFactory(organisation=uz_org))
    with run_on_commit():
        assert services.digests_send() == 0
    assert sent == [] and not Digest.objects.exists()
    assert notified_at(pending) == [None]


@pytest.mark.parametrize(
    ("last", "expected"),
    [(WEEK - TICK, 0), (WEEK, 1), (WEEK + timedelta(days=1), 1)],
    ids=["a-tick-inside-the-week", "a-week-ago", "longer-ago"],
)
def test_an_organisation_hears_at_most_once_a_week(
    clock, ru_org, ours, theirs, sent, run_on_commit, last, expected
):
    Digest.objects.create(organisation=ru_org, sent_at=NOW - last, matches=4)
    pending = match(ours, theirs)
    with run_on_commit():
        assert services.digests_send() == expected
    assert len(sent) == expected
    assert Digest.objects.count() == 1 + expected
    assert notified_at(pending) == [NOW if expected else None]


def test_another_organisation_s_recent_digest_does_not_hold_this_one_back(
    clock, ru_org, ours, theirs, uz_org, sent, run_on_commit
):
    Digest.objects.create(organisation=uz_org, sent_at=NOW - timedelta(days=1), matches=1)
    pending = match(ours, theirs)
    with run_on_commit():
        assert services.digests_send() == 1
    assert [d.organisation for d in Digest.objects.filter(sent_at=NOW)] == [ru_org]
    assert notified_at(pending) == [NOW]


# --- saved-search alerts -----------------------------------------------------------------------


@pytest.fixture
def found(monkeypatch):
    """browse_ids answers with `found["ids"]` and records what it was asked."""
    state = {"ids": [], "asked": []}

    def browse_ids(**asked):
        state["asked"].append(asked)
        return list(state["ids"])

    monkeypatch.setattr(listing_selectors, "browse_ids", browse_ids)
    return state


def saved_by(user, *, q="suzani", filters=None, seen_until=NOW - timedelta(days=1)):
    return SavedSearch.objects.create(
        user=user, q=q, filters=filters or {"sector": ["crafts"]}, seen_until=seen_until
    )


def published(when, title="Bukhara suzani workshop", **extra):
    return ListingFactory(title=title, published_at=when, **extra)


def test_an_alert_names_the_new_listings_newest_first_and_remembers_the_newest(
    clock, ru_owner, found, sent, run_on_commit
):
    saved = saved_by(ru_owner, q="suzani", filters={"sector": ["crafts"]})
    older = published(NOW - timedelta(hours=5), title="Older")
    newest = published(NOW - timedelta(hours=1), title="Newest")
    middle = published(NOW - timedelta(hours=3), title="Middle")
    found["ids"] = [older.pk, newest.pk, middle.pk]
    clock["now"] = NOW + timedelta(minutes=10)
    with run_on_commit():
        assert services.alerts_send() == 1
    assert found["asked"] == [
        {"q": "suzani", "filters": {"sector": ["crafts"]}, "sort": "-created", "limit": 50}
    ]
    saved.refresh_from_db()
    assert saved.seen_until == NOW - timedelta(hours=1)
    assert saved.last_alert_at == NOW + timedelta(minutes=10)
    assert sent == [
        (
            ru_owner,
            "partnering/email/saved_search",
            {
                "q": "suzani",
                "items": [
                    {"title": x.title, "url": f"/partnering/{x.pk}/"}
                    for x in (newest, middle, older)
                ],
                "name": ru_owner.display_name,
            },
            "ru",
        )
    ]


@pytest.mark.parametrize(("offset", "named"), [(timedelta(0), False), (TICK, True)])
def test_an_alert_names_only_what_was_published_after_what_it_reported(
    clock, ru_owner, found, sent, run_on_commit, offset, named
):
    seen = NOW - timedelta(days=1)
    saved = saved_by(ru_owner, seen_until=seen)
    edge = published(seen + offset)
    found["ids"] = [edge.pk]
    with run_on_commit():
        assert services.alerts_send() == int(named)
    assert len(sent) == int(named)
    saved.refresh_from_db()
    assert (saved.seen_until, saved.last_alert_at) == (
        (seen + offset, NOW) if named else (seen, None)
    )


@pytest.mark.parametrize(("offset", "named"), [(timedelta(0), False), (TICK, True)])
def test_a_search_that_never_reported_counts_from_when_it_was_saved(
    clock, ru_owner, found, sent, run_on_commit, offset, named
):
    saved = saved_by(ru_owner, seen_until=None)
    assert saved.created_at == NOW
    edge = published(NOW + offset)
    found["ids"] = [edge.pk]
    clock["now"] = NOW + timedelta(hours=1)
    with run_on_commit():
        assert services.alerts_send() == int(named)
    saved.refresh_from_db()
    assert saved.seen_until == (NOW + offset if named else None)


@pytest.mark.parametrize("status", [Status.PENDING, Status.ARCHIVED, Status.DRAFT])
def test_a_listing_no_longer_live_is_not_named(clock, ru_owner, found, sent, run_on_commit, status):
    saved = saved_by(ru_owner)
    live = published(NOW - timedelta(hours=2), title="Live")
    gone = published(NOW - timedelta(hours=1), title="Gone", status=status)
    found["ids"] = [gone.pk, live.pk]
    with run_on_commit():
        assert services.alerts_send() == 1
    [(_, _, context, _)] = sent
    assert [x["title"] for x in context["items"]] == ["Live"]
    saved.refresh_from_db()
    assert saved.seen_until == NOW - timedelta(hours=2)


def test_a_listing_the_search_does_not_find_is_not_named(
    clock, ru_owner, found, sent, run_on_commit
):
    saved_by(ru_owner)
    found_one = published(NOW - timedelta(hours=2), title="Found")
    published(NOW - timedelta(hours=1), title="Not found")
    found["ids"] = [found_one.pk]
    with run_on_commit():
        services.alerts_send()
    [(_, _, context, _)] = sent
    assert [x["title"] for x in context["items"]] == ["Found"]


def test_an_alert_names_at_most_the_ten_newest(clock, ru_owner, found, sent, run_on_commit):
    saved = saved_by(ru_owner)
    made = [published(NOW - timedelta(hours=20 - n), title=f"L{n}") for n in range(11)]
    found["ids"] = [x.pk for x in made]
    with run_on_commit():
        assert services.alerts_send() == 1
    [(_, _, context, _)] = sent
    assert [x["title"] for x in context["items"]] == [f"L{n}" for n in range(10, 0, -1)]
    saved.refresh_from_db()
    assert saved.seen_until == NOW - timedelta(hours=10)


def test_nothing_new_sends_nothing_and_changes_nothing(clock, ru_owner, found, sent, run_on_commit):
    saved = saved_by(ru_owner, seen_until=NOW - timedelta(hours=1))
    found["ids"] = [published(NOW - timedelta(hours=2)).pk]
    with run_on_commit():
        assert services.alerts_send() == 0
    saved.refresh_from_db()
    assert (saved.seen_until, saved.last_alert_at) == (NOW - timedelta(hours=1), None)
    assert sent == []


def test_each_search_is_alerted_on_its_own_and_inactive_people_are_skipped(
    clock, ru_owner, uz_owner, found, sent, run_on_commit
):
    gone = member_of(ru_owner.memberships.first().organisation, is_active=False)
    mine = saved_by(ru_owner, q="suzani")
    theirs = saved_by(uz_owner, q="afandi")
    skipped = saved_by(gone, q="ikat")
    found["ids"] = [published(NOW - timedelta(hours=2)).pk]
    with run_on_commit():
        assert services.alerts_send(now=NOW + timedelta(hours=3)) == 2
    assert sorted((to.pk, context["q"]) for to, _, context, _ in sent) == sorted(
        [(ru_owner.pk, "suzani"), (uz_owner.pk, "afandi")]
    )
    for saved, last in ((mine, NOW + timedelta(hours=3)), (theirs, NOW + timedelta(hours=3))):
        saved.refresh_from_db()
        assert saved.last_alert_at == last
    skipped.refresh_from_db()
    assert (skipped.last_alert_at, skipped.seen_until) == (None, NOW - timedelta(days=1))
    assert {a["q"] for a in found["asked"]} == {"suzani", "afandi"}


def test_an_alert_through_the_real_search_finds_the_words(clock, ru_owner, sent, run_on_commit):
    saved_by(ru_owner, q="suzani", filters={"sector": ["crafts"]})
    published(NOW - timedelta(hours=1), title="Bukhara suzani workshop", sectors=["crafts"])
    published(NOW - timedelta(hours=1), title="Suzani game art", sectors=["games"])
    with run_on_commit():
        assert services.alerts_send() == 1
    [(_, _, context, _)] = sent
    assert [x["title"] for x in context["items"]] == ["Bukhara suzani workshop"]


# --- the tick ----------------------------------------------------------------------------------


def test_the_tick_sums_up_each_part_under_its_name_at_one_moment(clock, monkeypatch):
    asked = []

    def part(name, result):
        def run(*, now=None):
            asked.append((name, now))
            return result

        return run

    monkeypatch.setattr(services, "listings_tick", part("listings", {"archived": 2, "reminded": 1}))
    monkeypatch.setattr(services, "interests_tick", part("interests", {"expired": 3}))
    monkeypatch.setattr(services, "digests_send", part("digests", 4))
    monkeypatch.setattr(services, "alerts_send", part("alerts", 5))
    assert services.partnering_tick() == {
        "listings_archived": 2,
        "listings_reminded": 1,
        "interests_expired": 3,
        "digests": 4,
        "alerts": 5,
    }
    assert asked == [("listings", NOW), ("interests", NOW), ("digests", NOW), ("alerts", NOW)]
    later = NOW + timedelta(days=2)
    services.partnering_tick(now=later)
    assert {now for _, now in asked[4:]} == {later}


# --- saving and deleting a search --------------------------------------------------------------


def test_saving_a_search_keeps_it_from_now_on_and_is_audited(clock, ru_owner):
    saved = services.saved_search_create(actor=ru_owner, q="  suzani  ", filters={"sector": ["a"]})
    saved.refresh_from_db()
    assert (saved.user, saved.q, saved.filters) == (ru_owner, "suzani", {"sector": ["a"]})
    assert (saved.seen_until, saved.created_at, saved.last_alert_at) == (NOW, NOW, None)
    assert trail(saved) == [("saved_search.create", ru_owner, {})]


def test_the_words_lose_null_characters_and_are_cut_after_stripping(clock, ru_owner):
    words = " " + "я" * 199 + "\x00" + "ю" + "z" + " "
    saved = services.saved_search_create(actor=ru_owner, q=words, filters={})
    assert SavedSearch.objects.get(pk=saved.pk).q == "я" * 199 + "ю"


def test_no_words_and_no_filters_save_an_empty_search(clock, ru_owner):
    saved = services.saved_search_create(actor=ru_owner, q=None, filters=None)
    saved.refresh_from_db()
    assert (saved.q, saved.filters) == ("", {})


def test_each_known_filter_given_as_a_list_is_kept_cut_to_size(clock, ru_owner):
    filters = {
        "kind": ["offer"],
        "type": ("co-production",),
        "sector": ["crafts", "games"],
        "country": ["UZ"],
        "language": [7, "x" * 101],
        "heritage": [f"c{n}" for n in range(21)],
        "stage": ["y" * 100],
    }
    saved = services.saved_search_create(actor=ru_owner, q="", filters=filters)
    saved.refresh_from_db()
    assert saved.filters == {
        "kind": ["offer"],
        "type": ["co-production"],
        "sector": ["crafts", "games"],
        "country": ["UZ"],
        "language": ["7", "x" * 100],
        "heritage": [f"c{n}" for n in range(20)],
        "stage": ["y" * 100],
    }


def test_unknown_empty_or_single_value_filters_are_dropped(clock, ru_owner):
    filters = {"kind": [], "sector": "crafts", "country": None, "colour": ["teal"], "stage": ["a"]}
    saved = services.saved_search_create(actor=ru_owner, q="", filters=filters)
    saved.refresh_from_db()
    assert saved.filters == {"stage": ["a"]}


def test_saving_the_same_search_again_returns_the_one_kept(clock, ru_owner):
    first = services.saved_search_create(actor=ru_owner, q="ikat", filters={"kind": ["offer"]})
    clock["now"] = NOW + timedelta(days=1)
    again = services.saved_search_create(
        actor=ru_owner, q=" ikat ", filters={"kind": ["offer"], "sector": []}
    )
    assert again == first and SavedSearch.objects.count() == 1
    assert again.seen_until == NOW
    assert trail(first) == [("saved_search.create", ru_owner, {})]


def test_the_same_search_of_another_person_is_theirs(clock, ru_owner, uz_owner):
    theirs = services.saved_search_create(actor=uz_owner, q="ikat", filters={})
    mine = services.saved_search_create(actor=ru_owner, q="ikat", filters={})
    assert mine != theirs and mine.user == ru_owner


def test_a_different_search_is_saved_beside_the_first(clock, ru_owner):
    first = services.saved_search_create(actor=ru_owner, q="ikat", filters={"kind": ["offer"]})
    other = services.saved_search_create(actor=ru_owner, q="ikat", filters={"kind": ["request"]})
    assert other != first and SavedSearch.objects.filter(user=ru_owner).count() == 2


def test_a_person_keeps_twenty_searches_at_most(clock, ru_owner, uz_owner):
    for n in range(19):
        saved_by(ru_owner, q=f"w{n}")
    saved_by(uz_owner, q="not mine")
    twentieth = services.saved_search_create(actor=ru_owner, q="w19", filters={})
    assert twentieth.q == "w19"
    with pytest.raises(ValidationError) as caught:
        services.saved_search_create(actor=ru_owner, q="one more", filters={})
    assert caught.value.messages == [TOO_MANY]
    assert SavedSearch.objects.filter(user=ru_owner).count() == 20
    assert not SavedSearch.objects.filter(q="one more").exists()
    assert [e.action for e in AuditEntry.objects.all()] == ["saved_search.create"]


def test_saving_a_search_already_kept_is_not_refused_at_the_limit(clock, ru_owner):
    for n in range(19):
        saved_by(ru_owner, q=f"w{n}")
    kept = saved_by(ru_owner, q="ikat", filters={"kind": ["offer"]})
    again = services.saved_search_create(actor=ru_owner, q="ikat", filters={"kind": ["offer"]})
    assert again == kept and SavedSearch.objects.filter(user=ru_owner).count() == 20


def test_only_someone_signed_in_saves_a_search(clock):
    with pytest.raises(ValidationError) as caught:
        services.saved_search_create(actor=AnonymousUser(), q="ikat", filters={})
    assert caught.value.messages == [SIGN_IN]
    with pytest.raises(ValidationError):
        services.saved_search_create(actor=None, q="ikat", filters={})
    assert not SavedSearch.objects.exists() and not AuditEntry.objects.exists()


def test_the_owner_deletes_a_search_and_it_is_audited(clock, ru_owner):
    saved = saved_by(ru_owner, q="ikat")
    kept = saved_by(ru_owner, q="suzani")
    pk = saved.pk
    assert services.saved_search_delete(actor=ru_owner, saved=saved) is None
    assert list(SavedSearch.objects.all()) == [kept]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_id, entry.target_repr, entry.data) == (
        "saved_search.delete",
        ru_owner,
        str(pk),
        "ikat",
        {},
    )


@pytest.mark.parametrize("who", ["someone-else", "anonymous"])
def test_only_the_owner_deletes_a_search(clock, ru_owner, uz_owner, who):
    saved = saved_by(ru_owner)
    actor = uz_owner if who == "someone-else" else AnonymousUser()
    with pytest.raises(PermissionDenied):
        services.saved_search_delete(actor=actor, saved=saved)
    assert SavedSearch.objects.filter(pk=saved.pk).exists() and not AuditEntry.objects.exists()

"""Expression-of-interest services, to the exact value a person sees: which field an error is
shown at and what it says, the limits on both sides of the edge, the dates and people each answer
records, the audit rows, and who is told what (the notification's context is what the e-mail and
the centre's line are rendered from). Written for the mutation score of issue 18."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry, Notification
from bridge.core.tests.exact_support import trail
from bridge.partnering.models import Interest, InterestMessage
from bridge.partnering.models.interest import ANSWER_MAX
from bridge.partnering.services import interest as services
from bridge.partnering.tests.factories import InterestFactory, ListingFactory, member_of
from bridge.partnering.vocabulary import InterestStatus

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
TEXTS = {
    "message": "We would like to talk.",
    "brings": "Twelve animators.",
    "expects": "Co-financing.",
    "timing": "From March.",
}
REQUIRED = "This field is required."


@pytest.fixture
def listing(ru_org, ru_owner):
    return ListingFactory(organisation=ru_org, author=ru_owner, kind="request", title="Afandi")


@pytest.fixture
def sent(listing, uz_org, uz_owner):
    return send(uz_owner, listing, uz_org)


def send(actor, listing, organisation, **extra):
    return services.interest_send(
        actor=actor, listing=listing, organisation=organisation, **{**TEXTS, **extra}
    )


def told(template) -> list[tuple]:
    """(recipient, context) of each notification of the template, in the order sent."""
    return [
        (n.recipient, n.context)
        for n in Notification.objects.filter(template=template).order_by("id")
    ]


def url(interest) -> str:
    return f"/partnering/interests/{interest.pk}/"


def test_the_interest_url_is_the_one_the_notifications_carry(sent):
    assert sent.get_absolute_url() == url(sent)


# --- sending --------------------------------------------------------------------------------


def test_send_stores_the_cleaned_answers_the_sender_audits_and_tells_the_owner_side(
    listing, ru_org, uz_org, uz_owner, ru_owner, run_on_commit
):
    ru_admin = member_of(ru_org, Role.ADMIN)
    member_of(ru_org, Role.MEMBER)
    with run_on_commit():
        interest = send(
            uz_owner,
            listing,
            uz_org,
            message="  Salom\x00!  ",
            brings="a" * ANSWER_MAX,
            timing="\nMarch\n",
        )
    interest.refresh_from_db()
    assert (interest.listing, interest.organisation, interest.sender) == (
        listing,
        uz_org,
        uz_owner,
    )
    assert (interest.message, interest.brings, interest.expects, interest.timing) == (
        "Salom!",
        "a" * ANSWER_MAX,
        "Co-financing.",
        "March",
    )
    assert interest.status == InterestStatus.SENT and interest.anonymous is False
    assert (interest.answered_at, interest.answered_by, interest.reminded_at) == (None, None, None)
    assert trail(interest) == [("interest.send", uz_owner, {"listing": listing.pk})]
    context = {"title": "Afandi", "url": url(interest)}
    assert told("partnering/email/interest_received") == [
        (ru_owner, {**context, "name": ru_owner.display_name}),
        (ru_admin, {**context, "name": ru_admin.display_name}),
    ]
    assert Notification.objects.count() == 2


@pytest.mark.parametrize(("given", "stored"), [(True, True), (1, True), ("", False), (0, False)])
def test_anonymous_is_stored_as_a_boolean(listing, uz_org, uz_owner, given, stored):
    interest = send(uz_owner, listing, uz_org, anonymous=given)
    interest.refresh_from_db()
    assert interest.anonymous is stored


def test_every_missing_answer_is_refused_at_its_own_field(listing, uz_org, uz_owner):
    with pytest.raises(ValidationError) as refused:
        services.interest_send(
            actor=uz_owner,
            listing=listing,
            organisation=uz_org,
            message=None,
            brings=" \x00 ",
            expects="ok",
        )
    assert refused.value.message_dict == {
        "message": [REQUIRED],
        "brings": [REQUIRED],
        "timing": [REQUIRED],
    }
    assert not Interest.objects.exists()


def test_an_answer_one_character_over_the_limit_is_refused_with_both_counts(
    listing, uz_org, uz_owner
):
    with pytest.raises(ValidationError) as refused:
        send(uz_owner, listing, uz_org, expects="b" * (ANSWER_MAX + 1))
    assert refused.value.message_dict == {
        "expects": [f"At most {ANSWER_MAX} characters (now {ANSWER_MAX + 1})."]
    }
    assert ANSWER_MAX == 2000


def test_a_non_member_may_not_send_for_the_organisation(listing, uz_org, ru_owner):
    with pytest.raises(PermissionDenied):
        send(ru_owner, listing, uz_org)
    assert not Interest.objects.exists()


def test_no_interest_in_ones_own_listing(listing, ru_org, ru_owner):
    with pytest.raises(ValidationError) as refused:
        send(ru_owner, listing, ru_org)
    assert refused.value.code == "own"
    assert refused.value.messages == ["You cannot express interest in your own listing."]


def test_a_closed_listing_takes_no_interest(ru_org, uz_org, uz_owner):
    closed = ListingFactory(organisation=ru_org, open_for_interest=False)
    with pytest.raises(ValidationError) as refused:
        send(uz_owner, closed, uz_org)
    assert refused.value.code == "closed"
    assert refused.value.messages == ["This listing is not open for expressions of interest."]


DUPLICATE = "Your organisation has already expressed interest in this listing."


def test_a_second_interest_of_the_organisation_is_refused_as_a_duplicate(sent, listing, uz_org):
    with pytest.raises(ValidationError) as refused:
        send(member_of(uz_org), listing, uz_org)
    assert (refused.value.code, refused.value.messages) == ("duplicate", [DUPLICATE])


def test_the_database_refusal_of_a_parallel_duplicate_reads_the_same(
    listing, uz_org, uz_owner, monkeypatch
):
    def taken(**fields):
        raise IntegrityError("partnering_interest_once")

    monkeypatch.setattr(Interest.objects, "create", taken)
    with pytest.raises(ValidationError) as refused:
        send(uz_owner, listing, uz_org)
    assert (refused.value.code, refused.value.messages) == ("duplicate", [DUPLICATE])
    assert not AuditEntry.objects.exists()


def _listings(organisation, count):
    return [ListingFactory(organisation=organisation) for _ in range(count)]


def test_the_cap_counts_only_the_organisations_own_waiting_interests(
    settings, ru_org, uz_org, uz_owner
):
    settings.PARTNERING_MAX_PENDING_INTERESTS = 2
    first, second, third = _listings(ru_org, 3)
    send(uz_owner, first, uz_org)
    # Another organisation's waiting interest and an answered one of ours do not count.
    InterestFactory(listing=third, organisation=OrganisationFactory(country="KZ"))
    InterestFactory(
        listing=ListingFactory(organisation=ru_org),
        organisation=uz_org,
        status=InterestStatus.ACCEPTED,
    )
    assert send(uz_owner, second, uz_org).status == InterestStatus.SENT
    with pytest.raises(ValidationError) as refused:
        send(uz_owner, third, uz_org)
    assert refused.value.code == "too_many"
    assert refused.value.messages == [
        "Your organisation has 2 expressions of interest waiting for an answer, the most "
        "allowed. Wait for answers before sending more."
    ]


def test_without_the_setting_ten_may_wait(settings, ru_org, uz_org, uz_owner):
    del settings.PARTNERING_MAX_PENDING_INTERESTS
    assert services.max_pending() == 10
    for listing in _listings(ru_org, 9):
        InterestFactory(listing=listing, organisation=uz_org)
    tenth, eleventh = _listings(ru_org, 2)
    send(uz_owner, tenth, uz_org)
    with pytest.raises(ValidationError, match="has 10 expressions"):
        send(uz_owner, eleventh, uz_org)


# --- answering ------------------------------------------------------------------------------


def test_accept_records_who_and_when_audits_and_tells_the_sender_side(
    sent, uz_org, uz_owner, ru_owner, run_on_commit, monkeypatch
):
    monkeypatch.setattr(services.timezone, "now", lambda: NOW)
    uz_member = member_of(uz_org)
    uz_admin = member_of(uz_org, Role.ADMIN)
    Interest.objects.filter(pk=sent.pk).update(sender=uz_member)
    with run_on_commit():
        interest = services.interest_accept(actor=ru_owner, interest=Interest(pk=sent.pk))
    assert interest.status == InterestStatus.ACCEPTED
    interest.refresh_from_db()
    assert (interest.status, interest.answered_at, interest.answered_by) == (
        InterestStatus.ACCEPTED,
        NOW,
        ru_owner,
    )
    assert trail(interest) == [
        ("interest.send", uz_owner, {"listing": sent.listing_id}),
        ("interest.accept", ru_owner, {}),
    ]
    context = {"title": "Afandi", "url": url(interest)}
    assert told("partnering/email/interest_accepted") == [
        (person, {**context, "name": person.display_name})
        for person in (uz_member, uz_owner, uz_admin)
    ]


def test_an_inactive_or_deleted_sender_is_not_told_but_the_organisation_is(
    sent, uz_owner, ru_owner, run_on_commit
):
    sender = member_of(sent.organisation, is_active=False)
    Interest.objects.filter(pk=sent.pk).update(sender=sender)
    with run_on_commit():
        services.interest_accept(actor=ru_owner, interest=sent)
    assert [person for person, _ in told("partnering/email/interest_accepted")] == [uz_owner]
    other = InterestFactory(listing=ListingFactory(organisation=sent.listing.organisation))
    Interest.objects.filter(pk=other.pk).update(sender=None)
    owner = member_of(other.organisation, Role.OWNER)
    with run_on_commit():
        services.interest_accept(actor=ru_owner, interest=other)
    assert [person for person, _ in told("partnering/email/interest_accepted")][1:] == [owner]


def test_only_the_listings_side_answers(sent, uz_owner):
    with pytest.raises(PermissionDenied):
        services.interest_accept(actor=uz_owner, interest=sent)
    sent.refresh_from_db()
    assert (sent.status, sent.answered_at, sent.answered_by) == (InterestStatus.SENT, None, None)


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (InterestStatus.ACCEPTED, "Accepted"),
        (InterestStatus.DECLINED, "Declined"),
        (InterestStatus.EXPIRED, "Expired"),
    ],
)
def test_an_answered_interest_is_not_answered_again(sent, ru_owner, status, label):
    Interest.objects.filter(pk=sent.pk).update(status=status)
    for answer in (
        lambda: services.interest_accept(actor=ru_owner, interest=sent),
        lambda: services.interest_decline(actor=ru_owner, interest=sent, reason="No"),
    ):
        with pytest.raises(ValidationError) as refused:
            answer()
        assert refused.value.code == "answered"
        assert refused.value.messages == [
            f"This expression of interest has already been answered ({label})."
        ]
    assert Interest.objects.get(pk=sent.pk).answered_by is None


def test_decline_keeps_the_reason_audits_and_sends_it_to_the_sender_side(
    sent, uz_owner, ru_owner, run_on_commit, monkeypatch
):
    monkeypatch.setattr(services.timezone, "now", lambda: NOW)
    with run_on_commit():
        services.interest_decline(actor=ru_owner, interest=sent, reason="  Already\x00 chosen. ")
    sent.refresh_from_db()
    assert (sent.status, sent.decline_reason, sent.answered_at, sent.answered_by) == (
        InterestStatus.DECLINED,
        "Already chosen.",
        NOW,
        ru_owner,
    )
    assert trail(sent)[-1] == ("interest.decline", ru_owner, {})
    assert told("partnering/email/interest_declined") == [
        (
            uz_owner,
            {
                "title": "Afandi",
                "reason": "Already chosen.",
                "url": url(sent),
                "name": uz_owner.display_name,
            },
        )
    ]


@pytest.mark.parametrize(
    ("reason", "error"),
    [
        ("", "Say why, so the organisation can act on it."),
        (None, "Say why, so the organisation can act on it."),
        (" \x00 ", "Say why, so the organisation can act on it."),
        ("r" * (ANSWER_MAX + 1), f"At most {ANSWER_MAX} characters (now {ANSWER_MAX + 1})."),
    ],
)
def test_a_decline_without_a_usable_reason_is_refused_at_the_reason(sent, ru_owner, reason, error):
    with pytest.raises(ValidationError) as refused:
        services.interest_decline(actor=ru_owner, interest=sent, reason=reason)
    assert refused.value.message_dict == {"reason": [error]}
    sent.refresh_from_db()
    assert sent.status == InterestStatus.SENT


def test_a_reason_of_exactly_the_limit_is_kept(sent, ru_owner):
    services.interest_decline(actor=ru_owner, interest=sent, reason="r" * ANSWER_MAX)
    sent.refresh_from_db()
    assert sent.decline_reason == "r" * ANSWER_MAX


# --- the conversation -----------------------------------------------------------------------


def test_each_side_posts_as_its_organisation_and_the_other_side_is_told(
    sent, listing, ru_org, uz_org, uz_owner, ru_owner, run_on_commit
):
    accepted = services.interest_accept(actor=ru_owner, interest=sent)
    Notification.objects.all().delete()
    with run_on_commit():
        first = services.interest_message_post(
            actor=ru_owner, interest=accepted, body=" Hello\x00! "
        )
    with run_on_commit():
        second = services.interest_message_post(actor=uz_owner, interest=accepted, body="Salom")
    assert (first.interest, first.author, first.organisation, first.body) == (
        accepted,
        ru_owner,
        ru_org,
        "Hello!",
    )
    assert (second.author, second.organisation, second.body) == (uz_owner, uz_org, "Salom")
    assert InterestMessage.objects.count() == 2
    context = {"title": "Afandi", "url": url(sent)}
    assert told("partnering/email/interest_message") == [
        (uz_owner, {**context, "name": uz_owner.display_name}),
        (ru_owner, {**context, "name": ru_owner.display_name}),
    ]
    assert [row[0] for row in trail(sent)][-2:] == ["interest.message", "interest.message"]
    assert trail(sent)[-2:] == [
        ("interest.message", ru_owner, {}),
        ("interest.message", uz_owner, {}),
    ]


def test_a_message_needs_a_body_an_accepted_interest_and_a_side(sent, ru_owner, uz_owner):
    with pytest.raises(ValidationError) as refused:
        services.interest_message_post(actor=uz_owner, interest=sent, body=" ")
    assert refused.value.message_dict == {"body": [REQUIRED]}
    with pytest.raises(ValidationError) as refused:
        services.interest_message_post(actor=uz_owner, interest=sent, body="x" * (ANSWER_MAX + 1))
    assert refused.value.message_dict == {"body": ["At most 2000 characters (now 2001)."]}
    with pytest.raises(ValidationError) as refused:
        services.interest_message_post(actor=uz_owner, interest=sent, body="Hello")
    assert refused.value.messages == ["The conversation opens once the interest is accepted."]
    accepted = services.interest_accept(actor=ru_owner, interest=sent)
    stranger = member_of(OrganisationFactory(country="KZ"), Role.OWNER)
    with pytest.raises(PermissionDenied):
        services.interest_message_post(actor=stranger, interest=accepted, body="Hi")
    assert not InterestMessage.objects.exists()


# --- the clock ------------------------------------------------------------------------------


def _aged(interest, **age):
    Interest.objects.filter(pk=interest.pk).update(created_at=NOW - timedelta(**age))


def test_the_clock_expires_at_day_fourteen_to_the_second_and_tells_the_sender_side(
    listing, ru_org, uz_org, uz_owner, ru_owner, run_on_commit, settings
):
    del settings.PARTNERING_INTEREST_EXPIRE_DAYS
    del settings.PARTNERING_INTEREST_REMIND_DAYS
    old = send(uz_owner, listing, uz_org)
    young = send(uz_owner, ListingFactory(organisation=ru_org), uz_org)
    _aged(old, days=14)
    _aged(young, days=14, seconds=-1)
    Interest.objects.filter(pk=young.pk).update(reminded_at=NOW)
    Notification.objects.all().delete()
    with run_on_commit():
        assert services.interests_tick(now=NOW) == {"reminded": 0, "expired": 1}
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.status, old.answered_at, old.reminded_at) == (InterestStatus.EXPIRED, NOW, None)
    assert young.status == InterestStatus.SENT and young.answered_at is None
    assert trail(old)[-1] == ("interest.expire", None, {})
    assert told("partnering/email/interest_expired") == [
        (uz_owner, {"title": "Afandi", "url": url(old), "name": uz_owner.display_name})
    ]
    assert Notification.objects.count() == 1


def test_the_clock_reminds_once_at_day_seven_to_the_second(
    listing, ru_org, uz_org, uz_owner, ru_owner, run_on_commit, settings
):
    del settings.PARTNERING_INTEREST_EXPIRE_DAYS
    del settings.PARTNERING_INTEREST_REMIND_DAYS
    due = send(uz_owner, listing, uz_org)
    early = send(uz_owner, ListingFactory(organisation=ru_org, title="Other"), uz_org)
    _aged(due, days=7)
    _aged(early, days=7, seconds=-1)
    Notification.objects.all().delete()
    with run_on_commit():
        assert services.interests_tick(now=NOW) == {"reminded": 1, "expired": 0}
    due.refresh_from_db()
    early.refresh_from_db()
    assert (due.status, due.reminded_at, due.answered_at) == (InterestStatus.SENT, NOW, None)
    assert early.reminded_at is None
    assert trail(due)[-1] == ("interest.remind", None, {})
    assert told("partnering/email/interest_reminder") == [
        (ru_owner, {"title": "Afandi", "url": url(due), "name": ru_owner.display_name})
    ]
    with run_on_commit():
        assert services.interests_tick(now=NOW) == {"reminded": 0, "expired": 0}
    assert Notification.objects.count() == 1


def test_the_clock_follows_the_settings_counts_each_and_leaves_answered_interests_alone(
    listing, ru_org, uz_org, uz_owner, ru_owner, settings
):
    settings.PARTNERING_INTEREST_EXPIRE_DAYS = 3
    settings.PARTNERING_INTEREST_REMIND_DAYS = 1
    to_expire = [send(uz_owner, ListingFactory(organisation=ru_org), uz_org) for _ in range(2)]
    to_remind = [send(uz_owner, ListingFactory(organisation=ru_org), uz_org) for _ in range(2)]
    answered = send(uz_owner, listing, uz_org)
    services.interest_accept(actor=ru_owner, interest=answered)
    for interest in to_expire:
        _aged(interest, days=3)
    for interest in to_remind:
        _aged(interest, days=1)
    _aged(answered, days=30)
    assert services.interests_tick(now=NOW) == {"reminded": 2, "expired": 2}
    statuses = dict(Interest.objects.values_list("pk", "status"))
    assert statuses == {
        **{interest.pk: InterestStatus.EXPIRED for interest in to_expire},
        **{interest.pk: InterestStatus.SENT for interest in to_remind},
        answered.pk: InterestStatus.ACCEPTED,
    }
    assert Interest.objects.get(pk=answered.pk).reminded_at is None
    assert AuditEntry.objects.filter(action="interest.remind").count() == 2


def test_the_clock_reads_the_time_itself_when_not_given(sent):
    Interest.objects.filter(pk=sent.pk).update(created_at=datetime(2020, 1, 1, tzinfo=UTC))
    assert services.interests_tick() == {"reminded": 0, "expired": 1}


def test_the_clock_leaves_alone_what_changed_between_its_list_and_its_lock(
    listing, ru_org, uz_org, uz_owner, ru_owner, monkeypatch
):
    """An owner may answer (or another tick remind) after the clock listed an interest and
    before it locked the row: the locked row decides, and the clock goes on to the next."""
    old = [send(uz_owner, ListingFactory(organisation=ru_org), uz_org) for _ in range(4)]
    due = [send(uz_owner, ListingFactory(organisation=ru_org), uz_org) for _ in range(3)]
    for interest in old:
        _aged(interest, days=15)
    for interest in due:
        _aged(interest, days=8)
    meanwhile = {
        old[0].pk: {"status": InterestStatus.ACCEPTED},
        old[3].pk: {"status": InterestStatus.DECLINED},
        due[0].pk: {"status": InterestStatus.ACCEPTED},
        due[2].pk: {"reminded_at": NOW - timedelta(hours=1)},
    }
    locked = services._locked

    def answered_meanwhile(interest):
        Interest.objects.filter(pk=interest.pk).update(**meanwhile.pop(interest.pk, {}))
        return locked(interest)

    monkeypatch.setattr(services, "_locked", answered_meanwhile)
    assert services.interests_tick(now=NOW) == {"reminded": 1, "expired": 2}
    rows = {i.pk: (i.status, i.reminded_at) for i in Interest.objects.all()}
    assert rows == {
        old[0].pk: (InterestStatus.ACCEPTED, None),
        old[1].pk: (InterestStatus.EXPIRED, None),
        old[2].pk: (InterestStatus.EXPIRED, None),
        old[3].pk: (InterestStatus.DECLINED, None),
        due[0].pk: (InterestStatus.ACCEPTED, None),
        due[1].pk: (InterestStatus.SENT, NOW),
        due[2].pk: (InterestStatus.SENT, NOW - timedelta(hours=1)),
    }


def test_a_duplicate_is_refused_as_such_even_at_the_cap(settings, listing, uz_org, uz_owner):
    settings.PARTNERING_MAX_PENDING_INTERESTS = 1
    send(uz_owner, listing, uz_org)
    with pytest.raises(ValidationError) as refused:
        send(member_of(uz_org), listing, uz_org)
    assert (refused.value.code, refused.value.messages) == ("duplicate", [DUPLICATE])

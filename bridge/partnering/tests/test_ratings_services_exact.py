"""Ratings of held meetings, to the exact value a person sees: the midnight after an event in its
own time zone, which side a person rates for (their own registration first, then one their
organisation stands behind), the scores accepted (both edges of 1 to 5), the note (both edges of
its length, after cleaning), who may rate and which meetings, both edges of the 14 days a rating
may be changed, the audit rows, and the clock's invitation (both edges of the day after, once,
to the people with a held meeting only). Written for the mutation score of issue 18."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, recorded_notifications, trail
from bridge.partnering import notifications
from bridge.partnering.models import Meeting, MeetingRating, Registration
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.services import ratings as services
from bridge.partnering.tests.factories import accepted_request, event_made, member_of, registered

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

TICK = timedelta(microseconds=1)
# The event of event_made(): 10 and 11 March 2027 in Tashkent (UTC+5).
DAY_AFTER = datetime(2027, 3, 11, 19, 0, tzinfo=UTC)
SCORE = "Choose a rating from 1 to 5."
NOT_HELD = "Only a meeting that was held can be rated."
FROZEN = "A rating can be changed for 14 days only."


def held(event, sender, recipient, status=MeetingStatus.HELD) -> Meeting:
    return Meeting.objects.create(
        event=event, request=accepted_request(event, sender, recipient), status=status
    )


@pytest.fixture
def meeting(event, ru, uz):
    return held(event, ru, uz)


def ratings() -> list[tuple]:
    return list(
        MeetingRating.objects.order_by("pk").values_list("meeting", "registration", "score", "note")
    )


# --- the day after -----------------------------------------------------------------------------


def test_the_day_after_is_midnight_after_the_last_day_where_the_event_is(clock):
    assert services.day_after(event_made()) == DAY_AFTER
    assert services.day_after(event_made(days=1)) == DAY_AFTER - timedelta(days=1)
    moscow = event_made(time_zone="Europe/Moscow", days=3)
    assert services.day_after(moscow) == datetime(2027, 3, 12, 21, 0, tzinfo=UTC)


# --- the side a person rates for ---------------------------------------------------------------


def test_each_registered_person_rates_for_their_own_side(clock, meeting, ru, uz):
    assert services.rating_side(ru.person, meeting) == ru
    assert services.rating_side(uz.person, meeting) == uz


def test_a_colleague_rates_for_their_organisation_s_side(clock, meeting, ru, uz, ru_org, uz_org):
    assert services.rating_side(member_of(uz_org, Role.MEMBER), meeting) == uz
    assert services.rating_side(member_of(ru_org, Role.ADMIN), meeting) == ru


def test_a_person_s_own_registration_comes_before_a_colleague_s(clock, event, ru_org, uz_org):
    both = member_of(uz_org)  # registered for the Uzbek side, a member of the Russian one too
    ru_org.memberships.create(user=both, role=Role.MEMBER)
    sender = registered(event, ru_org)
    recipient = registered(event, uz_org, both)
    assert services.rating_side(both, held(event, sender, recipient)) == recipient


def test_a_member_of_both_organisations_rates_for_the_sender(clock, meeting, ru, ru_org, uz_org):
    both = member_of(ru_org)
    uz_org.memberships.create(user=both, role=Role.MEMBER)
    assert services.rating_side(both, meeting) == ru


def test_someone_outside_both_sides_has_none(clock, meeting, moderator):
    stranger = member_of(OrganisationFactory(country="KZ"))
    assert services.rating_side(stranger, meeting) is None
    assert services.rating_side(moderator, meeting) is None


# --- scores ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "kept"), [(1, 1), (5, 5), ("3", 3), (" 4 ", 4), (2.0, 2)])
def test_a_score_from_one_to_five_is_kept_as_a_number(given, kept):
    assert services.score_clean(given) == kept


@pytest.mark.parametrize("given", [0, 6, -1, "", "five", "2.5", None, [3]])
def test_any_other_score_is_refused_at_score(given):
    with pytest.raises(ValidationError) as caught:
        services.score_clean(given)
    assert caught.value.message_dict == {"score": [SCORE]}


# --- rating ------------------------------------------------------------------------------------


def test_a_side_rates_a_held_meeting_and_it_is_audited(clock, meeting, ru, ru_owner):
    rating = services.meeting_rate(actor=ru_owner, meeting=meeting, score="4", note=" Useful ")
    assert rating.pk and rating.registration == ru
    rating.refresh_from_db()
    assert (rating.score, rating.note, rating.created_at, rating.updated_at) == (
        4,
        "Useful",
        NOW,
        NOW,
    )
    assert ratings() == [(meeting.pk, ru.pk, 4, "Useful")]
    assert trail(meeting) == [("meeting.rate", ru_owner, {"score": 4})]


def test_a_colleague_rates_for_the_side_and_each_side_rates_once(
    clock, meeting, ru, uz, uz_org, ru_owner
):
    colleague = member_of(uz_org, Role.MEMBER)
    services.meeting_rate(actor=ru_owner, meeting=meeting, score=2)
    services.meeting_rate(actor=colleague, meeting=meeting, score=5, note=None)
    assert ratings() == [(meeting.pk, ru.pk, 2, ""), (meeting.pk, uz.pk, 5, "")]
    assert trail(meeting) == [
        ("meeting.rate", ru_owner, {"score": 2}),
        ("meeting.rate", colleague, {"score": 5}),
    ]


def test_the_note_loses_null_characters_and_its_spaces_before_it_is_measured(
    clock, meeting, ru, ru_owner
):
    note = "  " + "n" * 499 + "\x00" + "o" + "  "
    services.meeting_rate(actor=ru_owner, meeting=meeting, score=3, note=note)
    assert ratings() == [(meeting.pk, ru.pk, 3, "n" * 499 + "o")]


def test_a_note_one_character_too_long_is_refused_at_note(clock, meeting, ru_owner):
    with pytest.raises(ValidationError) as caught:
        services.meeting_rate(actor=ru_owner, meeting=meeting, score=3, note="n" * 501)
    assert caught.value.message_dict == {"note": ["At most 500 characters (now 501)."]}
    assert ratings() == [] and not trail(meeting)


def test_a_bad_score_saves_nothing(clock, meeting, ru_owner):
    with pytest.raises(ValidationError) as caught:
        services.meeting_rate(actor=ru_owner, meeting=meeting, score=6)
    assert caught.value.message_dict == {"score": [SCORE]}
    assert ratings() == [] and not trail(meeting)


@pytest.mark.parametrize(
    "status", [MeetingStatus.SCHEDULED, MeetingStatus.NO_SHOW, MeetingStatus.CANCELLED]
)
def test_only_a_held_meeting_is_rated(clock, event, ru, uz, ru_owner, status):
    meeting = held(event, ru, uz, status=status)
    with pytest.raises(ValidationError) as caught:
        services.meeting_rate(actor=ru_owner, meeting=meeting, score=9)
    assert caught.value.messages == [NOT_HELD]
    assert ratings() == [] and not AuditEntry.objects.exists()


def test_the_status_is_read_from_the_database_not_the_page(clock, event, ru, uz, ru_owner):
    meeting = held(event, ru, uz, status=MeetingStatus.SCHEDULED)
    meeting.status = MeetingStatus.HELD  # a page read before staff changed it
    with pytest.raises(ValidationError):
        services.meeting_rate(actor=ru_owner, meeting=meeting, score=4)
    assert ratings() == []


@pytest.mark.parametrize("who", ["stranger", "moderator", "anonymous"])
def test_only_a_side_rates(clock, event, ru, uz, moderator, who):
    scheduled = held(event, ru, uz, status=MeetingStatus.SCHEDULED)
    actor = {
        "stranger": member_of(OrganisationFactory(country="KZ")),
        "moderator": moderator,
        "anonymous": AnonymousUser(),
    }[who]
    with pytest.raises(PermissionDenied):
        services.meeting_rate(actor=actor, meeting=scheduled, score=4)
    assert ratings() == [] and not AuditEntry.objects.exists()


def test_a_side_changes_its_rating_and_each_change_is_audited(clock, meeting, ru, ru_owner):
    first = services.meeting_rate(actor=ru_owner, meeting=meeting, score=4, note="Useful")
    clock["now"] = NOW + timedelta(days=3)
    again = services.meeting_rate(actor=ru_owner, meeting=meeting, score=2, note="Less so")
    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.score, again.note, again.created_at, again.updated_at) == (
        2,
        "Less so",
        NOW,
        NOW + timedelta(days=3),
    )
    assert ratings() == [(meeting.pk, ru.pk, 2, "Less so")]
    assert trail(meeting) == [
        ("meeting.rate", ru_owner, {"score": 4}),
        ("meeting.rate", ru_owner, {"score": 2}),
    ]


@pytest.mark.parametrize(("extra", "allowed"), [(timedelta(0), True), (TICK, False)])
def test_a_rating_may_be_changed_for_fourteen_days(clock, meeting, ru, ru_owner, extra, allowed):
    services.meeting_rate(actor=ru_owner, meeting=meeting, score=4, note="First")
    clock["now"] = NOW + timedelta(days=14) + extra
    if allowed:
        services.meeting_rate(actor=ru_owner, meeting=meeting, score=1, note="Second")
        assert ratings() == [(meeting.pk, ru.pk, 1, "Second")]
        return
    with pytest.raises(ValidationError) as caught:
        services.meeting_rate(actor=ru_owner, meeting=meeting, score=1, note="Second")
    assert caught.value.messages == [FROZEN]
    assert ratings() == [(meeting.pk, ru.pk, 4, "First")]
    assert len(trail(meeting)) == 1


# --- the invitation ----------------------------------------------------------------------------


@pytest.fixture
def sent(monkeypatch):
    return recorded_notifications(monkeypatch, notifications)


def invited() -> dict:
    return dict(Registration.objects.values_list("pk", "rating_invited_at"))


def invitation(person) -> tuple:
    return (
        person,
        "partnering/email/meeting_rate",
        {
            "event": "B2B meetings",
            "url": "/partnering/events/ratings/",
            "name": person.display_name,
        },
        person.language,
    )


@pytest.mark.parametrize(("offset", "expected"), [(-TICK, 0), (timedelta(0), 2)])
def test_both_sides_are_invited_from_the_midnight_after_the_event(
    clock, meeting, ru, uz, sent, run_on_commit, offset, expected
):
    with run_on_commit():
        assert services.ratings_tick(now=DAY_AFTER + offset) == {"ratings_invited": expected}
    if expected:
        assert invited() == {ru.pk: DAY_AFTER, uz.pk: DAY_AFTER}
        assert sorted(sent, key=lambda s: s[0].pk) == sorted(
            [invitation(ru.person), invitation(uz.person)], key=lambda s: s[0].pk
        )
    else:
        assert invited() == {ru.pk: None, uz.pk: None} and sent == []


def test_each_person_is_invited_once(clock, meeting, ru, uz, sent, run_on_commit):
    later = DAY_AFTER + timedelta(days=1)
    Registration.objects.filter(pk=ru.pk).update(rating_invited_at=DAY_AFTER)
    with run_on_commit():
        assert services.ratings_tick(now=later) == {"ratings_invited": 1}
        assert services.ratings_tick(now=later + timedelta(hours=1)) == {"ratings_invited": 0}
    assert invited() == {ru.pk: DAY_AFTER, uz.pk: later}
    assert sent == [invitation(uz.person)]


def test_only_people_with_a_held_meeting_are_invited(
    clock, event, ru, uz, ru_org, uz_org, sent, run_on_commit
):
    others = [registered(event, OrganisationFactory(country="KZ")) for _ in range(4)]
    held(event, ru, others[0], status=MeetingStatus.NO_SHOW)
    held(event, others[1], uz, status=MeetingStatus.CANCELLED)
    held(event, others[2], others[3], status=MeetingStatus.SCHEDULED)
    held(event, uz, others[0])
    idle = registered(event, ru_org)
    with run_on_commit():
        assert services.ratings_tick(now=DAY_AFTER) == {"ratings_invited": 2}
    assert {pk for pk, at in invited().items() if at} == {uz.pk, others[0].pk}
    assert invited()[idle.pk] is None and invited()[ru.pk] is None
    assert sorted(s[0].pk for s in sent) == sorted([uz.person.pk, others[0].person.pk])


def test_a_person_with_several_held_meetings_is_invited_once(
    clock, event, ru, uz, sent, run_on_commit
):
    held(event, ru, uz)
    held(event, registered(event, OrganisationFactory(country="KZ")), ru)
    with run_on_commit():
        assert services.ratings_tick(now=DAY_AFTER)["ratings_invited"] == 3
    assert [s[0] for s in sent].count(ru.person) == 1


def test_each_event_waits_for_its_own_day_after(clock, meeting, ru, uz, sent, run_on_commit):
    later = event_made(first_day=date(2027, 3, 20))
    a = registered(later, OrganisationFactory(country="KZ"))
    b = registered(later, OrganisationFactory(country="KZ"))
    held(later, a, b)
    with run_on_commit():
        assert services.ratings_tick(now=DAY_AFTER)["ratings_invited"] == 2
    assert invited()[a.pk] is None and invited()[b.pk] is None


def test_without_a_moment_the_tick_reads_the_clock(clock, meeting, ru, uz, sent, run_on_commit):
    assert services.ratings_tick() == {"ratings_invited": 0}
    clock["now"] = DAY_AFTER + timedelta(hours=2)
    with run_on_commit():
        assert services.ratings_tick() == {"ratings_invited": 2}
    assert invited() == {ru.pk: clock["now"], uz.pk: clock["now"]}

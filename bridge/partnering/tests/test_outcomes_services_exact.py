"""The six-month outcome survey of held meetings, to the exact value a person sees: who may answer
and for which side, which meetings have a survey to answer (held, and asked), the answers
accepted, the one answer each side keeps (updated, never doubled), the audit rows, and the
clock's question (both edges of six months after the day after the event, once per meeting, to
both sides, each told the other side's name). Written for the mutation score of issue 18."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, recorded_notifications, trail
from bridge.partnering import notifications
from bridge.partnering.models import Meeting, MeetingOutcome
from bridge.partnering.models.events import MeetingStatus
from bridge.partnering.services import outcomes as services
from bridge.partnering.tests.factories import accepted_request, event_made, member_of, registered

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

TICK = timedelta(microseconds=1)
# The event of event_made() ends on 11 March 2027 in Tashkent (UTC+5); six months are 182 days.
ASK = datetime(2027, 3, 11, 19, 0, tzinfo=UTC) + timedelta(days=182)
NO_SURVEY = "This meeting has no outcome survey to answer."
FROM_THE_LIST = "Choose an answer from the list."


def held(event, sender, recipient, status=MeetingStatus.HELD, **extra) -> Meeting:
    return Meeting.objects.create(
        event=event, request=accepted_request(event, sender, recipient), status=status, **extra
    )


@pytest.fixture
def meeting(event, ru, uz):
    return held(event, ru, uz, outcome_asked_at=NOW - timedelta(days=1))


def answers() -> list[tuple]:
    return list(
        MeetingOutcome.objects.order_by("pk").values_list(
            "meeting", "registration", "answer", "answered_at"
        )
    )


def asked_at(*meetings) -> list:
    return [Meeting.objects.get(pk=m.pk).outcome_asked_at for m in meetings]


# --- answering ---------------------------------------------------------------------------------


def test_a_side_answers_and_it_is_audited(clock, meeting, ru, ru_owner):
    outcome = services.outcome_answer(actor=ru_owner, meeting=meeting, answer="talks")
    assert (outcome.meeting, outcome.registration, outcome.answer) == (meeting, ru, "talks")
    assert answers() == [(meeting.pk, ru.pk, "talks", NOW)]
    assert trail(meeting) == [("meeting.outcome", ru_owner, {"answer": "talks"})]


def test_a_side_updates_its_one_answer(clock, meeting, ru, ru_owner):
    first = services.outcome_answer(actor=ru_owner, meeting=meeting, answer="talks")
    clock["now"] = NOW + timedelta(days=30)
    again = services.outcome_answer(actor=ru_owner, meeting=meeting, answer="agreement")
    assert again.pk == first.pk
    assert answers() == [(meeting.pk, ru.pk, "agreement", NOW + timedelta(days=30))]
    assert trail(meeting) == [
        ("meeting.outcome", ru_owner, {"answer": "talks"}),
        ("meeting.outcome", ru_owner, {"answer": "agreement"}),
    ]


def test_each_side_keeps_its_own_answer_and_a_colleague_answers_for_it(
    clock, meeting, ru, uz, uz_org, ru_owner
):
    colleague = member_of(uz_org, Role.MEMBER)
    services.outcome_answer(actor=ru_owner, meeting=meeting, answer="project")
    services.outcome_answer(actor=colleague, meeting=meeting, answer="no-contact")
    assert answers() == [
        (meeting.pk, ru.pk, "project", NOW),
        (meeting.pk, uz.pk, "no-contact", NOW),
    ]


@pytest.mark.parametrize("answer", ["no-contact", "talks", "agreement", "project"])
def test_each_answer_of_the_list_is_accepted(clock, meeting, ru_owner, answer):
    assert services.outcome_answer(actor=ru_owner, meeting=meeting, answer=answer).answer == answer


@pytest.mark.parametrize("answer", ["", "maybe", "Talks", "In talks", None])
def test_an_answer_not_on_the_list_is_refused_at_answer(clock, meeting, ru_owner, answer):
    with pytest.raises(ValidationError) as caught:
        services.outcome_answer(actor=ru_owner, meeting=meeting, answer=answer)
    assert caught.value.message_dict == {"answer": [FROM_THE_LIST]}
    assert answers() == [] and not trail(meeting)


def test_a_meeting_not_yet_asked_has_no_survey(clock, event, ru, uz, ru_owner):
    meeting = held(event, ru, uz)
    with pytest.raises(ValidationError) as caught:
        services.outcome_answer(actor=ru_owner, meeting=meeting, answer="nonsense")
    assert caught.value.messages == [NO_SURVEY]
    assert answers() == [] and not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "status", [MeetingStatus.SCHEDULED, MeetingStatus.NO_SHOW, MeetingStatus.CANCELLED]
)
def test_a_meeting_that_was_not_held_has_no_survey(clock, event, ru, uz, ru_owner, status):
    meeting = held(event, ru, uz, status=status, outcome_asked_at=NOW)
    with pytest.raises(ValidationError) as caught:
        services.outcome_answer(actor=ru_owner, meeting=meeting, answer="talks")
    assert caught.value.messages == [NO_SURVEY]
    assert answers() == []


def test_the_survey_is_read_from_the_database_not_the_page(clock, event, ru, uz, ru_owner):
    meeting = held(event, ru, uz)
    meeting.outcome_asked_at = NOW  # a page read as if the survey had gone out
    with pytest.raises(ValidationError):
        services.outcome_answer(actor=ru_owner, meeting=meeting, answer="talks")
    assert answers() == []


@pytest.mark.parametrize("who", ["stranger", "moderator", "anonymous"])
def test_only_a_side_answers(clock, event, ru, uz, moderator, who):
    meeting = held(event, ru, uz)  # not asked: the refusal comes first
    actor = {
        "stranger": member_of(OrganisationFactory(country="KZ")),
        "moderator": moderator,
        "anonymous": AnonymousUser(),
    }[who]
    with pytest.raises(PermissionDenied):
        services.outcome_answer(actor=actor, meeting=meeting, answer="talks")
    assert answers() == [] and not AuditEntry.objects.exists()


# --- the clock asks ----------------------------------------------------------------------------


@pytest.fixture
def sent(monkeypatch):
    return recorded_notifications(monkeypatch, notifications)


def question(person, other) -> tuple:
    return (
        person,
        "partnering/email/meeting_outcome",
        {
            "event": "B2B meetings",
            "other": str(other),
            "url": "/partnering/events/outcomes/",
            "name": person.display_name,
        },
        person.language,
    )


@pytest.mark.parametrize(("offset", "expected"), [(-TICK, 0), (timedelta(0), 1)])
def test_both_sides_are_asked_six_months_after_the_day_after(
    clock, event, ru, uz, ru_org, uz_org, sent, run_on_commit, offset, expected
):
    meeting = held(event, ru, uz)
    with run_on_commit():
        assert services.outcomes_tick(now=ASK + offset) == {"outcomes_asked": expected}
    if expected:
        assert asked_at(meeting) == [ASK]
        assert sent == [question(ru.person, uz_org), question(uz.person, ru_org)]
    else:
        assert asked_at(meeting) == [None] and sent == []


def test_each_meeting_is_asked_once(clock, event, ru, uz, sent, run_on_commit):
    earlier = held(event, ru, uz, outcome_asked_at=ASK - timedelta(days=3))
    kz = registered(event, OrganisationFactory(country="KZ"))
    fresh = held(event, kz, ru)
    with run_on_commit():
        assert services.outcomes_tick(now=ASK) == {"outcomes_asked": 1}
        assert services.outcomes_tick(now=ASK + timedelta(days=1)) == {"outcomes_asked": 0}
    assert asked_at(earlier, fresh) == [ASK - timedelta(days=3), ASK]
    assert [to for to, *_ in sent] == [kz.person, ru.person]


def test_only_held_meetings_are_asked(clock, event, ru, uz, sent, run_on_commit):
    kz = [registered(event, OrganisationFactory(country="KZ")) for _ in range(3)]
    others = [
        held(event, ru, kz[0], status=MeetingStatus.SCHEDULED),
        held(event, uz, kz[1], status=MeetingStatus.NO_SHOW),
        held(event, kz[2], ru, status=MeetingStatus.CANCELLED),
    ]
    kept = held(event, ru, uz)
    with run_on_commit():
        assert services.outcomes_tick(now=ASK) == {"outcomes_asked": 1}
    assert asked_at(*others, kept) == [None, None, None, ASK]
    assert [to for to, *_ in sent] == [ru.person, uz.person]


def test_each_event_waits_for_its_own_six_months(clock, event, ru, uz, sent, run_on_commit):
    due = held(event, ru, uz)
    later = event_made(first_day=date(2027, 3, 20), days=1)
    a, b = (registered(later, OrganisationFactory(country="KZ")) for _ in range(2))
    waiting = held(later, a, b)
    with run_on_commit():
        assert services.outcomes_tick(now=ASK + timedelta(days=9)) == {"outcomes_asked": 1}
    assert asked_at(due, waiting) == [ASK + timedelta(days=9), None]


def test_without_a_moment_the_tick_reads_the_clock(clock, event, ru, uz, sent, run_on_commit):
    meeting = held(event, ru, uz)
    assert services.outcomes_tick() == {"outcomes_asked": 0}
    clock["now"] = ASK + timedelta(hours=1)
    with run_on_commit():
        assert services.outcomes_tick() == {"outcomes_asked": 1}
    assert asked_at(meeting) == [ASK + timedelta(hours=1)]

"""Event reminders, to the exact value a person sees: both edges of the day-before and hour-before
windows (to the microsecond), that an hour-before reminder stands for both, that each goes once
(and not twice when another run claims it first), who is left out (waitlisted, cancelled, events
not published or already begun), the stamps written, the counts returned, and the e-mail each
person gets, in their language, with the time in their own zone and the link only for online
events. Written for the mutation score of issue 18."""

from datetime import timedelta

import pytest
from django.utils import translation

from bridge.accounts.tests.factories import UserFactory
from bridge.core.tests.exact_support import NOW, recorded_notifications
from bridge.knowledge import notifications
from bridge.knowledge.models import EventStatus, Registration, RegistrationStatus
from bridge.knowledge.services import reminders as services
from bridge.knowledge.tests.factories import EventFactory, RegistrationFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

TICK = timedelta(microseconds=1)
HOUR, DAY = timedelta(hours=1), timedelta(hours=24)
EARLIER = NOW - timedelta(hours=5)


@pytest.fixture
def told(monkeypatch):
    """Each e-mail the knowledge app sends: (to, template, context, language)."""
    return recorded_notifications(monkeypatch, notifications)


def booked(starts_in, *, status=RegistrationStatus.CONFIRMED, event=None, **event_fields):
    event = event or EventFactory(starts_at=NOW + starts_in, **event_fields)
    return RegistrationFactory(event=event, status=status, user=UserFactory(language="en"))


def stamps(registration) -> tuple:
    r = Registration.objects.get(pk=registration.pk)
    return (r.reminded_day_at, r.reminded_hour_at)


def send(now=NOW) -> dict:
    return services.event_reminders_send(now=now)


# --- the windows --------------------------------------------------------------------------------


def test_an_event_a_day_away_gets_the_day_reminder_alone(told):
    registration = booked(DAY)
    assert send() == {"reminded_hour_at": 0, "reminded_day_at": 1}
    assert stamps(registration) == (NOW, None)
    assert [(to, template) for to, template, *_ in told] == [
        (registration.user, "knowledge/email/event_reminder")
    ]


def test_an_event_a_microsecond_more_than_a_day_away_gets_nothing_yet(told):
    registration = booked(DAY + TICK)
    assert send() == {"reminded_hour_at": 0, "reminded_day_at": 0}
    assert stamps(registration) == (None, None) and told == []


def test_an_event_a_microsecond_more_than_an_hour_away_gets_the_day_reminder(told):
    registration = booked(HOUR + TICK)
    assert send() == {"reminded_hour_at": 0, "reminded_day_at": 1}
    assert stamps(registration) == (NOW, None)
    assert len(told) == 1


@pytest.mark.parametrize("starts_in", [HOUR, TICK])
def test_an_event_within_the_hour_gets_one_reminder_that_stands_for_both(told, starts_in):
    registration = booked(starts_in)
    assert send() == {"reminded_hour_at": 1, "reminded_day_at": 0}
    assert stamps(registration) == (NOW, NOW)
    assert len(told) == 1


@pytest.mark.parametrize("starts_in", [timedelta(0), -TICK, -HOUR])
def test_an_event_that_has_begun_gets_no_reminder(told, starts_in):
    registration = booked(starts_in)
    assert send() == {"reminded_hour_at": 0, "reminded_day_at": 0}
    assert stamps(registration) == (None, None) and told == []


def test_the_day_reminder_then_the_hour_reminder_each_once(told):
    registration = booked(DAY)
    send()
    assert send(NOW + timedelta(hours=1)) == {"reminded_hour_at": 0, "reminded_day_at": 0}
    later = NOW + DAY - HOUR
    assert send(later) == {"reminded_hour_at": 1, "reminded_day_at": 0}
    assert stamps(registration) == (NOW, later)  # the day-before stamp is kept
    assert send(later + timedelta(minutes=5)) == {"reminded_hour_at": 0, "reminded_day_at": 0}
    assert len(told) == 2


def test_without_a_time_given_it_is_now(told, clock):
    registration = booked(HOUR)
    assert services.event_reminders_send() == {"reminded_hour_at": 1, "reminded_day_at": 0}
    assert stamps(registration) == (NOW, NOW)


# --- who is reminded ----------------------------------------------------------------------------


def test_only_confirmed_places_at_published_events_are_reminded(told):
    confirmed = booked(HOUR)
    event = confirmed.event
    waitlisted = booked(HOUR, event=event, status=RegistrationStatus.WAITLISTED)
    cancelled = booked(HOUR, event=event, status=RegistrationStatus.CANCELLED)
    draft = booked(HOUR)
    type(draft.event).objects.filter(pk=draft.event_id).update(status=EventStatus.DRAFT)
    called_off = booked(DAY)
    type(called_off.event).objects.filter(pk=called_off.event_id).update(
        status=EventStatus.CANCELLED
    )
    assert send() == {"reminded_hour_at": 1, "reminded_day_at": 0}
    assert [to for to, *_ in told] == [confirmed.user]
    for registration in (waitlisted, cancelled, draft, called_off):
        assert stamps(registration) == (None, None)


def test_a_registration_reminded_already_is_not_reminded_again(told):
    day_done = booked(DAY)
    Registration.objects.filter(pk=day_done.pk).update(reminded_day_at=EARLIER)
    hour_done = booked(HOUR)
    Registration.objects.filter(pk=hour_done.pk).update(
        reminded_hour_at=EARLIER, reminded_day_at=EARLIER
    )
    assert send() == {"reminded_hour_at": 0, "reminded_day_at": 0}
    assert stamps(day_done) == (EARLIER, None)
    assert stamps(hour_done) == (EARLIER, EARLIER)
    assert told == []


def test_everyone_due_is_counted_across_events(told):
    soon = booked(HOUR)
    booked(HOUR, event=soon.event)
    booked(DAY)
    booked(timedelta(hours=3))
    booked(DAY + HOUR)
    assert send() == {"reminded_hour_at": 2, "reminded_day_at": 2}
    assert len(told) == 4


def test_a_place_another_run_claimed_first_is_skipped(monkeypatch):
    first = booked(HOUR)
    second = booked(HOUR, event=first.event)
    sent = []

    def another_run_claims(person, template, context):
        sent.append(person)
        other = second if person == first.user else first
        # The other run claims the hour reminder, and the day's with it, in one transaction.
        Registration.objects.filter(pk=other.pk).update(
            reminded_hour_at=EARLIER, reminded_day_at=EARLIER
        )

    monkeypatch.setattr(notifications, "send", another_run_claims)
    assert send() == {"reminded_hour_at": 1, "reminded_day_at": 0}
    assert len(sent) == 1


# --- the e-mail ---------------------------------------------------------------------------------


def test_the_reminder_is_in_the_persons_language_with_their_own_time_and_the_link(told):
    event = EventFactory(
        starts_at=NOW + HOUR,
        ends_at=NOW + 2 * HOUR,
        title_ru="Вебинар о правах",
        title_en="Rights webinar",
        online=True,
        join_url="https://meet.example/room",
        timezone="Asia/Tashkent",
    )
    person = UserFactory(language="ru", timezone="Europe/Moscow")
    RegistrationFactory(event=event, user=person)
    send()
    ((to, template, context, language),) = told
    assert (to, template, language) == (person, "knowledge/email/event_reminder", "ru")
    with translation.override("ru"):
        expected = {k: str(v) for k, v in notifications.event_context(event, person, "ru").items()}
    assert context == {**expected, "join_url": "https://meet.example/room"}
    assert context["title"] == "Вебинар о правах"
    assert context["when_yours"] != "" and context["when_yours"] != context["when"]
    assert context["url"].endswith(event.get_absolute_url())


def test_an_event_in_a_hall_sends_no_link(told):
    event = EventFactory(
        starts_at=NOW + DAY,
        online=False,
        venue="Ташкент, IT Park",
        join_url="https://meet.example/room",
    )
    person = UserFactory(language="en", timezone="")
    RegistrationFactory(event=event, user=person)
    send()
    ((_to, _template, context, language),) = told
    assert language == "en"
    assert (context["join_url"], context["where"], context["when_yours"]) == (
        "",
        "Ташкент, IT Park",
        "",
    )
    assert context["title"] == event.title_en

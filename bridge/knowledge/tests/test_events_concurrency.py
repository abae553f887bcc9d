"""Concurrent requests never give a second seat: registrations of one event are serialised on
its row, and one live registration per person is a unique index. PostgreSQL only (SQLite runs
one writer at a time anyway)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from bridge.accounts.tests.factories import UserFactory
from bridge.knowledge.models import Registration, RegistrationStatus
from bridge.knowledge.services import events
from bridge.knowledge.tests.factories import EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def race(actions) -> list:
    """Run the actions at the same moment, each on its own connection; their results or errors."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        barrier.wait()
        try:
            results[index] = action()
        except ValidationError as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, a)) for n, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_many_people_at_once_fill_the_places_and_the_rest_wait():
    event = EventFactory(capacity=2)
    people = [UserFactory() for _ in range(8)]
    race([lambda p=p: events.registration_create(actor=p, event=event) for p in people])
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert sorted(statuses) == ["confirmed"] * 2 + ["waitlisted"] * 6


def test_one_person_clicking_many_times_at_once_gets_one_registration():
    event = EventFactory(capacity=5)
    person = UserFactory()
    results = race([lambda: events.registration_create(actor=person, event=event)] * 6)
    assert Registration.objects.filter(event=event, user=person).count() == 1
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(refusals) == 5 and {r.code for r in refusals} == {"duplicate"}


def test_cancelling_while_others_register_keeps_the_count_right():
    event = EventFactory(capacity=3)
    holders = [UserFactory() for _ in range(3)]
    held = [events.registration_create(actor=p, event=event) for p in holders]
    newcomers = [UserFactory() for _ in range(4)]
    actions = [
        lambda r=r, p=p: events.registration_cancel(actor=p, registration=r)
        for p, r in zip(holders[:2], held[:2], strict=True)
    ]
    actions += [lambda p=p: events.registration_create(actor=p, event=event) for p in newcomers]
    race(actions)
    live = Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED)
    assert live.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    assert live.filter(status=RegistrationStatus.WAITLISTED).count() == 2

"""Twenty accepts at the same moment, as when one person answers on two devices and their
assistant answers too, or staff and the scheduler race: exactly one meeting gets the person's
slot (or the last table), the others are refused in words and change nothing. PostgreSQL only:
SQLite admits one writer at a time by itself."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections
from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.partnering.models import Booking, Meeting, MeetingRequest
from bridge.partnering.models.events import RequestStatus
from bridge.partnering.services import meetings as services
from bridge.partnering.tests.factories import event_made, registered

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"
    ),
]

THREADS = 20


def _race(work) -> tuple[list, list]:
    start = threading.Barrier(THREADS)
    done, refused, errors = [], [], []

    def worker(n):
        try:
            start.wait()
            done.append(work(n))
        except (ValidationError, IntegrityError) as error:
            refused.append(error)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return done, refused


def _request(event, sender, recipient):
    return MeetingRequest.objects.create(
        event=event,
        sender=sender,
        recipient=recipient,
        message="Встретимся?",
        expires_at=timezone.now() + event.request_expiry,
    )


def test_twenty_accepts_for_the_same_person_and_slot_book_exactly_one(uz_org):
    event = event_made(tables=30, pending_cap=50)
    busy = registered(event, uz_org)
    requests = [
        _request(event, registered(event, OrganisationFactory(country="RU")), busy)
        for _ in range(THREADS)
    ]
    slot = event.slots.order_by("starts_at").first()
    done, refused = _race(
        lambda n: services.meeting_request_accept(
            actor=busy.person, request=requests[n], slot_id=slot.pk
        )
    )
    assert len(done) == 1 and len(refused) == THREADS - 1
    assert all(
        "already has a meeting" in str(error) or "just taken" in str(error) for error in refused
    )
    assert Booking.objects.filter(registration=busy, slot=slot).count() == 1
    assert Meeting.objects.count() == 1
    assert MeetingRequest.objects.filter(status=RequestStatus.PENDING).count() == THREADS - 1


def test_twenty_pairs_racing_for_the_last_table_leave_one_meeting_there():
    event = event_made(tables=1, pending_cap=50)
    pairs = [
        (
            registered(event, OrganisationFactory(country="RU")),
            registered(event, OrganisationFactory(country="UZ")),
        )
        for _ in range(THREADS)
    ]
    requests = [_request(event, a, b) for a, b in pairs]
    slot = event.slots.order_by("starts_at").first()
    done, refused = _race(
        lambda n: services.meeting_request_accept(
            actor=pairs[n][1].person, request=requests[n], slot_id=slot.pk
        )
    )
    assert len(done) == 1 and len(refused) == THREADS - 1
    assert Meeting.objects.filter(slot=slot).count() == 1
    assert Booking.objects.filter(slot=slot).count() == 2


def test_twenty_raw_bookings_past_the_services_meet_the_database_constraint(uz_org):
    """Even code that skips the service's locks cannot double-book: the unique index refuses."""
    event = event_made()
    person = registered(event, uz_org)
    slot = event.slots.first()
    done, refused = _race(lambda n: Booking.objects.create(registration=person, slot=slot))
    assert len(done) == 1 and len(refused) == THREADS - 1
    assert all(isinstance(error, IntegrityError) for error in refused)

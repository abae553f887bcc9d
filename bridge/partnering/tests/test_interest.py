"""Expressions of interest: sending (once, under the cap, never to one's own listing), the
answer, contacts revealed on acceptance only, the conversation, the clock, the e-mails in each
recipient's language, and two concurrent accepts on PostgreSQL."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.partnering.models import Interest
from bridge.partnering.selectors.interest import contacts, funnel, sender_visible
from bridge.partnering.services import interest as services
from bridge.partnering.tests.factories import ListingFactory, member_of
from bridge.partnering.vocabulary import InterestStatus

pytestmark = [pytest.mark.integration]

TEXTS = {
    "message": "Bizni loyihangiz qiziqtiradi.",
    "brings": "25 nafar animator.",
    "expects": "Birgalikda moliyalashtirish.",
    "timing": "Martdan boshlab.",
}


@pytest.fixture
def listing(ru_org, ru_owner):
    return ListingFactory(organisation=ru_org, author=ru_owner, kind="request")


def send(actor, listing, organisation, **extra):
    return services.interest_send(
        actor=actor, listing=listing, organisation=organisation, **{**TEXTS, **extra}
    )


@pytest.mark.django_db
def test_send_and_accept_reveals_contacts_both_ways(
    listing, uz_org, uz_owner, ru_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interest = send(uz_owner, listing, uz_org)
    assert interest.status == InterestStatus.SENT
    assert contacts(interest) is None
    assert mailoutbox[-1].to == [ru_owner.email]
    with django_capture_on_commit_callbacks(execute=True):
        interest = services.interest_accept(actor=ru_owner, interest=interest)
    shared = contacts(interest)
    assert ru_owner.email in [p["email"] for p in shared["owner"]["people"]]
    assert uz_owner.email in [p["email"] for p in shared["sender"]["people"]]
    assert mailoutbox[-1].to == [uz_owner.email]
    message = services.interest_message_post(actor=uz_owner, interest=interest, body="Salom!")
    assert message.organisation == uz_org


@pytest.mark.django_db
def test_e_mails_go_out_in_the_recipients_language(
    listing, uz_org, uz_owner, ru_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interest = send(uz_owner, listing, uz_org)
        services.interest_decline(actor=ru_owner, interest=interest, reason="Партнёр уже выбран.")
    to_owner, to_sender = mailoutbox
    assert "новый отклик" in to_owner.subject.lower()
    assert "rad etildi" in to_sender.subject.lower()
    assert "Партнёр уже выбран." in to_sender.body


@pytest.mark.django_db
def test_one_interest_per_organisation_and_listing(listing, uz_org, uz_owner):
    send(uz_owner, listing, uz_org)
    colleague = member_of(uz_org)
    with pytest.raises(ValidationError) as refused:
        send(colleague, listing, uz_org)
    assert refused.value.code == "duplicate"
    assert Interest.objects.count() == 1


@pytest.mark.django_db
def test_at_most_ten_waiting_per_organisation(settings, ru_org, uz_org, uz_owner):
    settings.PARTNERING_MAX_PENDING_INTERESTS = 3
    listings = [ListingFactory(organisation=ru_org, ref=f"r{n}") for n in range(4)]
    for listing in listings[:3]:
        send(uz_owner, listing, uz_org)
    with pytest.raises(ValidationError) as refused:
        send(uz_owner, listings[3], uz_org)
    assert refused.value.code == "too_many"
    Interest.objects.filter(listing=listings[0]).update(status=InterestStatus.DECLINED)
    assert send(uz_owner, listings[3], uz_org).status == InterestStatus.SENT


@pytest.mark.django_db
def test_no_interest_in_ones_own_closed_or_unpublished_listing(ru_org, ru_owner, uz_org, uz_owner):
    own = ListingFactory(organisation=ru_org)
    with pytest.raises(ValidationError):
        send(ru_owner, own, ru_org)
    for fields in ({"open_for_interest": False}, {"status": "pending"}):
        closed = ListingFactory(organisation=ru_org, **fields)
        with pytest.raises(ValidationError) as refused:
            send(uz_owner, closed, uz_org)
        assert refused.value.code == "closed"
    with pytest.raises(PermissionDenied):
        send(uz_owner, ListingFactory(organisation=ru_org), OrganisationFactory())


@pytest.mark.django_db
def test_only_the_listings_organisation_answers_and_only_once(listing, uz_org, uz_owner, ru_owner):
    interest = send(uz_owner, listing, uz_org)
    with pytest.raises(PermissionDenied):
        services.interest_accept(actor=uz_owner, interest=interest)
    with pytest.raises(ValidationError) as refused:
        services.interest_decline(actor=ru_owner, interest=interest, reason=" ")
    assert "reason" in refused.value.message_dict
    services.interest_accept(actor=ru_owner, interest=interest)
    with pytest.raises(ValidationError):
        services.interest_decline(actor=ru_owner, interest=interest, reason="Changed my mind")


@pytest.mark.django_db
def test_the_conversation_opens_only_on_acceptance(listing, uz_org, uz_owner, ru_owner):
    interest = send(uz_owner, listing, uz_org)
    with pytest.raises(ValidationError):
        services.interest_message_post(actor=ru_owner, interest=interest, body="Hello")
    stranger = member_of(OrganisationFactory())
    interest = services.interest_accept(actor=ru_owner, interest=interest)
    with pytest.raises(PermissionDenied):
        services.interest_message_post(actor=stranger, interest=interest, body="Hi")


@pytest.mark.django_db
def test_an_anonymous_sender_is_named_only_after_acceptance(listing, uz_org, uz_owner, ru_owner):
    interest = send(uz_owner, listing, uz_org, anonymous=True)
    assert not sender_visible(ru_owner, interest)
    assert sender_visible(uz_owner, interest)
    interest = services.interest_accept(actor=ru_owner, interest=interest)
    assert sender_visible(ru_owner, interest)


@pytest.mark.django_db
def test_reminder_at_day_seven_expiry_at_day_fourteen_and_the_funnel(
    listing, uz_org, uz_owner, ru_owner, mailoutbox, django_capture_on_commit_callbacks
):
    interest = send(uz_owner, listing, uz_org)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.interests_tick(now=now + timedelta(days=6)) == {"reminded": 0, "expired": 0}
        assert services.interests_tick(now=now + timedelta(days=7, minutes=1)) == {
            "reminded": 1,
            "expired": 0,
        }
        assert services.interests_tick(now=now + timedelta(days=8)) == {"reminded": 0, "expired": 0}
        assert services.interests_tick(now=now + timedelta(days=14, minutes=1)) == {
            "reminded": 0,
            "expired": 1,
        }
    interest.refresh_from_db()
    assert interest.status == InterestStatus.EXPIRED
    assert [m.to for m in mailoutbox] == [[ru_owner.email], [uz_owner.email]]
    other = send(uz_owner, ListingFactory(organisation=listing.organisation, ref="x"), uz_org)
    services.interest_accept(actor=ru_owner, interest=other)
    figures = funnel()
    assert (figures["total"], figures["expired"], figures["accepted"], figures["sent"]) == (
        2,
        1,
        1,
        0,
    )
    assert figures["median_hours"] is not None


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_accepts_leave_one_accepted_interest(listing, uz_org, uz_owner, ru_owner):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers")
    colleague = member_of(listing.organisation, role="admin")
    interest = send(uz_owner, listing, uz_org)
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(person):
        try:
            barrier.wait(timeout=10)
            services.interest_accept(actor=person, interest=Interest(pk=interest.pk))
            outcomes.append("accepted")
        except ValidationError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(p,)) for p in (ru_owner, colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["accepted", "answered"]
    assert Interest.objects.get(pk=interest.pk).status == InterestStatus.ACCEPTED
    assert AuditEntry.objects.filter(action="interest.accept").count() == 1

"""Factories for partnering. `ListingFactory()` is a live (published, open) co-production offer
of a fresh Russian organisation, indexed for search but not matched: call `matched(...)` to
compute matches as the background task would."""

from datetime import timedelta

import factory
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.partnering.models import Interest, Listing, PartnerProfile
from bridge.partnering.search_index import ListingIndex
from bridge.partnering.services.matching import matches_recompute
from bridge.partnering.vocabulary import InterestStatus, Status
from bridge.search.services import search_index_update


def member_of(organisation, role=Role.MEMBER, **user):
    person = UserFactory(**user)
    Membership.objects.create(organisation=organisation, user=person, role=role)
    return person


class PartnerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerProfile

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "studio"
    size = "10-49"


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    ref = factory.Sequence(lambda n: f"ref-{n}")
    kind = "offer"
    type = "co-production"
    sectors = factory.LazyFunction(lambda: ["animation"])
    title = "Animated series on Nasreddin Afandi tales"
    summary = "We co-produce a 2D animated series for children based on the Afandi tales."
    language = "en"
    status = Status.PUBLISHED
    open_for_interest = True
    published_at = factory.LazyFunction(timezone.now)
    first_published_at = factory.LazyAttribute(lambda o: o.published_at)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=365))

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create:
            search_index_update(key=ListingIndex.key, objects=[self])


def matched(*listings) -> None:
    matches_recompute(listing_ids=[listing.pk for listing in listings])


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    listing = factory.SubFactory(ListingFactory)
    organisation = factory.SubFactory(
        OrganisationFactory,
        country="UZ",
        # a well-formed STIR of its own: one number is one organisation
        registration_number=factory.Sequence(lambda n: f"{300000000 + n}"),
        legal_form="uz-mchj",
    )
    message = "We would like to talk."
    brings = "A team of twelve animators."
    expects = "Co-financing and distribution in Russia."
    timing = "From March, for a year."
    status = InterestStatus.SENT


def event_made(**fields):
    """A published on-site event in Tashkent, open for registration, with its grid built:
    two days of 30-minute slots from 10:00 to 13:00 with a break at 11:30–12:00, three tables."""
    from datetime import date, time

    from bridge.partnering.models import Event
    from bridge.partnering.models.events import EventStatus
    from bridge.partnering.services.events import event_grid_build

    now = timezone.now()
    values = {
        "slug": f"b2b-{Event.objects.count() + 1}",
        "name_ru": "Деловые встречи",
        "name_uz": "Biznes uchrashuvlar",
        "name_en": "B2B meetings",
        "venue": "Tashkent, IT Park",
        "time_zone": "Asia/Tashkent",
        "first_day": date(2027, 3, 10),
        "days": 2,
        "slot_minutes": 30,
        "day_start": time(10, 0),
        "day_end": time(13, 0),
        "breaks": [["11:30", "12:00"]],
        "tables": 3,
        "registration_opens": now - timedelta(days=10),
        "registration_closes": now + timedelta(days=10),
        "request_expiry": timedelta(days=2),
        "pending_cap": 3,
        "status": EventStatus.PUBLISHED,
        **fields,
    }
    event = Event.objects.create(**values)
    event_grid_build(event=event)
    return event


def registered(event, organisation, person=None):
    from bridge.partnering.models import Registration

    person = person or member_of(organisation)
    return Registration.objects.create(event=event, person=person, organisation=organisation)


def accepted_request(event, sender, recipient):
    """A meeting request the recipient has accepted (the meeting itself is the test's)."""
    from bridge.partnering.models import MeetingRequest
    from bridge.partnering.models.events import RequestStatus

    return MeetingRequest.objects.create(
        event=event,
        sender=sender,
        recipient=recipient,
        message="x",
        status=RequestStatus.ACCEPTED,
        expires_at=event.registration_closes,
    )

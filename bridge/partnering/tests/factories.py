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
        OrganisationFactory, country="UZ", registration_number="306284157", legal_form="uz-mchj"
    )
    message = "We would like to talk."
    brings = "A team of twelve animators."
    expects = "Co-financing and distribution in Russia."
    timing = "From March, for a year."
    status = InterestStatus.SENT

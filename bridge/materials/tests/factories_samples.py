"""Factories for collections and sample requests."""

import factory
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.materials.models import (
    Collection,
    CollectionItem,
    SampleRequest,
    SampleRequestItem,
)
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status


def published_material(**kwargs):
    kwargs.setdefault("status", Status.PUBLISHED)
    kwargs.setdefault("published_at", timezone.now())
    kwargs.setdefault("sample_available", True)
    return MaterialFactory(**kwargs)


def supplier_with_member(role=Role.MEMBER, **kwargs):
    supplier = OrganisationFactory(country="UZ", **kwargs)
    person = UserFactory()
    Membership.objects.create(organisation=supplier, user=person, role=role)
    return supplier, person


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Moodboard {n}")


class CollectionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionItem

    collection = factory.SubFactory(CollectionFactory)
    material = factory.LazyFunction(published_material)


class SampleRequestFactory(factory.django.DjangoModelFactory):
    """A request with one line; pass `material=` to choose it (the supplier follows)."""

    class Meta:
        model = SampleRequest
        exclude = ["material"]
        skip_postgeneration_save = True

    material = factory.LazyFunction(published_material)
    supplier = factory.LazyAttribute(lambda o: o.material.supplier)
    requester = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    purpose = "Autumn collection of scarves"
    delivery_address = "Moscow, Tverskaya 1"

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if create:
            Membership.objects.get_or_create(organisation=self.organisation, user=self.requester)
            material = self.supplier.materials.first()
            SampleRequestItem.objects.create(request=self, material=material, quantity=2)

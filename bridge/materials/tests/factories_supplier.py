"""Helpers for the supplier dashboard, import, export and moderation tests."""

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.materials.services.materials import material_publish
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status


def supplier_with_owner(**kwargs):
    supplier = OrganisationFactory(country="UZ", **kwargs)
    user = UserFactory()
    Membership.objects.create(organisation=supplier, user=user, role=Role.OWNER)
    return supplier, user


def published(**kwargs):
    """A material published through the service (so it is in the search index)."""
    material = MaterialFactory(status=Status.PENDING, **kwargs)
    return material_publish(actor=None, material=material)

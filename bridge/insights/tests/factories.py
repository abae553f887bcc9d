"""Rows for the rollups to count, written as the other apps' services leave them, and staff
people of each role."""

from datetime import timedelta

from django.utils import timezone

from bridge.accounts.models import Organisation
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.materials.models import Category, Material, SampleRequest, SampleStatus
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status
from bridge.search.services import search_index_update


def staff(group: str):
    return UserFactory(is_staff=True, groups=[group])


def supplier(country: str = "UZ", **kwargs) -> Organisation:
    return OrganisationFactory(country=country, **kwargs)


def published(count: int, *, supplier: Organisation, category: str = "textiles", when=None):
    """`count` published materials of the supplier, in the search index as the services leave
    them (so the catalog API counts them)."""
    when = when or timezone.now()
    category_row = Category.objects.get(code=category)
    materials = [
        MaterialFactory(
            supplier=supplier,
            category=category_row,
            status=Status.PUBLISHED,
            published_at=when,
            sample_available=True,
        )
        for _ in range(count)
    ]
    Material.objects.filter(pk__in=[m.pk for m in materials]).update(
        created_at=when, updated_at=when
    )
    search_index_update(
        key="materials", objects=Material.objects.filter(pk__in=[m.pk for m in materials])
    )
    return materials


def sample_request(
    *, supplier, requester_org=None, created_at=None, answered_after=None, status=None
):
    """A sample request made at `created_at`, answered (accepted) `answered_after` later."""
    created_at = created_at or timezone.now() - timedelta(days=1)
    requester_org = requester_org or OrganisationFactory(country="RU")
    request = SampleRequest.objects.create(
        requester=UserFactory(),
        organisation=requester_org,
        supplier=supplier,
        purpose="Samples for a collection",
        delivery_address="Moscow",
        created_at=created_at,
    )
    values = {}
    if answered_after is not None:
        values = {
            "status": SampleStatus.ACCEPTED,
            "answered_at": created_at + answered_after,
            "accepted_at": created_at + answered_after,
        }
    if status:
        values["status"] = status
    if values:
        SampleRequest.objects.filter(pk=request.pk).update(**values)
        request.refresh_from_db()
    return request

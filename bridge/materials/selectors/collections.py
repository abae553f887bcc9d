"""Reads about collections and the comparison of materials."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from bridge.materials.models import (
    Collection,
    CollectionItem,
    Material,
)
from bridge.materials.selectors.materials import card_queryset
from bridge.materials.vocabulary import Status

MAX_COMPARE = 4


def material_url(material: Material) -> str:
    """The material's catalog page (the catalog's URLs may be absent in a partial setup)."""
    try:
        return reverse("materials_catalog:material", args=[material.supplier.slug, material.sku])
    except NoReverseMatch:
        return ""


def collections_of(user) -> QuerySet[Collection]:
    """The person's collections with their counts of published materials."""
    if not getattr(user, "is_authenticated", False):
        return Collection.objects.none()
    return Collection.objects.filter(owner=user).annotate(
        material_count=Count("items", filter=Q(items__material__status=Status.PUBLISHED))
    )


def collection_for_owner(*, user, pk: int) -> Collection | None:
    return collections_of(user).filter(pk=pk).first()


def collection_by_token(token: str) -> Collection | None:
    if not token or len(token) > 64:
        return None
    return Collection.objects.select_related("owner").filter(share_token=token).first()


def collection_materials(collection: Collection) -> list[Material]:
    """Published materials of the collection, newest first; others are hidden, not lost."""
    items = CollectionItem.objects.filter(
        collection=collection, material__status=Status.PUBLISHED
    ).prefetch_related(Prefetch("material", queryset=card_queryset()))
    materials = [item.material for item in items]
    for material in materials:
        material.url = material_url(material)
    return materials


def collections_holding(user, material: Material) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        CollectionItem.objects.filter(collection__owner=user, material=material).values_list(
            "collection_id", flat=True
        )
    )


def materials_for_compare(ids: list[int]) -> list[Material]:
    """Published materials in the order asked (ids already checked: at most MAX_COMPARE)."""
    by_id = {m.pk: m for m in card_queryset().filter(pk__in=ids)}
    materials = [by_id[i] for i in ids if i in by_id]
    for material in materials:
        material.url = material_url(material)
    return materials

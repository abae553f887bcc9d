"""Reads for one material and one supplier as the public pages and the API show them, and the
query every list of material cards shares."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404

from bridge.accounts.models import Organisation
from bridge.core.versions import Memo
from bridge.materials.models import (
    Category,
    Material,
    MaterialCertification,
    MaterialFibre,
    MaterialImage,
    MaterialPropertyValue,
)
from bridge.materials.rules import materials as rules
from bridge.materials.vocabulary import Status
from bridge.search.selectors import search

INDEX_KEY = "materials"


def card_prefetches() -> list[Prefetch]:
    """A card's related rows as plain lists on the material: ``card_fibres``, ``card_images``
    (in position order) and ``card_certificates`` (with their certification). Lists, not the
    relations' managers: Django builds no queryset per material for a list. 20 cards took
    13.0–13.3 ms with the managers' querysets, 6.8–9.3 with lists (docs/benchmarks.md)."""
    return [
        Prefetch("fibres", queryset=MaterialFibre.objects.all(), to_attr="card_fibres"),
        Prefetch(
            "images",
            queryset=MaterialImage.objects.order_by("position", "id"),
            to_attr="card_images",
        ),
        Prefetch(
            "certifications",
            queryset=MaterialCertification.objects.select_related("certification"),
            to_attr="card_certificates",
        ),
    ]


# What no card, comparison or API item shows: moderation, history, long texts of the material
# page and the supplier's profile. Left unread, a page of 20 cards was 1.7 ms faster to load
# on PostgreSQL, most of it the timestamps, which Django converts in Python (issue 14,
# docs/benchmarks.md). The material and supplier pages read their own rows in full.
CARD_LEAVES_OUT = (
    "sustainability_notes",
    "rejection_reason",
    "created_at",
    "updated_at",
    "supplier__legal_form",
    "supplier__registration_number",
    "supplier__description_ru",
    "supplier__description_uz",
    "supplier__description_en",
    "supplier__verification_reason",
    "supplier__verified_at",
    "supplier__created_at",
    "supplier__updated_at",
)


def card_queryset() -> QuerySet:
    """Published materials with what a card or an API item shows, in a fixed number of queries."""
    return (
        Material.objects.filter(status=Status.PUBLISHED)
        # Three levels: the category tree's depth, so ancestors() asks nothing more.
        .select_related("supplier", "category__parent__parent")
        .defer(*CARD_LEAVES_OUT)
        .prefetch_related(*card_prefetches())
    )


@dataclass(frozen=True)
class CategoryTree:
    """Every category, by id and by code, each holding its parent: ancestors() asks nothing.
    Shared by the requests of a process: read only."""

    by_id: dict[int, Category]
    by_code: dict[str, Category]


def _read_tree() -> CategoryTree:
    nodes = list(Category.objects.all())
    by_id = {node.pk: node for node in nodes}
    for node in nodes:
        if node.parent_id in by_id:
            Category.parent.field.set_cached_value(node, by_id[node.parent_id])
    return CategoryTree(by_id, {node.code: node for node in nodes})


# A few dozen rows that every page of cards and every search's facets name: read once per
# change of the catalog's data (bridge.core.versions).
category_tree = Memo(["materials"], _read_tree)


def in_order(ids: list[int]) -> list[Material]:
    """The published materials of ``ids`` as cards, in that order. Their categories come from
    category_tree(), not from three joins: 1.2–2 ms less per page of 20 on PostgreSQL
    (docs/benchmarks.md, issue 14)."""
    tree = category_tree()
    # Unordered: the rows are put in the order of ``ids`` below, and the model's default
    # order cost ~1 ms per page of 20.
    rows = card_queryset().select_related(None).select_related("supplier").order_by()
    by_id = {}
    for material in rows.filter(pk__in=ids):
        category = tree.by_id.get(material.category_id)
        if category is not None:  # else (newer than the tree) read when first shown
            Material.category.field.set_cached_value(material, category)
        by_id[material.pk] = material
    # The index may briefly hold a row that has just left the catalog: skip it.
    return [by_id[i] for i in ids if i in by_id]


def can_preview(user, material: Material) -> bool:
    """Unpublished listings: their supplier's managers and the moderators may look."""
    return rules.can_manage_materials(user, material.supplier) or rules.can_moderate_materials(user)


def material_for_viewer(*, user, supplier_slug: str, sku: str) -> Material:
    material = (
        Material.objects.select_related("supplier", "category", "category__parent")
        .prefetch_related(
            *card_prefetches(),
            # The category template's numbers (models/properties.py), in template order.
            Prefetch(
                "property_values",
                queryset=MaterialPropertyValue.objects.select_related("definition").order_by(
                    "definition__position", "definition__code"
                ),
            ),
        )
        .filter(supplier__slug=supplier_slug, sku=sku)
        .first()
    )
    if material is None:
        raise Http404
    if material.status != Status.PUBLISHED and not can_preview(user, material):
        raise Http404
    return material


def similar_materials(material: Material, *, limit: int = 4) -> list[Material]:
    """Other published materials of the same (most specific) category, newest first."""
    result = search(
        key=INDEX_KEY,
        filters={"category": [material.category.code]},
        sort="-created",
        page_size=limit + 1,
    )
    ids = [i for i in result.ids if i != material.pk][:limit]
    return in_order(ids)


def supplier_for_viewer(*, user, slug: str) -> Organisation:
    """A supplier's public page exists once it has a published material (or for its managers)."""
    supplier = (
        Organisation.objects.annotate(
            published=Count("materials", filter=Q(materials__status=Status.PUBLISHED))
        )
        .filter(slug=slug)
        .first()
    )
    if supplier is None:
        raise Http404
    if not supplier.published and not rules.can_manage_materials(user, supplier):
        raise Http404
    return supplier


def supplier_certificates(supplier: Organisation) -> list[dict]:
    """The certifications on the supplier's published materials: scheme, numbers, latest expiry."""
    rows = (
        MaterialCertification.objects.filter(
            material__supplier=supplier, material__status=Status.PUBLISHED
        )
        .values("certification__code", "certification__name", "number")
        .annotate(expires_on=Max("expires_on"), materials=Count("material", distinct=True))
        .order_by("certification__name", "number")
    )
    return [
        {
            "code": row["certification__code"],
            "name": row["certification__name"],
            "number": row["number"],
            "expires_on": row["expires_on"],
            "materials": row["materials"],
        }
        for row in rows
    ]


def supplier_materials(supplier: Organisation, *, limit: int = 48) -> tuple[int, list[Material]]:
    queryset = card_queryset().filter(supplier=supplier).order_by("-published_at", "-id")
    return queryset.count(), list(queryset[:limit])

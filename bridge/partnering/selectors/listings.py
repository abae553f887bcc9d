"""Reads of listings: browse and search (through the search engine), one listing for a reader,
an organisation's own, the validation queue."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from bridge.partnering import rules
from bridge.partnering.models import Listing
from bridge.partnering.search_index import live_listings
from bridge.partnering.vocabulary import Status
from bridge.search.selectors import search

INDEX_KEY = "partnering"
FACETS = ("kind", "type", "sector", "country", "language", "heritage", "stage")


@dataclass
class Browse:
    count: int
    listings: list[Listing]
    facets: dict[str, list[tuple[str, int]]]
    highlights: dict[int, dict[str, str]]
    suggestion: str | None
    approximate: bool


def _filters(filters: dict | None) -> dict[str, list[str]]:
    return {
        name: [str(v) for v in values if str(v)]
        for name, values in (filters or {}).items()
        if name in FACETS and values
    }


def browse(*, q: str = "", filters: dict | None = None, page: int = 1, page_size: int = 20):
    """Live listings for anyone: relevance with words, newest first without."""
    result = search(
        key=INDEX_KEY,
        q=q,
        filters=_filters(filters),
        facets=FACETS,
        page=page,
        page_size=page_size,
        sort="relevance" if (q or "").strip() else "-created",
    )
    rows = live_listings().select_related("organisation").in_bulk(result.ids)
    listings = [rows[pk] for pk in result.ids if pk in rows]
    return Browse(
        result.count,
        listings,
        result.facets,
        result.highlights,
        result.suggestion,
        result.approximate,
    )


def browse_ids(*, q: str = "", filters: dict | None = None, sort: str = "-created", limit=50):
    result = search(key=INDEX_KEY, q=q, filters=_filters(filters), sort=sort, page_size=limit)
    return result.ids


def listing_for(user, pk: int) -> Listing:
    """The listing if ``user`` may see it, else 404 (never tells a draft exists)."""
    listing = (
        Listing.objects.select_related("organisation", "organisation__partner_profile")
        .filter(pk=pk)
        .first()
    )
    if listing is None or not rules.can_view_listing(user, listing):
        raise Http404
    return listing


def organisation_listings(organisation) -> QuerySet:
    return (
        Listing.objects.filter(organisation=organisation)
        .annotate(
            interest_count=Count("interests", distinct=True),
            pending_interests=Count("interests", filter=Q(interests__status="sent"), distinct=True),
            match_count=Count("matches", distinct=True),
        )
        .order_by("-updated_at", "-id")
    )


def validation_queue() -> QuerySet:
    return (
        Listing.objects.filter(status=Status.PENDING)
        .select_related("organisation", "author")
        .order_by("submitted_at", "id")
    )


def public_listings() -> QuerySet:
    """The API's list: live listings, newest first, with what the items show."""
    return live_listings().select_related("organisation").order_by("-published_at", "-id")

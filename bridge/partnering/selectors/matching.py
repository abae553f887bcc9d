"""Reads of matches: a listing's best counterparts, one indexed query (the stored pairs, with
the counterparts that are still live)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from bridge.partnering.models import Listing, Match
from bridge.partnering.vocabulary import Status

MAX_LIMIT = 50


def matches_for(listing: Listing, *, limit: int = 20) -> QuerySet:
    now = timezone.now()
    limit = max(1, min(int(limit), MAX_LIMIT))
    return (
        Match.objects.filter(
            listing=listing,
            counterpart__status=Status.PUBLISHED,
            counterpart__open_for_interest=True,
        )
        .filter(Q(counterpart__expires_at__isnull=True) | Q(counterpart__expires_at__gt=now))
        .select_related(
            "counterpart", "counterpart__organisation", "counterpart__organisation__partner_profile"
        )
        .order_by("-score", "counterpart_id")[:limit]
    )

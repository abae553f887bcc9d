"""Reads about sample requests: lists for each side, one request, and the
supplier's figures (response time, acceptance rate) that the catalog shows."""

from datetime import datetime, timedelta
from statistics import median

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from bridge.accounts.models import Organisation
from bridge.materials.models import (
    SampleRequest,
    SampleRequestItem,
    SampleStatus,
)

STATS_WINDOW = timedelta(days=365)


def supplier_response_stats(*, supplier: Organisation, now: datetime | None = None) -> dict:
    """The supplier's record over the last 12 months.

    - `total`: requests it received, less those the requester cancelled before any answer;
    - `answered`: those it accepted or declined;
    - `median_response_hours`: median hours from the request to that answer (None if none);
    - `acceptance_rate`: accepted ÷ requests with an outcome (answered or expired unanswered),
      0..1, None when none has an outcome yet — so ignoring requests lowers it.
    """
    now = now or timezone.now()
    rows = list(
        SampleRequest.objects.filter(supplier=supplier, created_at__gte=now - STATS_WINDOW)
        .exclude(status=SampleStatus.CANCELLED, answered_at__isnull=True)
        .values_list("created_at", "answered_at", "accepted_at", "status")
    )
    hours = [
        (answered - created).total_seconds() / 3600
        for created, answered, _a, _s in rows
        if answered
    ]
    accepted = sum(1 for _c, _an, accepted_at, _s in rows if accepted_at)
    expired = sum(1 for *_x, status in rows if status == SampleStatus.EXPIRED)
    decided = len(hours) + expired
    return {
        "median_response_hours": round(median(hours), 1) if hours else None,
        "acceptance_rate": round(accepted / decided, 3) if decided else None,
        "answered": len(hours),
        "total": len(rows),
    }


def _with_lines(queryset: QuerySet[SampleRequest]) -> QuerySet[SampleRequest]:
    items = SampleRequestItem.objects.select_related("material")
    return queryset.select_related("requester", "organisation", "supplier").prefetch_related(
        Prefetch("items", queryset=items)
    )


def sample_requests_visible_to(user) -> QuerySet[SampleRequest]:
    """The requests a person may open: the ones they sent, and those sent to an organisation
    they belong to. Nobody else's — not colleagues' requests, not other suppliers'."""
    if not getattr(user, "is_authenticated", False):
        return SampleRequest.objects.none()
    return _with_lines(
        SampleRequest.objects.filter(
            Q(requester=user) | Q(supplier__memberships__user=user)
        ).distinct()
    )


def sample_requests_sent(user) -> QuerySet[SampleRequest]:
    return _with_lines(SampleRequest.objects.filter(requester=user))


def sample_requests_received(user) -> QuerySet[SampleRequest]:
    return _with_lines(SampleRequest.objects.filter(supplier__memberships__user=user).distinct())


def sample_request_detail(*, user, pk: int) -> SampleRequest | None:
    return (
        sample_requests_visible_to(user).prefetch_related("messages__author").filter(pk=pk).first()
    )


def supplier_sample_stats(*, supplier: Organisation) -> dict:
    """Response time and acceptance rate of a supplier, for its public page and the API."""
    stats = supplier_response_stats(supplier=supplier)
    return {
        "response_hours": stats["median_response_hours"],
        "acceptance_rate": stats["acceptance_rate"],
        "requests": stats["total"],
    }

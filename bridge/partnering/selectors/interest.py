"""Reads of expressions of interest: what each side sees, contacts once accepted, the funnel."""

from __future__ import annotations

from statistics import median

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from bridge.accounts.models import Membership, Role
from bridge.partnering import rules
from bridge.partnering.models import Interest, Listing
from bridge.partnering.vocabulary import InterestStatus


def accepted_organisations(listing: Listing) -> set[int]:
    """Organisations whose interest in the listing was accepted (they see an anonymous owner)."""
    return set(
        Interest.objects.filter(listing=listing, status=InterestStatus.ACCEPTED).values_list(
            "organisation_id", flat=True
        )
    )


def received(organisation_ids) -> QuerySet:
    return (
        Interest.objects.filter(listing__organisation_id__in=organisation_ids)
        .select_related("listing", "organisation", "organisation__partner_profile")
        .order_by("-created_at", "-id")
    )


def sent(organisation_ids) -> QuerySet:
    return (
        Interest.objects.filter(organisation_id__in=organisation_ids)
        .select_related(
            "listing", "listing__organisation", "listing__organisation__partner_profile"
        )
        .order_by("-created_at", "-id")
    )


def interest_for(user, pk: int) -> Interest:
    interest = (
        Interest.objects.select_related(
            "listing",
            "listing__organisation",
            "listing__organisation__partner_profile",
            "organisation",
            "organisation__partner_profile",
            "sender",
        )
        .filter(pk=pk)
        .first()
    )
    if interest is None or not rules.can_view_interest(user, interest):
        raise Http404
    return interest


def sender_visible(user, interest: Interest) -> bool:
    """The sender's name: unless it chose anonymity, or once accepted, or to its own side."""
    return (
        not interest.anonymous
        or interest.status == InterestStatus.ACCEPTED
        or rules.can_write_for(user, interest.organisation)
        or rules.is_staff_reader(user)
    )


def speakers(organisation_ids) -> dict[int, list]:
    """The owners and administrators of each organisation, in one query."""
    found: dict[int, list] = {}
    rows = Membership.objects.filter(
        organisation_id__in=set(organisation_ids), role__in=(Role.OWNER, Role.ADMIN)
    ).select_related("user")
    for membership in rows.order_by("role", "id"):
        found.setdefault(membership.organisation_id, []).append(membership.user)
    return found


def contacts(interest: Interest, people: dict[int, list] | None = None) -> dict | None:
    """Both sides' contacts, only once the interest is accepted."""
    if interest.status != InterestStatus.ACCEPTED:
        return None
    listing = interest.listing
    if people is None:
        people = speakers([listing.organisation_id, interest.organisation_id])

    def side(organisation, first):
        found = ([first] if first else []) + people.get(organisation.pk, [])
        return [{"name": p.display_name, "email": p.email} for p in dict.fromkeys(found)]

    return {
        "owner": {
            "organisation": listing.organisation,
            "people": side(listing.organisation, listing.author),
        },
        "sender": {
            "organisation": interest.organisation,
            "people": side(interest.organisation, interest.sender),
        },
    }


def funnel() -> dict:
    """Sent, accepted, declined, expired, waiting, and the median days to an answer."""
    counts = Interest.objects.aggregate(
        total=Count("id"),
        **{
            status: Count("id", filter=Q(status=status))
            for status in (s.value for s in InterestStatus)
        },
    )
    answered = Interest.objects.filter(
        status__in=(InterestStatus.ACCEPTED, InterestStatus.DECLINED), answered_at__isnull=False
    ).values_list("created_at", "answered_at")
    hours = [(b - a).total_seconds() / 3600 for a, b in answered]
    counts["median_hours"] = round(median(hours), 1) if hours else None
    return counts

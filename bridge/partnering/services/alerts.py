"""What the clock does (`manage.py partnering_tick`, hourly from cron or the worker): listing
expiry and reminders, interest expiry and reminders, the weekly digest of new matches, and
saved-search alerts. Each part is safe to run as often as one likes."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.partnering.models import Digest, Listing, Match, SavedSearch
from bridge.partnering.notifications import notify_organisation, notify_people
from bridge.partnering.services.interest import interests_tick
from bridge.partnering.services.listings import listings_tick
from bridge.partnering.vocabulary import Status

DIGEST_DAYS = 7
DIGEST_MAX = 10
ALERT_MAX = 10
MAX_SAVED_SEARCHES = 20
FILTER_NAMES = ("kind", "type", "sector", "country", "language", "heritage", "stage")


def digests_send(*, now=None) -> int:
    """One e-mail per organisation with matches not yet reported, at most weekly."""
    now = now or timezone.now()
    new = Match.objects.filter(
        notified_at__isnull=True,
        listing__status=Status.PUBLISHED,
        counterpart__status=Status.PUBLISHED,
    )
    organisations = set(new.values_list("listing__organisation_id", flat=True).distinct())
    recent = set(
        Digest.objects.filter(
            organisation_id__in=organisations, sent_at__gt=now - timedelta(days=DIGEST_DAYS)
        ).values_list("organisation_id", flat=True)
    )
    sent = 0
    for organisation_id in sorted(organisations - recent):
        with transaction.atomic():
            matches = list(
                new.filter(listing__organisation_id=organisation_id)
                .select_related("listing", "listing__organisation", "counterpart")
                .order_by("-score")
            )
            if not matches:
                continue
            organisation = matches[0].listing.organisation
            items = [
                {
                    "title": m.listing.title,
                    "counterpart": m.counterpart.title,
                    "url": m.counterpart.get_absolute_url(),
                }
                for m in matches[:DIGEST_MAX]
            ]
            Match.objects.filter(pk__in=[m.pk for m in matches]).update(notified_at=now)
            digest = Digest.objects.create(
                organisation=organisation, sent_at=now, matches=len(matches)
            )
            audit_log(actor=None, action="partnering.digest", target=digest, matches=len(matches))
            notify_organisation(
                organisation,
                template="partnering/email/digest",
                context={"count": len(matches), "items": items},
            )
            sent += 1
    return sent


def alerts_send(*, now=None) -> int:
    """E-mail each saved search's new finds: live listings published since it last looked."""
    from bridge.partnering.selectors.listings import browse_ids

    now = now or timezone.now()
    sent = 0
    for saved in SavedSearch.objects.select_related("user").filter(user__is_active=True):
        since = saved.seen_until or saved.created_at
        ids = browse_ids(q=saved.q, filters=saved.filters, sort="-created", limit=50)
        fresh = list(
            Listing.objects.filter(pk__in=ids, published_at__gt=since)
            .filter(status=Status.PUBLISHED)
            .order_by("-published_at")[:ALERT_MAX]
        )
        if not fresh:
            continue
        saved.seen_until = max(listing.published_at for listing in fresh)
        saved.last_alert_at = now
        saved.save(update_fields=["seen_until", "last_alert_at"])
        notify_people(
            [saved.user],
            template="partnering/email/saved_search",
            context={
                "q": saved.q,
                "items": [{"title": x.title, "url": x.get_absolute_url()} for x in fresh],
            },
        )
        sent += 1
    return sent


def partnering_tick(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    result = {}
    for name, value in listings_tick(now=now).items():
        result[f"listings_{name}"] = value
    for name, value in interests_tick(now=now).items():
        result[f"interests_{name}"] = value
    result["digests"] = digests_send(now=now)
    result["alerts"] = alerts_send(now=now)
    return result


@transaction.atomic
def saved_search_create(*, actor, q: str, filters: dict) -> SavedSearch:
    if not getattr(actor, "is_authenticated", False):
        raise ValidationError(_("Sign in to save a search."))
    q = (q or "").replace("\x00", "").strip()[:200]
    clean = {
        name: [str(v)[:100] for v in values][:20]
        for name, values in (filters or {}).items()
        if name in FILTER_NAMES and isinstance(values, list | tuple) and values
    }
    # Saving a search already kept gives it back, even when the list is full.
    existing = SavedSearch.objects.filter(user=actor, q=q, filters=clean).first()
    if existing:
        return existing
    if SavedSearch.objects.filter(user=actor).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            _("You can keep at most %(count)d saved searches; delete one first.")
            % {"count": MAX_SAVED_SEARCHES}
        )
    saved = SavedSearch.objects.create(user=actor, q=q, filters=clean, seen_until=timezone.now())
    audit_log(actor=actor, action="saved_search.create", target=saved)
    return saved


@transaction.atomic
def saved_search_delete(*, actor, saved: SavedSearch) -> None:
    if saved.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    audit_log(actor=actor, action="saved_search.delete", target=saved)
    saved.delete()

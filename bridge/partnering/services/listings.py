"""Writes of listings: draft, submit, validate (publish, return, reject), edit, open or close
for interest, renew, archive. Every change is audited; every change that alters what others
may see updates the search index in the same transaction and queues the matches."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation
from bridge.core.audit import audit_log
from bridge.partnering import rules
from bridge.partnering.cleaning import listing_fields_clean
from bridge.partnering.models import Listing
from bridge.partnering.notifications import notify_organisation
from bridge.partnering.vocabulary import EDITABLE_STATUSES, Status
from bridge.search.services import search_index_update

INDEX_KEY = "partnering"
LISTING_FIELDS = (
    "kind",
    "type",
    "sectors",
    "title",
    "summary",
    "description",
    "language",
    "keywords",
    "heritage",
    "countries_sought",
    "partner_kinds",
    "partner_sizes",
    "stage",
    "budget_min",
    "budget_max",
    "currency",
    "anonymous",
    "open_for_interest",
)


def lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "PARTNERING_LIFETIME_DAYS", 365))


def max_lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "PARTNERING_MAX_LIFETIME_DAYS", 730))


def new_ref(kind: str) -> str:
    return f"{kind[0]}-{timezone.now():%y%m%d}-{secrets.token_hex(3)}"


def after_change(listing: Listing) -> None:
    """Index now (same transaction); matches after the commit, in the background."""
    search_index_update(key=INDEX_KEY, objects=[listing])
    listing_id = listing.pk

    def enqueue():
        from bridge.partnering.tasks import matches_recompute_task

        matches_recompute_task.enqueue(listing_ids=[listing_id])

    transaction.on_commit(enqueue)


def _apply(listing: Listing, cleaned: dict) -> list[str]:
    changed = []
    for name in LISTING_FIELDS:
        if getattr(listing, name) != cleaned[name]:
            setattr(listing, name, cleaned[name])
            changed.append(name)
    return changed


@transaction.atomic
def listing_create(
    *, actor, organisation: Organisation, ref: str = "", expires_at=None, **fields
) -> Listing:
    if not rules.can_write_for(actor, organisation):
        raise PermissionDenied
    cleaned = listing_fields_clean(fields)
    listing = Listing(organisation=organisation, author=actor, ref=ref or new_ref(cleaned["kind"]))
    _apply(listing, cleaned)
    listing.expires_at = expires_at
    if Listing.objects.filter(organisation=organisation, ref=listing.ref).exists():
        raise ValidationError({"ref": _("This reference is already used by another listing.")})
    listing.save()
    audit_log(actor=actor, action="listing.create", target=listing)
    return listing


def _editable(actor, listing: Listing) -> None:
    if not rules.can_edit_listing(actor, listing):
        raise PermissionDenied
    if listing.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("This listing can no longer be changed (%(status)s).")
            % {"status": listing.get_status_display()},
            code="not_editable",
        )


@transaction.atomic
def listing_update(*, actor, listing: Listing, **fields) -> Listing:
    """A published listing stays published when edited; its matches are recomputed."""
    listing = _locked(listing)
    _editable(actor, listing)
    current = {name: getattr(listing, name) for name in LISTING_FIELDS}
    cleaned = listing_fields_clean({**current, **fields})
    changed = _apply(listing, cleaned)
    if changed:
        listing.save()
        audit_log(actor=actor, action="listing.update", target=listing, fields=changed)
        if listing.status == Status.PUBLISHED:
            after_change(listing)
    return listing


def _locked(listing: Listing) -> Listing:
    return (
        Listing.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=listing.pk)
    )


@transaction.atomic
def listing_submit(*, actor, listing: Listing) -> Listing:
    """Draft or returned → waiting for validation."""
    listing = _locked(listing)
    if not rules.can_edit_listing(actor, listing):
        raise PermissionDenied
    if listing.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(_("Only a draft or a returned listing can be sent for validation."))
    listing_fields_clean({name: getattr(listing, name) for name in LISTING_FIELDS})
    listing.status = Status.PENDING
    listing.submitted_at = timezone.now()
    listing.save()
    audit_log(actor=actor, action="listing.submit", target=listing)
    return listing


DECISIONS = {"publish": Status.PUBLISHED, "return": Status.RETURNED, "reject": Status.REJECTED}


def _publish(listing: Listing, now) -> None:
    listing.status = Status.PUBLISHED
    listing.published_at = now
    listing.first_published_at = listing.first_published_at or now
    if listing.expires_at is None or listing.expires_at <= now:
        listing.expires_at = now + lifetime()
    listing.status_reason = ""


@transaction.atomic
def listing_validate(*, actor, listing: Listing, decision: str, reason: str = "") -> Listing:
    """Staff decide on a listing waiting for validation: publish, return (with reasons the
    owner can act on) or reject (with reasons)."""
    if not rules.can_validate(actor):
        raise PermissionDenied
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose publish, return or reject.")})
    reason = (reason or "").strip()
    if decision != "publish" and not reason:
        raise ValidationError({"reason": _("Say why, so the organisation can act on it.")})
    listing = _locked(listing)
    if listing.status != Status.PENDING:
        raise ValidationError(
            _("“%(title)s” is not waiting for validation.") % {"title": listing.title},
            code="not_pending",
        )
    now = timezone.now()
    if decision == "publish":
        _publish(listing, now)
    else:
        listing.status = DECISIONS[decision]
        listing.status_reason = reason
    listing.save()
    audit_log(actor=actor, action=f"listing.{decision}", target=listing, reason=reason)
    if decision == "publish":
        after_change(listing)
    notify_organisation(
        listing.organisation,
        template=f"partnering/email/listing_{decision}",
        context={"title": listing.title, "reason": reason, "url": listing.get_absolute_url()},
    )
    return listing


def listings_validate(*, actor, listings, decision: str, reason: str = "") -> list[Listing]:
    """The queue's bulk action: each listing in its own transaction, all or none checked."""
    if not rules.can_validate(actor):
        raise PermissionDenied
    return [
        listing_validate(actor=actor, listing=listing, decision=decision, reason=reason)
        for listing in listings
    ]


@transaction.atomic
def listing_publish_direct(*, actor, listing: Listing) -> Listing:
    """Staff and scripts (the import's --publish, actor None) publish without the queue; still
    audited."""
    if actor is not None and not rules.can_validate(actor):
        raise PermissionDenied
    listing = _locked(listing)
    if listing.status == Status.PUBLISHED:
        return listing
    _publish(listing, timezone.now())
    listing.save()
    audit_log(actor=actor, action="listing.publish", target=listing, direct=True)
    after_change(listing)
    return listing


@transaction.atomic
def listing_set_open(*, actor, listing: Listing, open_for_interest: bool) -> Listing:
    listing = _locked(listing)
    if not rules.can_edit_listing(actor, listing):
        raise PermissionDenied
    if listing.open_for_interest != open_for_interest:
        listing.open_for_interest = open_for_interest
        listing.save()
        audit_log(actor=actor, action="listing.open", target=listing, open=open_for_interest)
        after_change(listing)
    return listing


@transaction.atomic
def listing_renew(*, actor, listing: Listing) -> Listing:
    """Once, by up to a lifetime, and never past the maximum from first publication."""
    listing = _locked(listing)
    if not rules.can_edit_listing(actor, listing):
        raise PermissionDenied
    if listing.status != Status.PUBLISHED or listing.renewed_at is not None:
        raise ValidationError(_("A listing can be renewed once, while it is published."))
    now = timezone.now()
    limit = (listing.first_published_at or now) + max_lifetime()
    new_expiry = min(now + lifetime(), limit)
    if listing.expires_at and new_expiry <= listing.expires_at:
        raise ValidationError(_("This listing has reached its longest lifetime."))
    listing.expires_at = new_expiry
    listing.renewed_at = now
    listing.expiry_reminded_at = None
    listing.save()
    audit_log(actor=actor, action="listing.renew", target=listing, expires=str(new_expiry))
    after_change(listing)
    return listing


@transaction.atomic
def listing_archive(*, actor, listing: Listing) -> Listing:
    listing = _locked(listing)
    if not (rules.can_edit_listing(actor, listing) or rules.can_validate(actor)):
        raise PermissionDenied
    if listing.status == Status.ARCHIVED:
        return listing
    listing.status = Status.ARCHIVED
    listing.save()
    audit_log(actor=actor, action="listing.archive", target=listing)
    after_change(listing)
    return listing


def listings_tick(*, now=None) -> dict[str, int]:
    """Remind owners 14 days before expiry; archive listings past it. Safe to run often."""
    now = now or timezone.now()
    reminded = archived = 0
    remind_days = getattr(settings, "PARTNERING_EXPIRY_REMINDER_DAYS", 14)
    due = Listing.objects.filter(
        status=Status.PUBLISHED,
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=remind_days),
        expiry_reminded_at__isnull=True,
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            listing = _locked(Listing(pk=pk))
            if listing.expiry_reminded_at is not None:
                continue
            listing.expiry_reminded_at = now
            listing.save(update_fields=["expiry_reminded_at", "updated_at"])
            audit_log(actor=None, action="listing.expiry_reminder", target=listing)
            notify_organisation(
                listing.organisation,
                template="partnering/email/listing_expiring",
                context={
                    "title": listing.title,
                    "url": listing.get_absolute_url(),
                    "expires": listing.expires_at.date().isoformat(),
                    "renewable": listing.renewed_at is None,
                },
            )
            reminded += 1
    gone = Listing.objects.filter(status=Status.PUBLISHED, expires_at__lte=now)
    for pk in gone.values_list("pk", flat=True):
        with transaction.atomic():
            listing = _locked(Listing(pk=pk))
            if listing.status != Status.PUBLISHED:
                continue
            listing.status = Status.ARCHIVED
            listing.save()
            audit_log(actor=None, action="listing.expire", target=listing)
            after_change(listing)
            archived += 1
    return {"reminded": reminded, "archived": archived}

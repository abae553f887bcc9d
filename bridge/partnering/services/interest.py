"""Writes of expressions of interest: send, accept, decline, talk, and the clock that reminds
at day 7 and expires at day 14. Acceptance locks the row, so two people accepting at once
leave one accepted interest and one clear refusal."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation
from bridge.core.audit import audit_log
from bridge.partnering import rules
from bridge.partnering.models import Interest, InterestMessage, Listing
from bridge.partnering.models.interest import ANSWER_MAX
from bridge.partnering.notifications import (
    notify_organisation,
    notify_people,
    organisation_recipients,
)
from bridge.partnering.vocabulary import InterestStatus

FIELDS = ("message", "brings", "expects", "timing")


def max_pending() -> int:
    return getattr(settings, "PARTNERING_MAX_PENDING_INTERESTS", 10)


def _text_error(value: str, *, required_message=None) -> str | None:
    if not value:
        return required_message or _("This field is required.")
    if len(value) > ANSWER_MAX:
        return _("At most %(limit)d characters (now %(count)d).") % {
            "limit": ANSWER_MAX,
            "count": len(value),
        }
    return None


def _clean_text(value: str, field: str, **kwargs) -> str:
    """One answer of at most ANSWER_MAX characters; NUL characters go."""
    value = (value or "").replace("\x00", "").strip()
    error = _text_error(value, **kwargs)
    if error:
        raise ValidationError({field: error})
    return value


def _texts(values: dict) -> dict[str, str]:
    out, errors = {}, {}
    for name in FIELDS:
        out[name] = (values.get(name) or "").replace("\x00", "").strip()
        error = _text_error(out[name])
        if error:
            errors[name] = error
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def interest_send(
    *, actor, listing: Listing, organisation: Organisation, anonymous: bool = False, **texts
) -> Interest:
    if not rules.can_write_for(actor, organisation):
        raise PermissionDenied
    if organisation.pk == listing.organisation_id:
        raise ValidationError(_("You cannot express interest in your own listing."), code="own")
    if not listing.is_matchable:
        raise ValidationError(
            _("This listing is not open for expressions of interest."), code="closed"
        )
    cleaned = _texts(texts)
    # One pending count per organisation: lock its row so parallel sends cannot both pass.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if Interest.objects.filter(listing=listing, organisation=organisation).exists():
        raise ValidationError(
            _("Your organisation has already expressed interest in this listing."),
            code="duplicate",
        )
    pending = Interest.objects.filter(organisation=organisation, status=InterestStatus.SENT)
    if pending.count() >= max_pending():
        raise ValidationError(
            _(
                "Your organisation has %(count)d expressions of interest waiting for an answer, "
                "the most allowed. Wait for answers before sending more."
            )
            % {"count": max_pending()},
            code="too_many",
        )
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                listing=listing,
                organisation=organisation,
                sender=actor,
                anonymous=bool(anonymous),
                **cleaned,
            )
    except IntegrityError:
        raise ValidationError(
            _("Your organisation has already expressed interest in this listing."),
            code="duplicate",
        ) from None
    audit_log(actor=actor, action="interest.send", target=interest, listing=listing.pk)
    notify_organisation(
        listing.organisation,
        template="partnering/email/interest_received",
        context={"title": listing.title, "url": interest.get_absolute_url()},
    )
    return interest


def _locked(interest: Interest) -> Interest:
    return (
        Interest.objects.select_for_update(of=("self",))
        .select_related("listing", "listing__organisation", "organisation", "sender")
        .get(pk=interest.pk)
    )


def _sender_side(interest: Interest):
    people = [interest.sender] if interest.sender and interest.sender.is_active else []
    return people + organisation_recipients(interest.organisation)


def _answered(actor, interest: Interest, status: str, **fields) -> Interest:
    """The owner's answer, on the locked row: a second answer (two people at once) is refused."""
    interest = _locked(interest)
    if not rules.can_answer_interest(actor, interest):
        raise PermissionDenied
    if interest.status != InterestStatus.SENT:
        raise ValidationError(
            _("This expression of interest has already been answered (%(status)s).")
            % {"status": interest.get_status_display()},
            code="answered",
        )
    interest.status = status
    interest.answered_at = timezone.now()
    interest.answered_by = actor
    for name, value in fields.items():
        setattr(interest, name, value)
    interest.save()
    return interest


@transaction.atomic
def interest_accept(*, actor, interest: Interest) -> Interest:
    interest = _answered(actor, interest, InterestStatus.ACCEPTED)
    audit_log(actor=actor, action="interest.accept", target=interest)
    notify_people(
        _sender_side(interest),
        template="partnering/email/interest_accepted",
        context={"title": interest.listing.title, "url": interest.get_absolute_url()},
    )
    return interest


@transaction.atomic
def interest_decline(*, actor, interest: Interest, reason: str) -> Interest:
    reason = _clean_text(
        reason, "reason", required_message=_("Say why, so the organisation can act on it.")
    )
    interest = _answered(actor, interest, InterestStatus.DECLINED, decline_reason=reason)
    audit_log(actor=actor, action="interest.decline", target=interest)
    notify_people(
        _sender_side(interest),
        template="partnering/email/interest_declined",
        context={
            "title": interest.listing.title,
            "reason": reason,
            "url": interest.get_absolute_url(),
        },
    )
    return interest


@transaction.atomic
def interest_message_post(*, actor, interest: Interest, body: str) -> InterestMessage:
    body = _clean_text(body, "body")
    if not rules.can_post_in_thread(actor, interest):
        raise PermissionDenied
    if interest.status != InterestStatus.ACCEPTED:
        raise ValidationError(_("The conversation opens once the interest is accepted."))
    owner_side = rules.can_answer_interest(actor, interest)
    organisation = interest.listing.organisation if owner_side else interest.organisation
    message = InterestMessage.objects.create(
        interest=interest, author=actor, organisation=organisation, body=body
    )
    audit_log(actor=actor, action="interest.message", target=interest)
    other = interest.organisation if owner_side else interest.listing.organisation
    notify_organisation(
        other,
        template="partnering/email/interest_message",
        context={"title": interest.listing.title, "url": interest.get_absolute_url()},
    )
    return message


def interests_tick(*, now=None) -> dict[str, int]:
    """Remind owners of interests unanswered for 7 days; expire those unanswered for 14."""
    now = now or timezone.now()
    expire_days = getattr(settings, "PARTNERING_INTEREST_EXPIRE_DAYS", 14)
    remind_days = getattr(settings, "PARTNERING_INTEREST_REMIND_DAYS", 7)
    pending = Interest.objects.filter(status=InterestStatus.SENT)
    expired = reminded = 0
    old = pending.filter(created_at__lte=now - timedelta(days=expire_days))
    for pk in old.values_list("pk", flat=True):
        with transaction.atomic():
            interest = _locked(Interest(pk=pk))
            if interest.status != InterestStatus.SENT:
                continue
            interest.status = InterestStatus.EXPIRED
            interest.answered_at = now
            interest.save()
            audit_log(actor=None, action="interest.expire", target=interest)
            notify_people(
                _sender_side(interest),
                template="partnering/email/interest_expired",
                context={"title": interest.listing.title, "url": interest.get_absolute_url()},
            )
            expired += 1
    due = pending.filter(
        created_at__lte=now - timedelta(days=remind_days), reminded_at__isnull=True
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            interest = _locked(Interest(pk=pk))
            if interest.status != InterestStatus.SENT or interest.reminded_at:
                continue
            interest.reminded_at = now
            interest.save(update_fields=["reminded_at"])
            audit_log(actor=None, action="interest.remind", target=interest)
            notify_organisation(
                interest.listing.organisation,
                template="partnering/email/interest_reminder",
                context={"title": interest.listing.title, "url": interest.get_absolute_url()},
            )
            reminded += 1
    return {"reminded": reminded, "expired": expired}

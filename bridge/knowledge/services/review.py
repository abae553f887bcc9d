"""The workflow of a language version: draft → sent for review → published (or returned with a
reason), archived when it is withdrawn. Reviewers are agency staff with `review_entry`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.knowledge import notifications, rules
from bridge.knowledge.models import Entry, Practice, Status, TranslationRequest
from bridge.knowledge.services.practices import reindex


def _locked(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().select_related("practice").get(pk=entry.pk)


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="status")


@transaction.atomic
def entry_submit(*, actor, entry: Entry) -> Entry:
    entry = _locked(entry)
    if not rules.can_edit_practice(actor, entry.practice):
        raise PermissionDenied
    if entry.status not in (Status.DRAFT, Status.RETURNED):
        raise _refuse(_("Only a draft or a returned version can be sent for review."))
    entry.status = Status.REVIEW
    entry.submitted_at = timezone.now()
    entry.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_log(actor=actor, action="knowledge.entry_submit", target=entry)
    return entry


def _tell_authors(practice: Practice, entry: Entry, template: str, **context) -> None:
    def made(language: str) -> dict:
        return {
            "title": notifications.practice_title(practice, language, any_status=True),
            "url": notifications.absolute(practice.get_absolute_url()),
            "language": entry.get_language_display(),
            **context,
        }

    for person in notifications.practice_recipients(practice):
        notifications.send(person, template, made)


def _fulfil_translation_requests(entry: Entry) -> None:
    requests = TranslationRequest.objects.filter(
        practice=entry.practice, language=entry.language, fulfilled_at__isnull=True
    ).select_related("requested_by")
    for request in requests:
        notifications.send(
            request.requested_by,
            "translation_published",
            lambda _language: {
                "title": entry.title,
                "url": notifications.absolute(entry.get_absolute_url()),
                "language": entry.get_language_display(),
            },
        )
    requests.update(fulfilled_at=timezone.now())


@transaction.atomic
def entry_publish(*, actor, entry: Entry) -> Entry:
    """Publish a version in review; on a published version changed since, mark it reviewed."""
    entry = _locked(entry)
    if not rules.can_review(actor):
        raise PermissionDenied
    changed = entry.status == Status.PUBLISHED and entry.changed_after_review
    if entry.status != Status.REVIEW and not changed:
        raise _refuse(_("Only a version in review can be published."))
    now = timezone.now()
    first = entry.status != Status.PUBLISHED
    entry.status = Status.PUBLISHED
    entry.published_at = entry.published_at or now
    entry.changed_after_review = False
    entry.review_note = ""
    entry.reviewed_revision = entry.revision
    entry.save()
    practice = entry.practice
    if practice.first_published_at is None:
        practice.first_published_at = now
        practice.save(update_fields=["first_published_at", "updated_at"])
    audit_log(actor=actor, action="knowledge.entry_publish", target=entry, first=first)
    reindex(practice)
    if first:
        _tell_authors(practice, entry, "entry_published")
        _fulfil_translation_requests(entry)
    return entry


@transaction.atomic
def entry_return(*, actor, entry: Entry, reason: str) -> Entry:
    """Send a version back to its authors with what to change; a published one leaves the
    library until it is sent again and published."""
    entry = _locked(entry)
    if not rules.can_review(actor):
        raise PermissionDenied
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Say what the authors should change.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep it to 2000 characters.")})
    if entry.status not in (Status.REVIEW, Status.PUBLISHED):
        raise _refuse(_("Only a version in review or published can be returned."))
    entry.status = Status.RETURNED
    entry.review_note = reason
    entry.changed_after_review = False
    entry.save()
    audit_log(actor=actor, action="knowledge.entry_return", target=entry, reason=reason)
    reindex(entry.practice)
    _tell_authors(entry.practice, entry, "entry_returned", reason=reason)
    return entry


@transaction.atomic
def entry_archive(*, actor, entry: Entry) -> Entry:
    """Withdraw a version from the library (its authors or a reviewer)."""
    entry = _locked(entry)
    if not (rules.can_edit_practice(actor, entry.practice) or rules.can_review(actor)):
        raise PermissionDenied
    if entry.status == Status.ARCHIVED:
        return entry
    entry.status = Status.ARCHIVED
    entry.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="knowledge.entry_archive", target=entry)
    reindex(entry.practice)
    return entry

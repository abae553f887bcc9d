"""Attachments of a listing: added and removed by its organisation, checked by content."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.core.images import image_strip
from bridge.partnering import rules
from bridge.partnering.files import MAX_ATTACHMENTS, attachment_kind
from bridge.partnering.models import Attachment, Listing
from bridge.partnering.vocabulary import EDITABLE_STATUSES


@transaction.atomic
def attachment_add(*, actor, listing: Listing, upload) -> Attachment:
    if not rules.can_edit_listing(actor, listing):
        raise PermissionDenied
    if listing.status not in EDITABLE_STATUSES:
        raise ValidationError({"attachment": _("This listing can no longer be changed.")})
    if listing.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachment": _("At most %(count)d files per listing.") % {"count": MAX_ATTACHMENTS}}
        )
    try:
        kind = attachment_kind(upload)
    except ValidationError as exc:
        raise ValidationError({"attachment": exc.messages}) from None
    name = (getattr(upload, "name", "") or "file").rsplit("/", 1)[-1][:150]
    if kind in ("png", "jpeg"):  # stored without EXIF: no GPS position or author travels on
        upload = image_strip(upload, fmt=kind.upper())
    attachment = Attachment(listing=listing, kind=kind, name=name, size=upload.size)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit_log(actor=actor, action="listing.attachment_add", target=listing, file=name)
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    listing = attachment.listing
    if not rules.can_edit_listing(actor, listing):
        raise PermissionDenied
    audit_log(actor=actor, action="listing.attachment_remove", target=listing, file=attachment.name)
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))

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

# The extensions a downloaded file may keep for what its bytes were found to be.
EXTENSIONS = {"pdf": (".pdf",), "png": (".png",), "jpeg": (".jpg", ".jpeg")}


def shown_name(uploaded: str, kind: str) -> str:
    """The name a downloader's computer opens the file by: the uploaded one, with the extension
    of what the bytes are. A PDF sent as "offer.html" would otherwise open in a browser."""
    name = (uploaded or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or "file"
    allowed = EXTENSIONS[kind]
    if not name.lower().endswith(allowed):
        stem, dot, _old = name.rpartition(".")
        name = f"{stem if dot and stem else name}{allowed[0]}"
    if len(name) > 150:
        stem, _dot, extension = name.rpartition(".")
        name = f"{stem[: 149 - len(extension)]}.{extension}"
    return name


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
    name = shown_name(getattr(upload, "name", ""), kind)
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

"""Attachments are checked by their bytes, not their names: a PDF by its structure
(bridge.core.files), an image by Pillow decoding it fully. Anything else is refused."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from bridge.core.files import is_pdf, upload_size
from bridge.core.images import decoded_format

MAX_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
MAX_PIXELS = 40_000_000


def _image_kind(upload) -> str | None:
    fmt = decoded_format(upload, formats={"PNG", "JPEG"}, max_pixels=MAX_PIXELS)
    return {"PNG": "png", "JPEG": "jpeg"}.get(fmt or "")


def attachment_kind(upload) -> str:
    """ "pdf", "png" or "jpeg"; a translated ValidationError for anything else or too large."""
    size = upload_size(upload)
    if size > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s; please choose a smaller file.")
            % {"limit": filesizeformat(MAX_BYTES)},
            code="too_large",
        )
    kind = "pdf" if is_pdf(upload) else _image_kind(upload)
    upload.seek(0)
    if kind is None:
        raise ValidationError(
            _("Attach a PDF, PNG or JPEG file. This file is not one of them, or it is damaged."),
            code="file_type",
        )
    return kind

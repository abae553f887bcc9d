"""Material photos: checked and re-encoded by bridge.core.images (pixels only, no metadata)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from bridge.core.images import logo_clean

IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_SIDE = 2000


def material_image_clean(upload) -> ContentFile:
    if upload.size is not None and upload.size > IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(IMAGE_MAX_BYTES)},
            code="too_large",
        )
    return logo_clean(upload, max_bytes=IMAGE_MAX_BYTES, max_side=IMAGE_MAX_SIDE)

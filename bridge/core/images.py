"""Uploaded images: check that a file really is an allowed image, then re-encode it.

Re-encoding keeps only the pixels: EXIF (camera, GPS position), ICC comments and any payload
appended after the image data are dropped, and the size is bounded.
"""

import threading
import uuid
import warnings
from contextlib import contextmanager
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError, features

LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
LOGO_MAX_SIDE = 512
# A 2 MB file can still claim to be 30,000 × 30,000 pixels; refuse before decoding it.
MAX_PIXELS = 25_000_000


# Everything Pillow raises on a damaged, truncated, unknown or oversized image.
_UNREADABLE = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
)


_strict = threading.Lock()


@contextmanager
def _strict_decoding():
    """Truncated pixel data raises while an upload is checked. WeasyPrint sets Pillow's global
    LOAD_TRUNCATED_IMAGES when it is imported (a PDF export in the same process), after which a
    truncated upload would decode, grey-filled, and be accepted; the flag is restored after."""
    with _strict:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def decoded_format(upload, *, formats, max_pixels: int = MAX_PIXELS) -> str | None:
    """The image's format (PNG, JPEG, WEBP…) if it is one of `formats`, of at most `max_pixels`,
    and its pixels really decode; else None. The upload is left at its start.

    The first bytes are not enough: a truncated file, or a polyglot that starts like an image,
    fails only when it is decoded (later, as a 500), and a few kilobytes can claim a hundred
    million pixels. So the size is read from the header and checked before any pixel is decoded
    (Pillow's own bomb warning counts as a refusal), verify() checks the structure and checksums,
    and a second open decodes every pixel."""
    try:
        with warnings.catch_warnings(), _strict_decoding():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                fmt = probe.format
                if fmt not in formats or probe.width * probe.height > max_pixels:
                    return None
                probe.verify()  # the image is unusable afterwards
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()  # verify() misses truncated pixel data; decoding does not
    except _UNREADABLE:
        return None
    finally:
        upload.seek(0)
    return fmt


def _refuse() -> ValidationError:
    return ValidationError(
        _("Upload a PNG, JPEG or WebP image. This file is not one of them, or it is damaged."),
        code="invalid_image",
    )


def logo_clean(
    upload, *, max_bytes: int | None = None, max_side: int = LOGO_MAX_SIDE
) -> ContentFile:
    """Return the logo re-encoded (WebP, or PNG where WebP is unavailable), at most 512×512.

    Raises ValidationError with a message meant for the person who uploaded the file.
    """
    max_bytes = max_bytes or settings.LOGO_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The image is larger than %(limit)s; please choose a smaller file.")
            % {"limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    try:
        with warnings.catch_warnings(), _strict_decoding():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                if probe.format not in LOGO_FORMATS:
                    raise _refuse()
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise _refuse()
                probe.verify()  # structure and checksums; the image is unusable afterwards
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except ValidationError:
        raise
    except _UNREADABLE as exc:
        raise _refuse() from exc

    image = ImageOps.exif_transpose(image)  # keep the orientation the camera recorded
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    image.info = {}  # nothing of the original's metadata travels on

    out = BytesIO()
    if features.check("webp"):
        image.save(out, format="WEBP", quality=90, method=4)
        extension = "webp"
    else:
        image.save(out, format="PNG", optimize=True)
        extension = "png"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex[:16]}.{extension}")


def image_strip(upload, *, fmt: str) -> ContentFile:
    """The same picture in the same format (PNG, JPEG or WebP) and size, without its metadata:
    for attachments whose pixels must stay as they are, but whose EXIF (GPS position, camera,
    author) must not travel on. The upload must already be checked as an image of that format."""
    upload.seek(0)
    with Image.open(upload) as source:
        image = ImageOps.exif_transpose(source)
        image.load()
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.info = {}
    out = BytesIO()
    options = {"quality": 92} if fmt in ("JPEG", "WEBP") else {"optimize": True}
    image.save(out, format=fmt, **options)
    upload.seek(0)
    return ContentFile(out.getvalue(), name=getattr(upload, "name", None) or "image")

"""Thumbnails of material photos: WebP files beside the photo, 320 and 640 pixels wide.

`<name>.webp` gets `<name>.w320.webp` and `<name>.w640.webp`, made when the photo is added
(services.material_image_add) and deleted with it. No database fields: a thumbnail's name follows
from the photo's, and `thumbnail_url` falls back to the photo itself when a thumbnail is missing
(a photo narrower than the width, or one stored before thumbnails existed).
"""

import contextlib
import posixpath
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, features

WIDTHS = (320, 640)


def thumbnail_name(name: str, width: int) -> str:
    stem, _extension = posixpath.splitext(name)
    extension = "webp" if features.check("webp") else "png"
    return f"{stem}.w{width}.{extension}"


def thumbnails_create(*, storage, name: str, data: bytes) -> list[str]:
    """Write the thumbnails of the stored photo `name` (whose bytes are `data`); return their names.

    Only widths smaller than the photo are made; an existing file of the same name is replaced, so
    the result is the same however often it runs.
    """
    made = []
    with Image.open(BytesIO(data)) as source:
        source.load()
        for width in WIDTHS:
            if source.width <= width:
                continue
            height = max(1, round(source.height * width / source.width))
            small = source.resize((width, height), Image.Resampling.LANCZOS)
            out = BytesIO()
            if features.check("webp"):
                small.save(out, format="WEBP", quality=82, method=4)
            else:
                small.save(out, format="PNG", optimize=True)
            target = thumbnail_name(name, width)
            if storage.exists(target):
                storage.delete(target)
            made.append(storage.save(target, ContentFile(out.getvalue())))
    return made


def thumbnails_delete(*, storage, name: str) -> None:
    for width in WIDTHS:
        storage.delete(thumbnail_name(name, width))


def thumbnail_url(image, width: int) -> str:
    """URL of the photo's thumbnail `width` pixels wide, or of the photo itself when there is none."""
    field = image.image
    target = thumbnail_name(field.name, width)
    if field.storage.exists(target):
        return field.storage.url(target)
    return field.url


def srcset(image) -> str:
    """An `<img srcset>` value: each thumbnail that exists, then the photo at its own width."""
    field = image.image
    entries = []
    for width in WIDTHS:
        target = thumbnail_name(field.name, width)
        if field.storage.exists(target):
            entries.append(f"{field.storage.url(target)} {width}w")
    with contextlib.suppress(OSError, ValueError):  # the file is gone: the thumbnails alone
        entries.append(f"{field.url} {field.width}w")
    return ", ".join(entries)

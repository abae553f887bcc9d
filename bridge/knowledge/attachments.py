"""Attached files are recognised by what they contain, never by their name or declared type: a
PDF by its header and trailer, office documents by the parts inside their ZIP container (which
may not inflate into a bomb), images by Pillow (opened, verified and decoded, within a pixel
limit), text by decoding as UTF-8 without control characters. The name's extension must agree
with the content, so a renamed program or page is refused."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from bridge.core.files import zip_is_sane
from bridge.core.images import decoded_format, image_strip

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Office files are ZIP containers: the part that says which application wrote them.
_OFFICE_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_OPEN_DOCUMENT = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_IMAGES = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
# The extensions each kind may be named with.
EXTENSIONS = {
    "pdf": {"pdf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "ods": {"ods"},
    "odp": {"odp"},
    "png": {"png"},
    "jpg": {"jpg", "jpeg"},
    "webp": {"webp"},
    "csv": {"csv"},
    "txt": {"txt", "md"},
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "csv": "text/csv; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    name: str  # cleaned, for people
    size: int
    # What to store: the upload itself, or an image re-encoded without its metadata (EXIF, GPS).
    content: object = None


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    return size


def _is_pdf(head: bytes, upload, size: int) -> bool:
    if not head.startswith(b"%PDF-"):
        return False
    upload.seek(max(0, size - 1024))
    return b"%%EOF" in upload.read()


def _zip_kind(upload) -> str | None:
    if not zip_is_sane(upload):  # a document that would inflate into a bomb is refused too
        return None
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            for kind, part in _OFFICE_PARTS.items():
                if part in names and "[Content_Types].xml" in names:
                    return kind
            if "mimetype" in names:
                mimetype = archive.read("mimetype").strip()
                for kind, declared in _OPEN_DOCUMENT.items():
                    if mimetype == declared:
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError):
        return None
    return None


def _image_kind(upload) -> str | None:
    fmt = decoded_format(upload, formats=set(_IMAGES), max_pixels=MAX_PIXELS)
    return _IMAGES.get(fmt or "")


def _text_kind(upload, extension: str) -> str | None:
    upload.seek(0)
    data = upload.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        return None
    # An HTML page or a script named .txt stays a page; it is not offered as text.
    if text.lstrip()[:1] == "<":
        return None
    return "csv" if extension == "csv" else "txt"


def detect(upload, extension: str) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    size = _size(upload)
    if _is_pdf(head, upload, size):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    image = _image_kind(upload)
    if image:
        return image
    if extension in EXTENSIONS["csv"] | EXTENSIONS["txt"]:
        return _text_kind(upload, extension)
    return None


def _refused() -> ValidationError:
    return ValidationError(
        _(
            "Attach a PDF, a Word, Excel or PowerPoint document (or their OpenDocument kin), a "
            "PNG, JPEG or WebP image, or a CSV or text file. This file is none of them, its name "
            "does not match what it contains, or it is damaged."
        ),
        code="file_type",
    )


def attachment_clean(upload, *, max_bytes: int = MAX_BYTES) -> CheckedFile:
    """The file's kind, cleaned name and size; a ValidationError that says why it is refused."""
    if upload is None:
        raise _refused()
    size = _size(upload)
    if size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(limit)s; please choose a smaller file.")
            % {"limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    name = PurePosixPath((getattr(upload, "name", "") or "").replace("\\", "/")).name
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    kind = detect(upload, extension)
    upload.seek(0)
    if kind is None or extension not in EXTENSIONS[kind]:
        raise _refused()
    cleaned = get_valid_filename(name)[-150:] if name else f"file.{extension}"
    content = upload
    image_format = next((fmt for fmt, image_kind in _IMAGES.items() if image_kind == kind), None)
    if image_format:
        content = image_strip(upload, fmt=image_format)
        content.name, size = cleaned, content.size
    return CheckedFile(kind=kind, name=cleaned, size=size, content=content)

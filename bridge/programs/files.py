"""Uploaded files of applications: a pitch deck must really be a PDF, whatever its name says.

A PDF is recognised by its structure, not its name or declared type: the `%PDF-x.y` header, the
`startxref <offset>` + `%%EOF` trailer, and an offset that lands on a cross-reference table or
stream inside the file. Anything else (a renamed image, an HTML page, a truncated upload) is refused.
A picture must decode, pixel by pixel, within a pixel limit, and a ZIP archive must open and not
inflate into a bomb: the first bytes alone let a truncated picture or a polyglot through (a 500
when its metadata was stripped) and had a decompression bomb decoded.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from bridge.core.files import is_pdf, pdf_without_metadata, zip_is_sane
from bridge.core.files import upload_size as _size
from bridge.core.images import decoded_format, image_strip

PITCH_DECK_MAX_BYTES = 20 * 1024 * 1024
ANSWER_FILE_MAX_BYTES = 20 * 1024 * 1024
# A picture's pixels are decoded to strip its metadata: bounded, as for every other attachment.
ANSWER_MAX_PIXELS = 40_000_000

# Other file answers: the first bytes of the types a call may ask for.
_SIGNATURES = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "zip": (b"PK\x03\x04",),
}


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        _("The file is larger than %(limit)s; please choose a smaller file.")
        % {"limit": filesizeformat(limit)},
        code="too_large",
    )


def _not_pdf() -> ValidationError:
    return ValidationError(
        _("This file is not a PDF document, or it is damaged. Please upload a PDF."),
        code="not_pdf",
    )


def pdf_clean(upload, *, max_bytes: int = PITCH_DECK_MAX_BYTES):
    """Return the upload if it is a PDF of at most `max_bytes`; else a ValidationError that says why."""
    if upload is None:
        raise _not_pdf()
    if _size(upload) > max_bytes:
        raise _too_large(max_bytes)
    if not is_pdf(upload):
        raise _not_pdf()
    upload.seek(0)
    return upload


def _decodes(upload, kind: str) -> bool:
    """Whether a file that starts like `kind` is one, whole: a picture whose pixels decode (within
    the pixel limit), a ZIP archive that opens and is no bomb."""
    if kind == "zip":
        return zip_is_sane(upload)
    fmt = kind.upper()
    return decoded_format(upload, formats={fmt}, max_pixels=ANSWER_MAX_PIXELS) == fmt


def file_kind(upload) -> str | None:
    """ "pdf", "png", "jpeg", "zip", or None when the content is none of them, or is damaged."""
    if is_pdf(upload):
        return "pdf"
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, signatures in _SIGNATURES.items():
        if head.startswith(signatures):
            return kind if _decodes(upload, kind) else None
    return None


def answer_file_clean(upload, *, max_bytes: int = ANSWER_FILE_MAX_BYTES) -> str:
    """A file answer: a PDF, PNG, JPEG or ZIP, recognised by content, of at most `max_bytes`.
    Returns its kind."""
    if _size(upload) > max_bytes:
        raise _too_large(max_bytes)
    kind = file_kind(upload)
    if kind is None:
        raise ValidationError(
            _(
                "Upload a PDF, PNG, JPEG or ZIP file. This file is not one of them, or it is damaged."
            ),
            code="file_type",
        )
    upload.seek(0)
    return kind


def without_metadata(upload, kind: str | None):
    """What is stored of a checked upload: PDFs and pictures without the metadata that names
    their author (PDF document information and XMP; EXIF), since a blind call's reviewers read
    these files and nothing in them may name the applicant. ZIP files are stored as sent."""
    if kind == "pdf":
        upload.seek(0)
        return ContentFile(pdf_without_metadata(upload.read()), name="upload.pdf")
    if kind in ("png", "jpeg"):
        return image_strip(upload, fmt=kind.upper())
    upload.seek(0)
    return upload

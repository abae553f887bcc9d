"""Recognising uploaded files by their bytes, not their names or declared types.

A PDF is recognised by its structure: the `%PDF-x.y` header, the `startxref <offset>` + `%%EOF`
trailer, and an offset that lands on a cross-reference table or stream inside the file. Anything
else (a renamed image, an HTML page, a truncated upload) is not a PDF.
"""

import re

_HEADER = re.compile(rb"%PDF-[12]\.\d")
_TRAILER = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_STREAM = re.compile(rb"\d+\s+\d+\s+obj\b")
_TAIL = 2048


def upload_size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    return size


def is_pdf(upload) -> bool:
    """Leaves the upload at its start."""
    size = upload_size(upload)
    if size < 32:
        return False
    upload.seek(0)
    head = upload.read(1024)
    if not _HEADER.match(head):
        upload.seek(0)
        return False
    upload.seek(max(0, size - _TAIL))
    tail = upload.read(_TAIL)
    match = _TRAILER.search(tail)
    offset = int(match.group(1)) if match else 0
    if offset <= 0 or offset >= size:
        upload.seek(0)
        return False
    upload.seek(offset)
    at = upload.read(64).lstrip()
    upload.seek(0)
    return at.startswith(b"xref") or bool(_XREF_STREAM.match(at))

"""Recognising uploaded files by their bytes, not their names or declared types.

A PDF is recognised by its structure: the `%PDF-x.y` header, the `startxref <offset>` + `%%EOF`
trailer, and an offset that lands on a cross-reference table or stream inside the file. Anything
else (a renamed image, an HTML page, a truncated upload) is not a PDF.
"""

import re
import zipfile

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


# An archive may not inflate beyond these: in all, and per member larger than a megabyte.
ZIP_MAX_INFLATED = 512 * 1024 * 1024
ZIP_MAX_RATIO = 200


def zip_is_sane(upload) -> bool:
    """Whether a ZIP archive opens (its central directory is there and readable) and would not
    inflate into far more than it holds (a "zip bomb"). Leaves the upload at its start."""
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        upload.seek(0)
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > ZIP_MAX_INFLATED or (info.file_size > 1024 * 1024 and ratio > ZIP_MAX_RATIO):
            return False
    return True


# The document information entries that name people or their tools.
_INFO_KEYS = re.compile(rb"/(Author|Creator|Producer|Title|Subject|Keywords)\s*")
_XMP = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>", re.DOTALL)


def _blank_string(data: bytearray, start: int) -> None:
    """Blank the PDF string that starts at `start`, keeping its length (and so every offset of
    the cross-reference table) and its delimiters."""
    if data[start : start + 1] == b"(":
        depth, i = 0, start
        while i < len(data):
            char = data[i : i + 1]
            if char == b"\\":
                data[i : i + 2] = b"  "
                i += 2
                continue
            if char == b"(":
                depth += 1
            elif char == b")":
                depth -= 1
                if depth == 0:
                    return
            if depth and i > start:
                data[i : i + 1] = b" "
            i += 1
    elif data[start : start + 1] == b"<" and data[start + 1 : start + 2] != b"<":
        end = data.find(b">", start)
        if end > 0:
            data[start + 1 : end] = b" " * (end - start - 1)


def pdf_without_metadata(content: bytes) -> bytes:
    """The PDF with its author, creator, title and the rest of its document information blanked,
    and its XMP metadata packet too, byte for byte the same length, so the file stays valid. Used
    where a file must not tell who made it (a blind review). Metadata inside compressed object
    streams is out of reach of this byte-level pass; the document information of ordinary
    writers is not compressed."""
    data = bytearray(content)
    for match in _INFO_KEYS.finditer(content):
        _blank_string(data, match.end())
    for match in _XMP.finditer(content):
        data[match.start() : match.end()] = b" " * (match.end() - match.start())
    return bytes(data)

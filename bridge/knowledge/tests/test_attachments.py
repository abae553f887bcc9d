"""Attached files are checked by what they contain: the real thing passes, a disguised or
oversized file is refused with a message that says why."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bridge.knowledge.attachments import attachment_clean

pytestmark = pytest.mark.unit


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(out, format="PDF")
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "teal").save(out, format="PNG")
    return out.getvalue()


def office_bytes(part: str = "word/document.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return out.getvalue()


def opendocument_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("agreement.pdf", pdf_bytes(), "pdf"),
        ("Договор.docx", office_bytes(), "docx"),
        ("budget.xlsx", office_bytes("xl/workbook.xml"), "xlsx"),
        ("slides.pptx", office_bytes("ppt/presentation.xml"), "pptx"),
        ("notes.odt", opendocument_bytes(), "odt"),
        ("photo.png", png_bytes(), "png"),
        ("budget.csv", "статья,сумма\nгрант,100\n".encode(), "csv"),
        ("README.txt", b"Plain words.\n", "txt"),
    ],
)
def test_real_files_pass_with_their_kind(name, content, kind):
    checked = attachment_clean(upload(name, content))
    stored = checked.content.read()
    checked.content.seek(0)
    # Images are stored re-encoded without their metadata (a size of their own); the rest as sent.
    assert (checked.kind, checked.size) == (kind, len(stored))
    assert (stored == content) is (kind != "png")
    assert checked.name.endswith(name.rsplit(".", 1)[1])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),  # a Windows program named .pdf
        ("report.pdf", png_bytes()),  # an image named .pdf
        ("photo.png", pdf_bytes()),  # a PDF named .png
        ("page.txt", b"<html><script>alert(1)</script></html>"),  # a page named .txt
        ("agreement.docx", office_bytes("payload/evil.bin")),  # a ZIP that is not Word
        ("agreement.docx", b"PK\x03\x04broken"),  # a broken ZIP
        ("photo.png", png_bytes()[:40]),  # a truncated image
        ("script.sh", b"#!/bin/sh\nrm -rf /\n"),  # text with an extension we do not take
        ("binary.txt", b"\x00\x01\x02 not text"),
        ("noextension", pdf_bytes()),
    ],
)
def test_disguised_or_damaged_files_are_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        attachment_clean(upload(name, content))
    assert refused.value.code == "file_type"
    assert "none of them" in refused.value.messages[0]


def test_oversized_and_empty_files_are_refused():
    with pytest.raises(ValidationError) as too_large:
        attachment_clean(upload("big.pdf", pdf_bytes()), max_bytes=100)
    assert too_large.value.code == "too_large"
    with pytest.raises(ValidationError) as empty:
        attachment_clean(upload("empty.pdf", b""))
    assert empty.value.code == "empty"

"""A PDF is recognised by its structure, not by its name."""

import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from bridge.programs.files import answer_file_clean, is_pdf, pdf_clean
from bridge.programs.tests.factories import pdf_bytes

pytestmark = pytest.mark.unit


def test_a_real_pdf_passes():
    assert is_pdf(BytesIO(pdf_bytes()))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"<html><body>deck</body></html>",
        b"%PDF-1.4\n" + b"x" * 200,  # header only, no trailer
        pdf_bytes().replace(b"startxref\n", b"startxref\n9"),  # offset past the end
        pdf_bytes().replace(b"%%EOF", b"%%EOX"),
        b"\x89PNG\r\n\x1a\n" + pdf_bytes(),  # a PNG with a PDF glued on
    ],
)
def test_things_that_only_look_like_a_pdf_are_refused(content):
    with pytest.raises(ValidationError) as caught:
        pdf_clean(BytesIO(content))
    assert caught.value.code == "not_pdf"


def test_a_pdf_over_the_limit_is_refused_before_it_is_parsed():
    with pytest.raises(ValidationError) as caught:
        pdf_clean(BytesIO(pdf_bytes(padding=2000)), max_bytes=1000)
    assert caught.value.code == "too_large"


def _picture(fmt: str, size=(40, 30)) -> bytes:
    out = BytesIO()
    Image.effect_noise(size, 50).convert("RGB").save(out, format=fmt)
    return out.getvalue()


def _zip(member: bytes = b"level data") -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("level.txt", member)
    return out.getvalue()


def test_file_answers_accept_pdf_png_jpeg_zip_by_content_and_say_which():
    kinds = [
        answer_file_clean(BytesIO(content))
        for content in (pdf_bytes(), _picture("PNG"), _picture("JPEG"), _zip())
    ]
    assert kinds == ["pdf", "png", "jpeg", "zip"]
    with pytest.raises(ValidationError):
        answer_file_clean(BytesIO(b"MZ\x90\x00 an executable"))


def _bomb() -> bytes:
    out = BytesIO()
    Image.new("1", (7_000, 7_000)).save(out, format="PNG")  # 49 million pixels in a few kB
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n....",  # a PNG signature and nothing of a picture
        _picture("PNG")[:-200],  # truncated: the pixels end early
        _picture("JPEG")[:-200],
        b"\xff\xd8\xff\xe0" + b"<script>alert(1)</script>",  # a JPEG signature, then a page
        _bomb(),
        b"PK\x03\x04" + b"no central directory",
        _zip(b"\0" * (2 * 1024 * 1024)),  # inflates a thousandfold
    ],
    ids=[
        "png-signature",
        "truncated-png",
        "truncated-jpeg",
        "jpeg-page",
        "bomb",
        "bad-zip",
        "zip-bomb",
    ],
)
def test_file_answers_that_only_start_like_a_picture_or_an_archive_are_refused(content):
    """Before, the first bytes were enough: a truncated picture was a 500 when its metadata was
    stripped, and a bomb was decoded."""
    with pytest.raises(ValidationError) as caught:
        answer_file_clean(BytesIO(content))
    assert caught.value.code == "file_type"


def test_a_truncated_picture_is_refused_after_weasyprint_loosened_pillow(monkeypatch):
    """Importing WeasyPrint (a PDF export in the same worker) sets Pillow's global
    LOAD_TRUNCATED_IMAGES; the check must not inherit it, and must leave it as it found it."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ValidationError) as caught:
        answer_file_clean(BytesIO(_picture("JPEG")[:-200]))
    assert caught.value.code == "file_type"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True

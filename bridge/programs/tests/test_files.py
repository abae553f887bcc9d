"""A PDF is recognised by its structure, not by its name."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError

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


def test_file_answers_accept_pdf_png_jpeg_zip_by_content():
    for content in (
        pdf_bytes(),
        b"\x89PNG\r\n\x1a\n....",
        b"\xff\xd8\xff\xe0....",
        b"PK\x03\x04....",
    ):
        answer_file_clean(BytesIO(content))
    with pytest.raises(ValidationError):
        answer_file_clean(BytesIO(b"MZ\x90\x00 an executable"))

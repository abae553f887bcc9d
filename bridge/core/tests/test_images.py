"""Uploaded images keep their pixels and lose their metadata; SVG is refused (issue 16)."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bridge.core.images import image_strip, logo_clean
from bridge.core.tests.files import SVG, has_metadata, jpeg_with_gps

pytestmark = pytest.mark.unit


def test_the_gps_photo_is_really_carrying_its_position():
    assert has_metadata(jpeg_with_gps())


def test_a_photo_with_a_gps_position_is_reencoded_without_it():
    upload = SimpleUploadedFile("here.jpg", jpeg_with_gps(), content_type="image/jpeg")
    stored = logo_clean(upload).read()
    assert not has_metadata(stored)


def test_an_attachment_keeps_its_format_and_size_but_not_its_position():
    upload = SimpleUploadedFile("here.jpg", jpeg_with_gps((300, 200)), content_type="image/jpeg")
    stored = image_strip(upload, fmt="JPEG").read()
    assert not has_metadata(stored)
    with Image.open(BytesIO(stored)) as image:
        assert (image.format, image.size) == ("JPEG", (300, 200))


def test_svg_is_refused_even_named_as_a_png():
    for name in ("logo.svg", "logo.png"):
        with pytest.raises(ValidationError, match="PNG, JPEG or WebP"):
            logo_clean(SimpleUploadedFile(name, SVG, content_type="image/svg+xml"))

"""Demo photos drawn by code: valid WebP, the same bytes for the same material, the listing's
colours, added through the image service (thumbnails included) and never twice."""

import hashlib
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from PIL import Image, ImageStat

from bridge.materials.demo import photos
from bridge.materials.tests import factories_catalog as fc
from bridge.materials.thumbnails import thumbnail_name


def draw(**overrides):
    values = {"supplier": "margilan-atlas", "sku": "MA-XA-01", "category": "ikat",
              "root": "textiles", "colours": ["qizil", "sariq", "oq"], "view": 0}  # fmt: skip
    values.update(overrides)
    return photos.render(**values)


@pytest.mark.unit
def test_a_photo_is_an_800px_webp_and_the_same_bytes_every_time():
    data = draw()
    with Image.open(BytesIO(data)) as picture:
        assert picture.format == "WEBP"
        assert picture.size == (800, 800)
    assert hashlib.sha256(draw()).hexdigest() == hashlib.sha256(data).hexdigest()
    assert draw(sku="MA-XA-02") != data
    assert draw(view=1) != data


@pytest.mark.unit
def test_the_listings_colours_are_used():
    def mean(data):
        with Image.open(BytesIO(data)) as picture:
            return ImageStat.Stat(picture.convert("RGB")).mean

    red, green, blue = mean(draw(colours=["qizil"], category="silk"))
    assert red > green + 40 and red > blue + 40
    red, green, blue = mean(draw(colours=["кўк"], category="silk"))  # Uzbek Cyrillic "blue"
    assert blue > red + 40
    assert photos.colour_of("toʻq qizil") < photos.colour_of("qizil")  # darker red
    assert photos.colour_of("12 rang") is None


@pytest.mark.unit
@pytest.mark.parametrize(
    ("category", "root", "colours", "style"),
    [
        ("ikat", "textiles", ["qizil"], "ikat"),
        ("embroidery", "embroidery-trims", [], "suzani"),
        ("tiles", "ceramics", ["moviy", "feruza"], "tiles"),
        ("ceramics", "ceramics", ["qizil"], "clay"),
        ("ceramics", "ceramics", ["feruza"], "plate"),
        ("handmade-paper", "paper", ["krem"], "paper"),
        ("carved-wood", "wood", [], "carved"),
        ("karakul", "leather-fur", ["қора"], "karakul"),
        ("natural-dyes", "natural-dyes", [], "chips"),
        ("carpets", "textiles", [], "carpet"),
        ("cotton-fabrics", "textiles", [], "weave"),
        ("something-new", "metal", [], "weave"),
    ],
)
def test_each_kind_of_material_gets_its_own_kind_of_picture(category, root, colours, style):
    known = [c for c in map(photos.colour_of, colours) if c]
    assert photos.style_for(category, root, known, "") == style
    assert draw(category=category, root=root, colours=colours)[:4] == b"RIFF"


@pytest.mark.unit
def test_every_style_draws():
    import random

    for name, style in photos.STYLES.items():
        picture = style(random.Random(1), photos.DEFAULTS.get(name, [(200, 180, 150)]), 1.0)
        assert picture.size == (800, 800), name


@pytest.mark.integration
def test_demo_photos_go_through_the_image_service_once(organisation):
    materials = [
        fc.material(supplier=organisation, sku=f"DEMO-{n}", category=code, colours=["qizil"])
        for n, code in enumerate(("ikat", "tiles", "felt", "handmade-paper"))
    ]
    added = photos.add_demo_photos(materials)
    counts = {m.sku: m.images.count() for m in materials}
    assert added == sum(counts.values())
    for material in materials:
        assert counts[material.sku] == photos.photo_count(organisation.slug, material.sku)
        assert 1 <= counts[material.sku] <= 3
        for image in material.images.all():
            with default_storage.open(image.image.name) as stored, Image.open(stored) as picture:
                assert picture.format == "WEBP"  # re-encoded by the service
                assert picture.size == (800, 800)
            assert default_storage.exists(thumbnail_name(image.image.name, 320))
            assert default_storage.exists(thumbnail_name(image.image.name, 640))
    assert photos.add_demo_photos(materials) == 0
    assert {m.sku: m.images.count() for m in materials} == counts


@pytest.mark.integration
def test_the_demo_catalog_gets_its_photos_once(db, monkeypatch, settings):
    """The materials demo builder, run twice (as seed_demo does), keeps one set of photos."""
    settings.DEMO_PHOTOS = True
    from bridge.core.demo import DemoContext
    from bridge.materials import demo
    from bridge.materials.demo import materials as catalog
    from bridge.materials.models import MaterialImage

    supplier = fc.supplier("rishton-demo")
    rows = {"rishton-sopol": catalog.MATERIALS["rishton-sopol"][:3]}
    monkeypatch.setattr(demo, "MATERIALS", rows)
    monkeypatch.setattr(demo, "SUPPLIERS", {"rishton-sopol": catalog.SUPPLIERS["rishton-sopol"]})

    def context():
        return DemoContext(password="unused", organisations={"rishton-sopol": supplier})

    demo.build_demo(context())
    first = sorted(MaterialImage.objects.values_list("material__sku", "image"))
    assert {sku for sku, _ in first} == {row[0] for row in rows["rishton-sopol"]}
    demo.build_demo(context())
    assert sorted(MaterialImage.objects.values_list("material__sku", "image")) == first

"""Thumbnails: made beside each photo when it is added, used by the catalog, gone with the photo."""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bridge.materials.services import materials as services
from bridge.materials.tests import factories_catalog as fc
from bridge.materials.tests.factories_samples import CollectionFactory, CollectionItemFactory
from bridge.materials.thumbnails import WIDTHS, thumbnail_name, thumbnail_url

pytestmark = pytest.mark.integration


def upload(size=(1600, 1200), colour="teal"):
    buffer = BytesIO()
    image = Image.new("RGB", size, colour)
    for x in range(0, size[0], 40):  # some detail, so sizes mean something
        image.paste("white", (x, 0, x + 10, size[1]))
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_adding_a_photo_makes_smaller_thumbnails_320_and_640_wide(organisation, owner):
    material = fc.material(supplier=organisation)
    image = services.material_image_add(actor=owner, material=material, upload=upload())
    original = default_storage.size(image.image.name)
    for width in WIDTHS:
        name = thumbnail_name(image.image.name, width)
        assert default_storage.exists(name)
        with default_storage.open(name) as thumb, Image.open(thumb) as picture:
            assert picture.size == (width, width * 3 // 4)
            assert picture.format == "WEBP"
        assert default_storage.size(name) < original
        assert thumbnail_url(image, width) == default_storage.url(name)
    assert default_storage.size(thumbnail_name(image.image.name, 320)) < default_storage.size(
        thumbnail_name(image.image.name, 640)
    )


def test_a_small_photo_falls_back_to_itself(organisation, owner):
    material = fc.material(supplier=organisation)
    image = services.material_image_add(
        actor=owner, material=material, upload=upload(size=(300, 200))
    )
    assert not default_storage.exists(thumbnail_name(image.image.name, 320))
    assert thumbnail_url(image, 320) == image.image.url
    assert thumbnail_url(image, 640) == image.image.url


def test_removing_a_photo_removes_its_thumbnails(
    organisation, owner, django_capture_on_commit_callbacks
):
    material = fc.material(supplier=organisation)
    image = services.material_image_add(actor=owner, material=material, upload=upload())
    kept = services.material_image_add(actor=owner, material=material, upload=upload())
    names = [image.image.name] + [thumbnail_name(image.image.name, w) for w in WIDTHS]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        services.material_image_remove(actor=owner, image=image)
    assert not any(default_storage.exists(name) for name in names)
    assert default_storage.exists(thumbnail_name(kept.image.name, 320))  # the other one stays


def test_another_supplier_cannot_remove_a_photo_or_its_thumbnails(
    organisation, owner, outsider, django_capture_on_commit_callbacks
):
    from django.core.exceptions import PermissionDenied

    material = fc.material(supplier=organisation)
    image = services.material_image_add(actor=owner, material=material, upload=upload())
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.material_image_remove(actor=outsider, image=image)
    assert default_storage.exists(thumbnail_name(image.image.name, 320))


def test_catalog_cards_and_the_material_page_use_the_thumbnails(client, organisation, owner):
    material = fc.material(supplier=organisation)
    first = services.material_image_add(actor=owner, material=material, upload=upload())
    second = services.material_image_add(
        actor=owner, material=material, upload=upload(colour="navy")
    )
    fc.reindex()
    small = default_storage.url(thumbnail_name(first.image.name, 320))
    medium = default_storage.url(thumbnail_name(first.image.name, 640))

    catalog = client.get(reverse("materials_catalog:catalog")).content.decode()
    assert f'src="{medium}"' in catalog
    assert f"{small} 320w, {medium} 640w, {first.image.url} 1600w" in catalog

    page = client.get(
        reverse("materials_catalog:material", args=[organisation.slug, material.sku])
    ).content.decode()
    assert f'src="{medium}"' in page
    assert f'src="{default_storage.url(thumbnail_name(second.image.name, 320))}"' in page
    assert f'href="{second.image.url}"' in page  # the full photo is one click away


def test_the_collection_the_comparison_and_the_api_show_the_photos_in_order(
    client, organisation, owner
):
    material = fc.material(supplier=organisation)
    first = services.material_image_add(actor=owner, material=material, upload=upload())
    second = services.material_image_add(
        actor=owner, material=material, upload=upload(colour="navy")
    )
    fc.reindex()
    collection = CollectionFactory(owner=owner)
    CollectionItemFactory(collection=collection, material=material)
    client.force_login(owner)

    board = client.get(reverse("materials_collections:detail", args=[collection.pk]))
    assert f'src="{first.image.url}"' in board.content.decode()
    compare = client.get(reverse("materials_collections:compare"), {"m": [material.pk]})
    small = default_storage.url(thumbnail_name(first.image.name, 320))
    assert f'src="{small}"' in compare.content.decode()
    [item] = client.get("/api/v1/materials").json()["items"]
    assert [url.rsplit("/", 1)[1] for url in item["image_urls"]] == [
        first.image.name.rsplit("/", 1)[1],
        second.image.name.rsplit("/", 1)[1],
    ]

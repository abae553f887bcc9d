"""The listing's life: draft → pending → published / rejected → archived, with permissions,
audit entries and the search index following every step."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.audit import audit_trail
from bridge.materials.services import materials as services
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.material_fields import fields, public_ids
from bridge.materials.vocabulary import Status
from bridge.search.selectors import search

pytestmark = pytest.mark.integration


def test_full_lifecycle_is_audited_and_indexed(organisation, owner, moderator):
    material = services.material_create(
        actor=owner,
        supplier=organisation,
        fibres=[("silk", 50), ("cotton", 50)],
        certifications=[("gots", "CU-1", None)],
        **fields(),
    )
    assert material.status == Status.DRAFT
    assert public_ids() == []
    services.material_submit(actor=owner, material=material)
    assert public_ids() == []
    services.material_publish(actor=moderator, material=material)
    assert public_ids() == [material.pk]
    assert search(key="materials", q="adras").ids == [material.pk]
    services.material_reject(actor=moderator, material=material, reason="Photos missing")
    assert material.rejection_reason == "Photos missing"
    assert public_ids() == []
    services.material_submit(actor=owner, material=material)
    services.material_publish(actor=moderator, material=material)
    services.material_archive(actor=owner, material=material)
    assert public_ids() == []
    actions = [entry.action for entry in audit_trail(material)]
    assert sorted(actions) == sorted(
        ["material.create", "material.submit", "material.publish", "material.reject",
         "material.submit", "material.publish", "material.archive"]
    )  # fmt: skip


def test_update_of_a_published_material_reaches_the_index(organisation, owner, moderator):
    material = services.material_create(actor=owner, supplier=organisation, **fields())
    services.material_publish(actor=moderator, material=material)
    services.material_update(actor=owner, material=material, name="Bekasam")
    assert search(key="materials", q="bekasam").ids == [material.pk]
    assert search(key="materials", q="anor").ids == []


def test_composition_must_add_up_to_100(organisation, owner):
    with pytest.raises(ValidationError) as caught:
        services.material_create(
            actor=owner, supplier=organisation, fibres=[("silk", 60), ("cotton", 30)], **fields()
        )
    assert "composition" in caught.value.message_dict
    # A fibre the thesaurus does not know is kept as the supplier wrote it.
    material = services.material_create(
        actor=owner, supplier=organisation, fibres=[("kevlar-x", 100)], **fields()
    )
    assert [(f.fibre, f.written) for f in material.fibres.all()] == [("", "kevlar-x")]


def test_sku_is_unique_per_supplier_only(organisation, owner):
    services.material_create(actor=owner, supplier=organisation, **fields())
    with pytest.raises(ValidationError) as caught:
        services.material_create(actor=owner, supplier=organisation, **fields())
    assert "sku" in caught.value.message_dict
    other = OrganisationFactory()
    services.material_create(actor=None, supplier=other, **fields())  # same SKU, other supplier


def test_supplier_b_cannot_change_supplier_a_materials(organisation, owner):
    material = MaterialFactory(supplier=organisation)
    stranger = UserFactory()
    OrganisationFactory(owner=stranger)
    with pytest.raises(PermissionDenied):
        services.material_update(actor=stranger, material=material, name="Mine now")
    with pytest.raises(PermissionDenied):
        services.material_submit(actor=stranger, material=material)
    with pytest.raises(PermissionDenied):
        services.material_archive(actor=stranger, material=material)
    with pytest.raises(PermissionDenied):
        services.material_create(actor=stranger, supplier=organisation, **fields(sku="X"))
    material.refresh_from_db()
    assert material.status == Status.DRAFT and material.name != "Mine now"


def test_members_without_admin_role_and_suppliers_cannot_moderate(organisation, owner, member):
    material = MaterialFactory(supplier=organisation, status=Status.PENDING)
    with pytest.raises(PermissionDenied):
        services.material_update(actor=member, material=material, name="x")
    with pytest.raises(PermissionDenied):
        services.material_publish(actor=owner, material=material)
    with pytest.raises(PermissionDenied):
        services.material_reject(actor=owner, material=material, reason="no")
    material.refresh_from_db()
    assert material.status == Status.PENDING


def test_invalid_transitions_are_refused(organisation, moderator):
    material = MaterialFactory(supplier=organisation, status=Status.DRAFT)
    with pytest.raises(ValidationError):
        services.material_reject(actor=moderator, material=material, reason="x")
    with pytest.raises(ValidationError):
        services.material_reject(actor=moderator, material=material, reason="  ")
    services.material_archive(actor=moderator, material=material)
    with pytest.raises(ValidationError):
        services.material_publish(actor=moderator, material=material)
    with pytest.raises(ValidationError):
        services.material_update(actor=None, material=material, name="x")


def test_images_are_reencoded_and_limited_to_ten(organisation, owner):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    def upload():
        buffer = BytesIO()
        Image.new("RGB", (3000, 1500), "red").save(buffer, format="JPEG")
        return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")

    material = MaterialFactory(supplier=organisation)
    image = services.material_image_add(actor=owner, material=material, upload=upload())
    with Image.open(image.image.path) as stored:
        assert max(stored.size) == 2000
        assert stored.format in ("WEBP", "PNG")
    for _ in range(9):
        services.material_image_add(actor=owner, material=material, upload=upload())
    with pytest.raises(ValidationError):
        services.material_image_add(actor=owner, material=material, upload=upload())
    bad = SimpleUploadedFile("photo.jpg", b"not an image", content_type="image/jpeg")
    other = MaterialFactory(supplier=organisation)
    with pytest.raises(ValidationError):
        services.material_image_add(actor=owner, material=other, upload=bad)
    assert other.images.count() == 0


def test_a_photo_loses_its_gps_position_and_an_svg_is_refused(organisation, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bridge.core.tests.files import SVG, has_metadata, jpeg_with_gps

    material = MaterialFactory(supplier=organisation)
    photo = SimpleUploadedFile("atlas.jpg", jpeg_with_gps(), content_type="image/jpeg")
    image = services.material_image_add(actor=owner, material=material, upload=photo)
    with image.image.open("rb") as stored:
        assert not has_metadata(stored.read())
    for name in ("pattern.svg", "pattern.png"):
        svg = SimpleUploadedFile(name, SVG, content_type="image/svg+xml")
        with pytest.raises(ValidationError, match="PNG, JPEG or WebP"):
            services.material_image_add(actor=owner, material=material, upload=svg)
    assert material.images.count() == 1

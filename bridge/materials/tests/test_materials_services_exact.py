"""Listing services, to the exact value a supplier or a moderator sees: the field each error is
shown at and its words, both sides of every limit (a share of 0 and of 100, the tenth photo), the
audit rows, what a stale copy of a listing may not overwrite, and what the public catalog shows
after each step. Written for the mutation score of issue 18."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import trail
from bridge.materials.models import Category, Material, MaterialImage
from bridge.materials.models.materials import MAX_IMAGES
from bridge.materials.services import materials as services
from bridge.materials.terms import Term
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.material_fields import fields, public_ids
from bridge.materials.thumbnails import thumbnail_name
from bridge.materials.vocabulary import Status
from bridge.search.selectors import search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

MANAGE = "You cannot change the listings of this supplier."
MODERATE = "Only moderators can publish or reject materials."
DUPLICATE_SKU = "This supplier already has a material with this SKU."


def composition(material) -> list[tuple]:
    return [(f.fibre, f.written, f.percent, f.position) for f in material.fibres.order_by("pk")]


def certificates(material) -> list[tuple]:
    return [
        (c.certification.code, c.number, c.expires_on)
        for c in material.certifications.select_related("certification").order_by(
            "certification__code"
        )
    ]


def photo(width=700, height=350, name="photo.png"):
    buffer = BytesIO()
    Image.new("RGB", (width, height), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def refused(caught) -> tuple:
    return caught.value.messages, caught.value.code


# --- composition ----------------------------------------------------------------------------


def test_a_composition_of_100_percent_has_no_error_and_none_is_none():
    assert services.composition_errors([("silk", 100)]) == []
    assert services.composition_errors([("silk", "60.50"), ("cotton", Decimal("39.5"))]) == []
    assert services.composition_errors([]) == []


def test_each_share_must_be_more_than_0_and_at_most_100():
    message = "The share of {} must be more than 0 and at most 100."
    assert services.composition_errors([("silk", 0), ("cotton", 100)]) == [message.format("silk")]
    assert services.composition_errors([("silk", "100.01")]) == [message.format("silk")]
    assert services.composition_errors([("silk", "-1"), ("cotton", "101")]) == [
        message.format("silk"),
        message.format("cotton"),
    ]
    assert services.composition_errors([("silk", "0.01"), ("cotton", "99.99")]) == []


def test_a_share_that_is_not_a_number_is_named_and_no_total_is_added():
    assert services.composition_errors([("silk", "half"), ("cotton", 100)]) == [
        "The share of silk is not a number."
    ]


def test_a_fibre_listed_twice_under_two_names_is_one_error():
    assert services.composition_errors([("silk", 50), ("ipak", 50)]) == ["silk is listed twice."]
    assert services.composition_errors([("silk", 20), ("silk", 30), ("cotton", 50)]) == [
        "silk is listed twice."
    ]


def test_an_unnamed_fibre_is_refused_without_looking_at_its_share():
    assert services.composition_errors([("  ", "x"), ("silk", 100)]) == [
        "Name each fibre of the composition."
    ]


def test_the_total_is_shown_as_the_supplier_would_write_it():
    assert services.composition_errors([("silk", "60.50"), ("cotton", "30")]) == [
        "The composition adds up to 90.5%; it must add up to 100%."
    ]
    assert services.composition_errors([("silk", 60), ("cotton", 50)]) == [
        "The composition adds up to 110%; it must add up to 100%."
    ]


def test_an_unknown_fibre_counts_towards_the_total_as_written():
    assert services.composition_errors([("kevlar-x", 40), ("silk", 60)]) == []
    assert services.composition_errors([("kevlar-x", 40), ("kevlar-x", 60)]) == [
        "kevlar-x is listed twice."
    ]


def test_a_fibre_given_as_a_term_is_taken_as_it_is(organisation, owner):
    unknown = Term("", "kevlar-x")
    assert services.composition_terms([(unknown, 40), ("ipak", 60)]) == [
        (unknown, 40),
        (Term("silk", "ipak"), 60),
    ]
    material = services.material_create(
        actor=owner, supplier=organisation, fibres=[(unknown, 40), ("silk", 60)], **fields()
    )
    assert composition(material) == [
        ("", "kevlar-x", Decimal("40.00"), 0),
        ("silk", "", Decimal("60.00"), 1),
    ]


# --- create -----------------------------------------------------------------------------------


def test_create_stores_a_draft_its_composition_in_order_and_its_certificates(organisation, owner):
    expires = timezone.localdate() + timedelta(days=30)
    material = services.material_create(
        actor=owner,
        supplier=organisation,
        fibres=[("ipak", "70"), ("kevlar-x", 30)],
        certifications=[("gots", "CU-1", expires), ("oeko-tex-100", None, None)],
        **fields(),
    )
    material = Material.objects.get(pk=material.pk)
    assert (material.supplier, material.status, material.sku, material.name) == (
        organisation,
        Status.DRAFT,
        "ADR-1",
        "Adras «Anor»",
    )
    assert composition(material) == [
        ("silk", "", Decimal("70.00"), 0),
        ("", "kevlar-x", Decimal("30.00"), 1),
    ]
    assert certificates(material) == [("gots", "CU-1", expires), ("oeko-tex-100", "", None)]
    assert trail(material) == [("material.create", owner, {"sku": "ADR-1"})]
    assert public_ids() == []


def test_the_platform_creates_without_a_person_in_the_log(organisation):
    material = services.material_create(actor=None, supplier=organisation, **fields())
    assert trail(material) == [("material.create", None, {"sku": "ADR-1"})]
    assert list(material.fibres.all()) == []
    assert list(material.certifications.all()) == []


def test_create_refuses_a_field_the_form_does_not_edit(organisation, owner):
    with pytest.raises(TypeError) as caught:
        services.material_create(
            actor=owner, supplier=organisation, status=Status.PUBLISHED, **fields(slug="x")
        )
    assert str(caught.value) == "Not editable: slug, status"
    assert not Material.objects.exists()


def test_create_by_a_member_or_a_stranger_is_refused(organisation, member, outsider):
    for actor in (member, outsider):
        with pytest.raises(PermissionDenied) as caught:
            services.material_create(actor=actor, supplier=organisation, **fields())
        assert str(caught.value) == MANAGE
    assert not Material.objects.exists()


def test_an_administrator_of_the_supplier_may_create(organisation, org_admin):
    material = services.material_create(actor=org_admin, supplier=organisation, **fields())
    assert trail(material) == [("material.create", org_admin, {"sku": "ADR-1"})]


def test_every_error_of_a_listing_is_shown_at_once_at_its_field(organisation, owner):
    services.material_create(actor=owner, supplier=organisation, **fields())
    with pytest.raises(ValidationError) as caught:
        services.material_create(
            actor=owner,
            supplier=organisation,
            fibres=[("silk", 60)],
            **fields(price=Decimal(0)),
        )
    assert caught.value.message_dict == {
        "price": ["Ensure this value is greater than or equal to 0.01."],
        "sku": [DUPLICATE_SKU],
        "composition": ["The composition adds up to 60%; it must add up to 100%."],
    }
    assert Material.objects.count() == 1


def test_the_duplicate_sku_is_added_to_the_field_errors_of_the_sku(organisation, owner):
    services.material_create(actor=owner, supplier=organisation, **fields(sku="A" * 64))
    with pytest.raises(ValidationError) as caught:
        services.material_create(actor=owner, supplier=organisation, **fields(sku="A" * 65))
    assert caught.value.message_dict == {
        "sku": ["Ensure this value has at most 64 characters (it has 65)."]
    }
    with pytest.raises(ValidationError) as caught:
        services.material_create(actor=owner, supplier=organisation, **fields(sku="A" * 64))
    assert caught.value.message_dict == {"sku": [DUPLICATE_SKU]}


def test_an_unknown_certification_is_named_and_nothing_is_saved(organisation, owner):
    with pytest.raises(ValidationError) as caught:
        services.material_create(
            actor=owner,
            supplier=organisation,
            certifications=[("zz-1", "1", None), ("gots", "2", None), ("aa-2", "", None)],
            **fields(),
        )
    assert caught.value.message_dict == {"certifications": ["Unknown certification: zz-1, aa-2."]}
    assert not Material.objects.exists()


# --- update -----------------------------------------------------------------------------------


@pytest.fixture
def listed(organisation, owner):
    return services.material_create(
        actor=owner,
        supplier=organisation,
        fibres=[("silk", 50), ("cotton", 50)],
        certifications=[("gots", "CU-1", None)],
        **fields(),
    )


def test_update_logs_only_the_fields_that_changed_in_order(listed, owner):
    services.material_update(
        actor=owner,
        material=listed,
        sku="ADR-1",
        price=Decimal("140000"),
        name="Bekasam",
        lead_time_days=14,
    )
    stored = Material.objects.get(pk=listed.pk)
    assert (stored.name, stored.price, stored.sku) == ("Bekasam", Decimal("140000"), "ADR-1")
    assert trail(listed)[1:] == [("material.update", owner, {"fields": ["name", "price"]})]


def test_update_keeps_the_composition_and_certificates_it_is_not_given(listed, owner):
    services.material_update(actor=owner, material=listed, name="Bekasam")
    assert composition(listed) == [
        ("silk", "", Decimal("50.00"), 0),
        ("cotton", "", Decimal("50.00"), 1),
    ]
    assert certificates(listed) == [("gots", "CU-1", None)]


def test_update_replaces_the_composition_and_the_certificates_it_is_given(listed, owner):
    services.material_update(
        actor=owner,
        material=listed,
        fibres=[("cotton", 100)],
        certifications=[("oeko-tex-100", "OT-9", None), ("gots", "CU-2", None)],
    )
    assert composition(listed) == [("cotton", "", Decimal("100.00"), 0)]
    assert certificates(listed) == [("gots", "CU-2", None), ("oeko-tex-100", "OT-9", None)]
    services.material_update(actor=owner, material=listed, certifications=[])
    assert certificates(listed) == []


def test_update_checks_the_composition_only_when_it_is_given(listed, owner):
    with pytest.raises(ValidationError) as caught:
        services.material_update(actor=owner, material=listed, fibres=[("silk", 99)])
    assert caught.value.message_dict == {
        "composition": ["The composition adds up to 99%; it must add up to 100%."]
    }
    assert composition(listed)[0] == ("silk", "", Decimal("50.00"), 0)


def test_update_of_the_sku_refuses_another_listings_sku_but_not_its_own(listed, owner):
    other = services.material_create(actor=owner, supplier=listed.supplier, **fields(sku="ADR-2"))
    services.material_update(actor=owner, material=listed, sku="ADR-1", name="Same SKU")
    with pytest.raises(ValidationError) as caught:
        services.material_update(actor=owner, material=other, sku="ADR-1")
    assert caught.value.message_dict == {"sku": [DUPLICATE_SKU]}
    assert Material.objects.get(pk=other.pk).sku == "ADR-2"


def test_update_of_an_archived_listing_is_refused(listed, owner):
    services.material_archive(actor=owner, material=listed)
    with pytest.raises(ValidationError) as caught:
        services.material_update(actor=owner, material=listed, name="Again")
    assert caught.value.messages == ["An archived material cannot be changed."]
    assert Material.objects.get(pk=listed.pk).name == "Adras «Anor»"


def test_update_refuses_an_unknown_field_and_a_member(listed, owner, member):
    with pytest.raises(TypeError) as caught:
        services.material_update(
            actor=owner, material=listed, status=Status.PUBLISHED, published_at=None
        )
    assert str(caught.value) == "Not editable: published_at, status"
    with pytest.raises(PermissionDenied) as caught:
        services.material_update(actor=member, material=listed, name="Mine")
    assert str(caught.value) == MANAGE
    assert Material.objects.get(pk=listed.pk).name == "Adras «Anor»"
    assert [e[0] for e in trail(listed)] == ["material.create"]


def test_update_of_a_published_listing_reaches_the_catalog(listed, owner, moderator):
    services.material_publish(actor=moderator, material=listed)
    services.material_update(actor=owner, material=listed, name="Bekasam")
    assert search(key="materials", q="bekasam").ids == [listed.pk]
    assert Material.objects.get(pk=listed.pk).status == Status.PUBLISHED


# --- transitions -----------------------------------------------------------------------------


def stale(material) -> Material:
    """A copy read before someone else renamed the listing."""
    copy = Material.objects.get(pk=material.pk)
    Material.objects.filter(pk=material.pk).update(name="Renamed elsewhere")
    return copy


def test_submit_moves_a_draft_to_review_without_undoing_a_rename(listed, owner):
    copy = stale(listed)
    services.material_submit(actor=owner, material=copy)
    stored = Material.objects.get(pk=listed.pk)
    assert (stored.status, stored.name) == (Status.PENDING, "Renamed elsewhere")
    assert trail(listed)[1:] == [("material.submit", owner, {})]
    assert public_ids() == []


def test_submit_reads_the_status_from_the_database(listed, owner, moderator):
    copy = Material.objects.get(pk=listed.pk)
    services.material_submit(actor=owner, material=listed)
    with pytest.raises(ValidationError) as caught:
        services.material_submit(actor=owner, material=copy)
    assert refused(caught) == (
        ["Only drafts and rejected materials can be submitted."],
        "invalid_transition",
    )
    services.material_reject(actor=moderator, material=listed, reason="Blurry")
    services.material_submit(actor=owner, material=copy)
    assert Material.objects.get(pk=listed.pk).status == Status.PENDING


def test_submit_by_a_member_is_refused(listed, member):
    with pytest.raises(PermissionDenied) as caught:
        services.material_submit(actor=member, material=listed)
    assert str(caught.value) == MANAGE
    assert Material.objects.get(pk=listed.pk).status == Status.DRAFT


def test_publish_stamps_the_time_clears_the_reason_and_shows_the_listing(listed, owner, moderator):
    services.material_submit(actor=owner, material=listed)
    services.material_reject(actor=moderator, material=listed, reason="Blurry")
    copy = stale(listed)
    before = timezone.now()
    services.material_publish(actor=moderator, material=copy)
    stored = Material.objects.get(pk=listed.pk)
    assert (stored.status, stored.rejection_reason, stored.name) == (
        Status.PUBLISHED,
        "",
        "Renamed elsewhere",
    )
    assert before <= stored.published_at <= timezone.now()
    assert trail(listed)[-1] == ("material.publish", moderator, {})
    assert public_ids() == [listed.pk]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.REJECTED])
def test_publish_starts_from_draft_pending_or_rejected(organisation, moderator, status):
    material = MaterialFactory(supplier=organisation, status=status)
    services.material_publish(actor=moderator, material=material)
    assert Material.objects.get(pk=material.pk).status == Status.PUBLISHED


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.ARCHIVED])
def test_publish_of_a_published_or_archived_listing_is_refused(organisation, moderator, status):
    material = MaterialFactory(supplier=organisation, status=status)
    with pytest.raises(ValidationError) as caught:
        services.material_publish(actor=moderator, material=material)
    assert refused(caught) == (
        ["This material cannot be published from its status."],
        "invalid_transition",
    )
    assert not AuditEntry.objects.filter(action="material.publish").exists()


def test_the_supplier_may_neither_publish_nor_reject(listed, owner):
    services.material_submit(actor=owner, material=listed)
    with pytest.raises(PermissionDenied) as caught:
        services.material_publish(actor=owner, material=listed)
    assert str(caught.value) == MODERATE
    with pytest.raises(PermissionDenied) as caught:
        services.material_reject(actor=owner, material=listed, reason="No")
    assert str(caught.value) == MODERATE
    assert Material.objects.get(pk=listed.pk).status == Status.PENDING


def test_the_platform_publishes_and_rejects_without_a_person(listed):
    services.material_publish(actor=None, material=listed)
    services.material_reject(actor=None, material=listed, reason="Duplicate")
    assert trail(listed)[1:] == [
        ("material.publish", None, {}),
        ("material.reject", None, {"reason": "Duplicate"}),
    ]


def test_reject_keeps_the_reason_trimmed_and_takes_the_listing_out(listed, moderator):
    services.material_publish(actor=moderator, material=listed)
    copy = stale(listed)
    services.material_reject(actor=moderator, material=copy, reason="  Photos missing \n")
    stored = Material.objects.get(pk=listed.pk)
    assert (stored.status, stored.rejection_reason, stored.name) == (
        Status.REJECTED,
        "Photos missing",
        "Renamed elsewhere",
    )
    assert trail(listed)[-1] == ("material.reject", moderator, {"reason": "Photos missing"})
    assert public_ids() == []


@pytest.mark.parametrize("reason", ["", "  \n", None])
def test_reject_without_a_reason_is_refused_at_the_reason(listed, owner, moderator, reason):
    services.material_submit(actor=owner, material=listed)
    with pytest.raises(ValidationError) as caught:
        services.material_reject(actor=moderator, material=listed, reason=reason)
    assert caught.value.message_dict == {"reason": ["Say why the material is rejected."]}
    assert Material.objects.get(pk=listed.pk).status == Status.PENDING


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REJECTED, Status.ARCHIVED])
def test_reject_starts_only_from_pending_or_published(organisation, moderator, status):
    material = MaterialFactory(supplier=organisation, status=status)
    with pytest.raises(ValidationError) as caught:
        services.material_reject(actor=moderator, material=material, reason="No")
    assert refused(caught) == (
        ["Only materials waiting for review or published can be rejected."],
        "invalid_transition",
    )
    assert Material.objects.get(pk=material.pk).status == status


def test_archive_by_the_supplier_takes_the_listing_out_for_good(listed, owner, moderator):
    services.material_publish(actor=moderator, material=listed)
    copy = stale(listed)
    services.material_archive(actor=owner, material=copy)
    stored = Material.objects.get(pk=listed.pk)
    assert (stored.status, stored.name) == (Status.ARCHIVED, "Renamed elsewhere")
    assert trail(listed)[-1] == ("material.archive", owner, {})
    assert public_ids() == []
    with pytest.raises(ValidationError) as caught:
        services.material_archive(actor=owner, material=listed)
    assert refused(caught) == (["This material is archived already."], "invalid_transition")


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.REJECTED])
def test_a_moderator_or_the_platform_may_archive(organisation, moderator, status):
    first = MaterialFactory(supplier=organisation, status=status)
    second = MaterialFactory(supplier=organisation, status=status)
    services.material_archive(actor=moderator, material=first)
    services.material_archive(actor=None, material=second)
    assert [Material.objects.get(pk=m.pk).status for m in (first, second)] == [
        Status.ARCHIVED,
        Status.ARCHIVED,
    ]
    assert trail(first) == [("material.archive", moderator, {})]
    assert trail(second) == [("material.archive", None, {})]


def test_a_person_who_may_only_moderate_may_archive(organisation):
    from django.contrib.auth.models import Permission

    from bridge.accounts.tests.factories import UserFactory

    reviewer = UserFactory(is_staff=True)
    reviewer.user_permissions.add(Permission.objects.get(codename="moderate_material"))
    material = MaterialFactory(supplier=organisation, status=Status.PUBLISHED)
    services.material_archive(actor=reviewer, material=material)
    assert Material.objects.get(pk=material.pk).status == Status.ARCHIVED


def test_a_member_may_not_archive(listed, member):
    with pytest.raises(PermissionDenied) as caught:
        services.material_archive(actor=member, material=listed)
    assert str(caught.value) == MANAGE
    assert Material.objects.get(pk=listed.pk).status == Status.DRAFT


# --- photos -----------------------------------------------------------------------------------


def test_a_photo_is_stored_with_its_description_position_thumbnails_and_audit(listed, owner):
    image = services.material_image_add(
        actor=owner, material=listed, upload=photo(), alt="Ikat " + "x" * 300
    )
    image = MaterialImage.objects.get(pk=image.pk)
    assert (image.material, image.alt, image.position) == (listed, "Ikat " + "x" * 195, 0)
    storage = image.image.storage
    assert storage.exists(image.image.name)
    assert [storage.exists(thumbnail_name(image.image.name, w)) for w in (320, 640)] == [
        True,
        True,
    ]
    assert trail(listed)[-1] == ("material.image_add", owner, {"image": image.image.name})
    second = services.material_image_add(actor=owner, material=listed, upload=photo())
    assert (second.position, second.alt) == (1, "")


def test_the_tenth_photo_is_taken_and_the_eleventh_refused(listed, owner):
    for position in range(MAX_IMAGES - 1):
        MaterialImage.objects.create(material=listed, image=f"x{position}.png", position=position)
    tenth = services.material_image_add(actor=owner, material=listed, upload=photo(40, 20))
    assert tenth.position == 9
    with pytest.raises(ValidationError) as caught:
        services.material_image_add(actor=owner, material=listed, upload=photo(40, 20))
    assert caught.value.messages == ["A material has at most 10 images; remove one first."]
    assert listed.images.count() == 10


def test_a_member_may_not_add_or_remove_photos(listed, owner, member):
    image = services.material_image_add(actor=owner, material=listed, upload=photo(40, 20))
    with pytest.raises(PermissionDenied) as caught:
        services.material_image_add(actor=member, material=listed, upload=photo(40, 20))
    assert str(caught.value) == MANAGE
    with pytest.raises(PermissionDenied) as caught:
        services.material_image_remove(actor=member, image=image)
    assert str(caught.value) == MANAGE
    assert list(listed.images.all()) == [image]


def test_removing_a_photo_deletes_its_files_after_the_commit(listed, owner, run_on_commit):
    image = services.material_image_add(actor=owner, material=listed, upload=photo())
    name = image.image.name
    storage = image.image.storage
    names = [name, thumbnail_name(name, 320), thumbnail_name(name, 640)]
    with run_on_commit():
        services.material_image_remove(actor=owner, image=image)
        assert [storage.exists(n) for n in names] == [True, True, True]
    assert [storage.exists(n) for n in names] == [False, False, False]
    assert list(listed.images.all()) == []
    assert trail(listed)[-1] == ("material.image_remove", owner, {"image": name})


# --- the edit form's one save ----------------------------------------------------------------


def test_save_creates_a_draft_with_its_photos_and_submits_it(organisation, owner):
    material = services.material_save(
        actor=owner,
        supplier=organisation,
        material=None,
        fields=fields(),
        fibres=[("silk", 100)],
        certifications=[("gots", "G-1", None)],
        images_add=[photo(40, 20), photo(40, 20)],
        submit=True,
    )
    stored = Material.objects.get(pk=material.pk)
    assert stored.status == Status.PENDING
    assert composition(stored) == [("silk", "", Decimal("100.00"), 0)]
    assert certificates(stored) == [("gots", "G-1", None)]
    assert [i.position for i in stored.images.all()] == [0, 1]
    assert [e[0] for e in trail(stored)] == [
        "material.create",
        "material.image_add",
        "material.image_add",
        "material.submit",
    ]


def test_save_without_a_composition_creates_none(organisation, owner):
    material = services.material_save(
        actor=owner, supplier=organisation, material=None, fields=fields()
    )
    assert composition(material) == []
    assert Material.objects.get(pk=material.pk).status == Status.DRAFT


def test_save_updates_and_keeps_what_it_is_not_given(listed, owner):
    material = services.material_save(
        actor=owner, supplier=listed.supplier, material=listed, fields={"name": "Bekasam"}
    )
    assert material.pk == listed.pk
    assert Material.objects.get(pk=listed.pk).name == "Bekasam"
    assert len(composition(listed)) == 2
    assert certificates(listed) == [("gots", "CU-1", None)]


def test_save_does_not_resubmit_a_listing_under_review(listed, owner):
    services.material_submit(actor=owner, material=listed)
    services.material_save(
        actor=owner, supplier=listed.supplier, material=listed, fields={}, submit=True
    )
    assert [e[0] for e in trail(listed)].count("material.submit") == 1
    services.material_save(
        actor=owner, supplier=listed.supplier, material=listed, fields={"name": "B"}
    )
    assert Material.objects.get(pk=listed.pk).status == Status.PENDING


def test_save_refuses_an_eleventh_photo_before_writing_anything(listed, owner):
    for position in range(MAX_IMAGES):
        MaterialImage.objects.create(material=listed, image=f"x{position}.png", position=position)
    with pytest.raises(ValidationError) as caught:
        services.material_save(
            actor=owner,
            supplier=listed.supplier,
            material=listed,
            fields={"name": "Bekasam"},
            images_add=[photo(40, 20)],
        )
    assert caught.value.message_dict == {"images": ["A material has at most 10 images."]}
    assert Material.objects.get(pk=listed.pk).name == "Adras «Anor»"


def test_save_may_swap_a_photo_when_ten_are_stored(listed, owner):
    images = [
        MaterialImage.objects.create(material=listed, image=f"x{position}.png", position=position)
        for position in range(MAX_IMAGES)
    ]
    services.material_save(
        actor=owner,
        supplier=listed.supplier,
        material=listed,
        fields={},
        images_add=[photo(40, 20)],
        images_remove=[images[0].pk],
    )
    assert listed.images.count() == 10
    assert not MaterialImage.objects.filter(pk=images[0].pk).exists()
    assert trail(listed)[-2:][0] == ("material.image_remove", owner, {"image": "x0.png"})


def test_save_of_a_new_listing_with_eleven_photos_is_refused(organisation, owner):
    with pytest.raises(ValidationError) as caught:
        services.material_save(
            actor=owner,
            supplier=organisation,
            material=None,
            fields=fields(),
            images_add=[photo(4, 2)] * (MAX_IMAGES + 1),
        )
    assert caught.value.message_dict == {"images": ["A material has at most 10 images."]}
    assert not Material.objects.exists()


def test_save_shows_a_refused_photo_at_the_images(organisation, owner):
    bad = SimpleUploadedFile("photo.png", b"not an image", content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        services.material_save(
            actor=owner, supplier=organisation, material=None, fields=fields(), images_add=[bad]
        )
    assert list(caught.value.message_dict) == ["images"]
    assert len(caught.value.message_dict["images"]) == 1


def test_save_by_a_member_is_refused(listed, member):
    with pytest.raises(PermissionDenied) as caught:
        services.material_save(
            actor=member, supplier=listed.supplier, material=listed, fields={"name": "x"}
        )
    assert str(caught.value) == MANAGE


def test_save_by_a_member_is_refused_before_the_photos_are_counted(listed, member):
    with pytest.raises(PermissionDenied) as caught:
        services.material_save(
            actor=member,
            supplier=listed.supplier,
            material=listed,
            fields={},
            images_add=[photo(4, 2)] * (MAX_IMAGES + 1),
        )
    assert str(caught.value) == MANAGE


def test_save_of_a_new_listing_takes_ten_photos(organisation, owner):
    material = services.material_save(
        actor=owner,
        supplier=organisation,
        material=None,
        fields=fields(),
        images_add=[photo(4, 2) for _ in range(MAX_IMAGES)],
    )
    assert [i.position for i in material.images.all()] == list(range(10))


def test_save_by_someone_else_s_owner_is_refused_even_for_a_new_listing(organisation):
    from bridge.accounts.models import Membership, Role
    from bridge.accounts.tests.factories import UserFactory

    stranger = UserFactory()
    Membership.objects.create(organisation=OrganisationFactory(), user=stranger, role=Role.OWNER)
    with pytest.raises(PermissionDenied):
        services.material_save(
            actor=stranger, supplier=organisation, material=None, fields=fields()
        )
    assert not Material.objects.exists()


def test_save_sets_the_properties_and_shows_their_errors_under_their_code(organisation, owner):
    tiles = fields(category=Category.objects.get(code="tiles"))
    material = services.material_save(
        actor=owner,
        supplier=organisation,
        material=None,
        fields=tiles,
        properties={"firing-temperature": "1050"},
    )
    values = dict(material.property_values.values_list("definition__code", "value"))
    assert values == {"firing-temperature": Decimal(1050)}
    with pytest.raises(ValidationError) as caught:
        services.material_save(
            actor=owner,
            supplier=organisation,
            material=material,
            fields={"name": "Koshin"},
            properties={"firing-temperature": "200", "water-absorption": "abc"},
        )
    assert caught.value.message_dict == {
        "properties.firing-temperature": ["Firing temperature must be between 500 and 1,450."],
        "properties.water-absorption": ["Enter a number."],
    }
    assert Material.objects.get(pk=material.pk).name == "Adras «Anor»"

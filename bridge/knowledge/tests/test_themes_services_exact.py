"""Heritage theme page services, to the exact value staff see: what each save stores (every text
trimmed, cleared when left out, who changed it and when), which field an error is shown at and
what it says, both sides of every limit (the text lengths, the twelve images, the image's bytes
and its longest side), that only heritage themes have pages, who may edit (and that a refusal
saves nothing), the images' order, the audit rows, and the file going only once the removal is
committed. Written for the mutation score of issue 18."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, trail
from bridge.knowledge.models import ThemeImage, ThemePage
from bridge.knowledge.services import themes as services

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

NOT_A_THEME = "This is not a heritage theme."
NOT_AN_IMAGE = "Upload a PNG, JPEG or WebP image. This file is not one of them, or it is damaged."
TOO_LARGE = "The image is larger than 8.0\xa0MB; please choose a smaller file."
MIB = 1024 * 1024


def png(size=(60, 40), pad_to: int = 0) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format="PNG")
    data = out.getvalue()
    return data + b"\0" * max(0, pad_to - len(data))  # bytes after the end are ignored


def upload(data=None, name="suzani.png"):
    return SimpleUploadedFile(name, png() if data is None else data)


def page_row(concept_id="suzani") -> tuple:
    p = ThemePage.objects.get(concept_id=concept_id)
    return (
        p.title_ru,
        p.title_uz,
        p.title_en,
        p.text_ru,
        p.text_uz,
        p.text_en,
        p.updated_by,
        p.updated_at,
    )


def too_long(limit: int) -> str:
    return f"Keep it to {limit} characters (it has {limit + 1})."


def stored_image(page, position=0) -> ThemeImage:
    return ThemeImage.objects.create(
        theme=page, image=f"heritage/old-{position}.webp", position=position
    )


def add(actor, **change) -> ThemeImage:
    return services.theme_image_add(
        actor=actor, concept_id="suzani", **{"upload": upload(), **change}
    )


# --- the text -----------------------------------------------------------------------------------


def test_staff_write_a_theme_page_trimmed_stamped_and_audited(reviewer, clock):
    page = services.theme_update(
        actor=reviewer,
        concept_id="suzani",
        title_ru="  Сюзане ",
        title_uz=" Soʻzana\n",
        title_en=" Suzani  hangings ",
        text_ru="  Вышитые панно.  ",
        text_uz="\tKashta.\n\nIkkinchi. ",
        text_en=" Embroidered hangings. ",
    )
    assert page.concept_id == "suzani"
    assert page_row() == (
        "Сюзане",
        "Soʻzana",
        "Suzani  hangings",  # trimmed only: the inner spaces are the editor's
        "Вышитые панно.",
        "Kashta.\n\nIkkinchi.",
        "Embroidered hangings.",
        reviewer,
        NOW,
    )
    assert trail(page) == [("knowledge.theme_update", reviewer, {})]


def test_a_second_save_replaces_every_text_and_clears_those_left_out(reviewer, clock):
    services.theme_update(
        actor=reviewer, concept_id="suzani", title_ru="Сюзане", text_en="Embroidered."
    )
    other = UserFactory(is_staff=True, groups=["moderator"])
    clock["now"] = NOW + timedelta(hours=1)
    services.theme_update(actor=other, concept_id="suzani", title_en="Suzani")
    assert ThemePage.objects.count() == 1
    assert page_row() == ("", "", "Suzani", "", "", "", other, NOW + timedelta(hours=1))
    assert [action for action, *_ in trail(ThemePage(concept_id="suzani"))] == [
        "knowledge.theme_update",
        "knowledge.theme_update",
    ]


def test_texts_at_their_limits_are_taken(reviewer):
    services.theme_update(
        actor=reviewer,
        concept_id="suzani",
        title_ru="т" * 120,
        title_uz="t" * 120,
        title_en="t" * 120,
        text_ru="т" * 4000,
        text_uz="t" * 4000,
        text_en="t" * 4000,
    )
    assert page_row()[:6] == ("т" * 120, "t" * 120, "t" * 120, "т" * 4000, "t" * 4000, "t" * 4000)


def test_each_text_over_its_limit_is_refused_at_its_own_field_and_nothing_saved(reviewer):
    with pytest.raises(ValidationError) as caught:
        services.theme_update(
            actor=reviewer,
            concept_id="suzani",
            title_ru="т" * 121,
            title_uz="t" * 121,
            title_en="t" * 121,
            text_ru="т" * 4001,
            text_uz="t" * 4001,
            text_en="t" * 4001,
        )
    assert caught.value.message_dict == {
        "title_ru": [too_long(120)],
        "title_uz": [too_long(120)],
        "title_en": [too_long(120)],
        "text_ru": [too_long(4000)],
        "text_uz": [too_long(4000)],
        "text_en": [too_long(4000)],
    }
    assert not ThemePage.objects.exists() and not AuditEntry.objects.exists()


def test_a_text_with_a_null_character_is_refused_and_the_page_kept(reviewer):
    ThemePage.objects.create(concept_id="suzani", text_en="Before.")
    with pytest.raises(ValidationError) as caught:
        services.theme_update(actor=reviewer, concept_id="suzani", text_en="Bad\x00")
    assert caught.value.message_dict == {
        "text_en": ["The text contains a character that is not allowed."]
    }
    assert page_row()[5:7] == ("Before.", None)


@pytest.mark.parametrize("concept_id", ["silk", "no-such-theme", ""])
def test_only_a_heritage_theme_has_a_page(reviewer, concept_id):
    with pytest.raises(ValidationError) as caught:
        services.theme_update(actor=reviewer, concept_id=concept_id, text_en="x")
    assert (caught.value.messages, caught.value.code) == ([NOT_A_THEME], "theme")
    assert not ThemePage.objects.exists() and not AuditEntry.objects.exists()


def test_the_texts_are_checked_before_the_theme(reviewer):
    with pytest.raises(ValidationError) as caught:
        services.theme_update(actor=reviewer, concept_id="silk", title_en="t" * 121)
    assert caught.value.message_dict == {"title_en": [too_long(120)]}


@pytest.mark.parametrize("who", ["member", "analyst", "programme_manager", "anonymous"])
def test_only_the_heritage_editors_write_the_page(member, analyst, programme_manager, who):
    actor = {
        "member": member,
        "analyst": analyst,
        "programme_manager": programme_manager,
        "anonymous": AnonymousUser(),
    }[who]
    with pytest.raises(PermissionDenied):
        services.theme_update(actor=actor, concept_id="suzani", text_en="x")
    assert not ThemePage.objects.exists() and not AuditEntry.objects.exists()


# --- images -------------------------------------------------------------------------------------


def test_an_image_is_re_encoded_placed_last_captioned_and_audited(reviewer, clock):
    page = ThemePage.objects.create(concept_id="suzani")
    stored_image(page, 0)
    stored_image(page, 1)
    image = add(
        reviewer,
        caption_ru=" Бухара ",
        caption_uz=" Buxoro\n",
        caption_en=" Bukhara ",
        credit="  Photo: A. Karimov ",
    )
    image = ThemeImage.objects.get(pk=image.pk)
    assert (
        image.theme,
        image.position,
        image.caption_ru,
        image.caption_uz,
        image.caption_en,
        image.credit,
        image.created_at,
    ) == (page, 2, "Бухара", "Buxoro", "Bukhara", "Photo: A. Karimov", NOW)
    assert image.image.name.startswith("heritage/")
    assert image.image.name.endswith((".webp", ".png")) and "suzani" not in image.image.name
    with Image.open(default_storage.open(image.image.name)) as stored:
        assert stored.size == (60, 40)
        assert stored.format in ("WEBP", "PNG")
    assert trail(page) == [("knowledge.theme_image_add", reviewer, {"image": image.pk})]


def test_the_first_image_makes_the_page_and_is_first(reviewer):
    image = add(reviewer)
    assert (image.theme_id, image.position) == ("suzani", 0)
    assert (image.caption_ru, image.caption_uz, image.caption_en, image.credit) == ("",) * 4
    assert page_row()[:6] == ("",) * 6


@pytest.mark.parametrize(
    ("size", "kept"),
    [
        ((3200, 100), (1600, 50)),
        ((1601, 1), (1600, 1)),
        ((1600, 10), (1600, 10)),
        ((10, 3200), (5, 1600)),
    ],
)
def test_an_image_is_at_most_1600_pixels_a_side(reviewer, size, kept):
    image = add(reviewer, upload=upload(png(size)))
    with Image.open(default_storage.open(image.image.name)) as stored:
        assert stored.size == kept


def test_an_image_of_exactly_8_mib_is_taken(reviewer):
    data = png(pad_to=8 * MIB)
    assert len(data) == 8 * MIB
    assert add(reviewer, upload=upload(data)).pk


def test_an_image_a_byte_over_8_mib_is_refused_at_the_image(reviewer):
    with pytest.raises(ValidationError) as caught:
        add(reviewer, upload=upload(png(pad_to=8 * MIB + 1)))
    assert caught.value.message_dict == {"image": [TOO_LARGE]}
    assert not ThemeImage.objects.exists() and not AuditEntry.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_at_the_image(reviewer):
    with pytest.raises(ValidationError) as caught:
        add(reviewer, upload=upload(b"%PDF-1.4 not an image", name="photo.pdf"))
    assert caught.value.message_dict == {"image": [NOT_AN_IMAGE]}
    assert not ThemeImage.objects.exists() and not AuditEntry.objects.exists()


def test_the_twelfth_image_is_taken_and_the_thirteenth_refused(reviewer):
    page = ThemePage.objects.create(concept_id="suzani")
    for position in range(11):
        stored_image(page, position)
    assert add(reviewer).position == 11
    with pytest.raises(ValidationError) as caught:
        add(reviewer)
    assert caught.value.message_dict == {"image": ["At most 12 images per theme."]}
    assert page.images.count() == 12
    assert len(trail(page)) == 1


def test_captions_and_credit_at_200_characters_are_taken(reviewer):
    image = add(
        reviewer, caption_ru="к" * 200, caption_uz="k" * 200, caption_en="c" * 200, credit="p" * 200
    )
    assert (image.caption_ru, image.caption_uz, image.caption_en, image.credit) == (
        "к" * 200,
        "k" * 200,
        "c" * 200,
        "p" * 200,
    )


def test_captions_and_credit_over_200_are_refused_each_at_its_field_before_the_image(reviewer):
    page = ThemePage.objects.create(concept_id="suzani")
    for position in range(12):
        stored_image(page, position)
    with pytest.raises(ValidationError) as caught:
        add(
            reviewer,
            upload=upload(b"not an image"),
            caption_ru="к" * 201,
            caption_uz="k" * 201,
            caption_en="c" * 201,
            credit="p" * 201,
        )
    assert caught.value.message_dict == {
        "caption_ru": [too_long(200)],
        "caption_uz": [too_long(200)],
        "caption_en": [too_long(200)],
        "credit": [too_long(200)],
        "image": ["At most 12 images per theme."],
    }
    assert page.images.count() == 12 and not AuditEntry.objects.exists()


def test_an_image_for_what_is_not_a_heritage_theme_is_refused(reviewer):
    with pytest.raises(ValidationError) as caught:
        services.theme_image_add(
            actor=reviewer, concept_id="silk", upload=upload(), caption_en="c" * 201
        )
    assert (caught.value.messages, caught.value.code) == ([NOT_A_THEME], "theme")
    assert not ThemePage.objects.exists() and not ThemeImage.objects.exists()


@pytest.mark.parametrize("who", ["member", "analyst", "anonymous"])
def test_only_the_heritage_editors_add_images(member, analyst, who):
    actor = {"member": member, "analyst": analyst, "anonymous": AnonymousUser()}[who]
    with pytest.raises(PermissionDenied):
        add(actor)
    assert not ThemePage.objects.exists() and not ThemeImage.objects.exists()


# --- removing an image --------------------------------------------------------------------------


def test_a_removed_image_is_audited_and_its_file_goes_once_committed(reviewer, run_on_commit):
    keep = add(reviewer)
    image = add(reviewer)
    name = image.image.name
    page = ThemePage.objects.get(concept_id="suzani")
    with run_on_commit():
        assert services.theme_image_remove(actor=reviewer, image=image) is None
        assert not ThemeImage.objects.filter(pk=image.pk).exists()
        assert default_storage.exists(name)  # not before the commit
    assert not default_storage.exists(name)
    assert default_storage.exists(keep.image.name)
    assert list(ThemeImage.objects.values_list("pk", flat=True)) == [keep.pk]
    assert trail(page)[-1] == ("knowledge.theme_image_remove", reviewer, {})


@pytest.mark.parametrize("who", ["member", "analyst", "anonymous"])
def test_only_the_heritage_editors_remove_images(reviewer, member, analyst, run_on_commit, who):
    image = add(reviewer)
    actor = {"member": member, "analyst": analyst, "anonymous": AnonymousUser()}[who]
    with run_on_commit(), pytest.raises(PermissionDenied):
        services.theme_image_remove(actor=actor, image=image)
    assert ThemeImage.objects.filter(pk=image.pk).exists()
    assert default_storage.exists(image.image.name)
    assert len(trail(image.theme)) == 1

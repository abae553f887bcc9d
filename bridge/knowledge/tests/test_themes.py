"""Heritage theme pages: one per heritage concept, with what staff write and everything on the
platform tied to the theme — materials, organisations, practices, events — found by concept id
through the search engine, in a bounded number of queries."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.knowledge.models import ThemeImage, ThemePage
from bridge.knowledge.services import themes
from bridge.knowledge.tests.factories import EventFactory, published_practice
from bridge.search.thesaurus import current

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def png(size=(60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def ikat_world():
    OrganisationFactory(name="Atlas Lab", description_en="Clothes of Uzbek ikat and adras.")
    practice = published_practice(versions={"ru": "Натуральные красители"}, themes=["ikat"])
    EventFactory(title_en="Abrband workshop", themes=["ikat"])
    ThemePage.objects.create(concept_id="ikat", title_en="Abr (ikat)", text_en="Abr means cloud.")
    return {"practice": practice}


def test_the_abr_page_shows_organisations_practices_and_events(client, ikat_world):
    response = client.get(reverse("knowledge:theme", args=["ikat"]), HTTP_ACCEPT_LANGUAGE="en")
    theme = response.context["theme"]
    assert theme.label == "Abr (ikat)" and theme.text == "Abr means cloud."
    groups = {group.key: [card.title for card in group.cards] for group in theme.groups}
    assert groups == {
        "practices": ["Натуральные красители"],
        "events": ["Abrband workshop"],
        "organisations": ["Atlas Lab"],
    }
    practices_group = next(g for g in theme.groups if g.key == "practices")
    assert practices_group.see_all == "/knowledge/?theme=ikat"


def test_the_index_lists_every_heritage_theme_with_its_counts(client, ikat_world):
    response = client.get(reverse("knowledge:themes"), HTTP_ACCEPT_LANGUAGE="en")
    summaries = {s.concept_id: s for s in response.context["themes"]}
    assert set(summaries) == set(current().heritage_ids)
    assert dict(summaries["ikat"].counts) == {
        "Practice library": 1,
        "Events": 1,
        "Organisations": 1,
    }
    assert summaries["maqom"].counts == []
    assert "Abr (ikat)" in response.content.decode()


def test_the_theme_pages_take_a_bounded_number_of_queries(
    client, ikat_world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("knowledge:theme", args=["ikat"]))
    with django_assert_max_num_queries(8) as index:
        client.get(reverse("knowledge:themes"))
    for n in range(6):
        published_practice(versions={"en": f"Ikat story {n}"}, themes=["ikat", "suzani"])
        EventFactory(themes=["ikat"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("knowledge:theme", args=["ikat"]))
    with django_assert_max_num_queries(len(index.captured_queries)):
        client.get(reverse("knowledge:themes"))


def test_a_concept_that_is_not_a_heritage_theme_has_no_page(client):
    for concept in ("silk", "no-such-theme"):
        assert client.get(reverse("knowledge:theme", args=[concept])).status_code == 404


def test_uzbek_cyrillic_readers_get_the_theme_in_cyrillic(client, ikat_world):
    ThemePage.objects.filter(concept_id="ikat").update(
        title_uz="Abr (ikat)", text_uz="Abr — bulut."
    )
    theme = client.get(
        reverse("knowledge:theme", args=["ikat"]), HTTP_ACCEPT_LANGUAGE="uz-cyrl"
    ).context["theme"]
    assert (theme.label, theme.text) == ("Абр (икат)", "Абр — булут.")


def test_staff_edit_the_text_and_images_others_may_not(client, reviewer, member):
    url = reverse("knowledge:theme_edit", args=["suzani"])
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(reviewer)
    client.post(url, {"form": "text", "title_en": "Suzani", "text_en": "Embroidered hangings."})
    assert ThemePage.objects.get(concept_id="suzani").text_en == "Embroidered hangings."
    response = client.post(
        url,
        {
            "form": "image",
            "image": SimpleUploadedFile("photo.pdf", b"%PDF-1.4 not an image"),
            "caption_en": "x",
        },
    )
    assert "image" in response.context["image_form"].errors
    client.post(
        url,
        {
            "form": "image",
            "image": SimpleUploadedFile("suzani.png", png()),
            "caption_en": "Bukhara",
        },
    )
    image = ThemeImage.objects.get()
    assert image.caption_en == "Bukhara"
    assert image.image.name.endswith((".webp", ".png"))  # re-encoded, not the upload
    client.post(reverse("knowledge:theme_image_remove", args=["suzani", image.pk]))
    assert not ThemeImage.objects.exists()


def test_the_theme_service_refuses_what_is_not_a_theme_and_too_large_images(reviewer):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        themes.theme_update(actor=reviewer, concept_id="silk", text_en="x")
    with pytest.raises(PermissionDenied):
        themes.theme_update(actor=UserFactory(), concept_id="ikat", text_en="x")
    with pytest.raises(ValidationError) as refused:
        themes.theme_image_add(
            actor=reviewer,
            concept_id="ikat",
            upload=SimpleUploadedFile("big.png", png((6000, 6000))),
        )
    assert "image" in refused.value.message_dict

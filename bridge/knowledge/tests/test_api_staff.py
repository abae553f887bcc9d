"""The library's staff through the API: the heritage theme pages (text and images, uploads
checked like the page's) and a past event's recording into the library. Who may and may not,
bad input refused at its field, nothing half-saved."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.tests.files import has_metadata, jpeg_with_gps
from bridge.knowledge.models import Event, Practice, ThemeImage, ThemePage
from bridge.knowledge.tests.factories import EventFactory, bearer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/knowledge"


def png(size=(60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format="PNG")
    return out.getvalue()


def _put(client, url, data, **headers):
    return client.put(url, data, content_type="application/json", **headers)


def test_staff_keep_a_theme_page_others_may_not(client, reviewer, member, analyst):
    url = f"{API}/themes/ikat/text"
    text = {"title_en": "Abr (ikat)", "text_en": "Abr means cloud.", "text_ru": "Абр — облако."}
    for someone in (member, analyst, UserFactory()):
        assert _put(client, url, text, **bearer(someone)).status_code == 403
    assert _put(client, url, text).status_code == 401
    assert _put(client, url, text, **bearer(reviewer, read_only=True)).status_code == 403
    assert not ThemePage.objects.exists()

    headers = bearer(reviewer)
    too_long = _put(client, url, {**text, "title_uz": "x" * 121}, **headers)
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "title_uz"
    assert not ThemePage.objects.exists()
    saved = _put(client, url, text, **headers)
    assert saved.status_code == 200
    assert (saved.json()["title_en"], saved.json()["text_ru"]) == ("Abr (ikat)", "Абр — облако.")
    assert saved.json()["title_ru"] == "" and saved.json()["images"] == []
    assert _put(client, f"{API}/themes/games/text", text, **headers).status_code == 404


def test_theme_images_are_checked_re_encoded_and_removed(client, reviewer, member):
    url = f"{API}/themes/ikat/images"
    photo = {"image": SimpleUploadedFile("loom.jpg", jpeg_with_gps()), "credit": "Atlas"}
    assert client.post(url, photo, **bearer(member)).status_code == 403
    headers = bearer(reviewer)
    for name, content in [
        ("photo.pdf", b"%PDF-1.4 not an image"),
        ("vector.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
    ]:
        refused = client.post(url, {"image": SimpleUploadedFile(name, content)}, **headers)
        assert refused.status_code == 422, name
        assert [e["field"] for e in refused.json()["errors"]] == ["image"]
    long_credit = client.post(
        url, {"image": SimpleUploadedFile("a.png", png()), "credit": "x" * 201}, **headers
    )
    assert long_credit.status_code == 422
    assert not ThemeImage.objects.exists()

    added = client.post(
        url,
        {"image": SimpleUploadedFile("loom.jpg", jpeg_with_gps()), "credit": "Atlas"},
        **headers,
    )
    assert added.status_code == 201, added.content
    image = added.json()["images"][0]
    assert image["credit"] == "Atlas"
    stored = ThemeImage.objects.get()
    with stored.image.open("rb") as handle:
        assert not has_metadata(handle.read())

    remove = f"{API}/themes/ikat/images/{image['id']}"
    assert client.delete(remove, **bearer(member)).status_code == 403
    assert client.delete(f"{API}/themes/abr/images/{image['id']}", **headers).status_code == 404
    assert client.delete(remove, **headers).json()["images"] == []
    assert not ThemeImage.objects.exists()


@pytest.fixture
def past_event():
    return EventFactory(
        starts_at=timezone.now() - timedelta(days=3),
        recording_url="https://video.example/r",
        themes=["ikat"],
        title_uz="",
        organisation=OrganisationFactory(name="IT Park"),
    )


def test_a_past_event_becomes_a_library_entry(client, reviewer, programme_manager, past_event):
    url = f"{API}/events/{past_event.slug}/library"
    for someone in (programme_manager, UserFactory()):
        assert client.post(url, **bearer(someone)).status_code == 403
    assert client.post(url).status_code == 401
    assert not Practice.objects.exists()

    made = client.post(url, **bearer(reviewer))
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["kind"]["code"] == "recording" and body["themes"] == ["ikat"]
    assert {v["language"]: v["status"]["code"] for v in body["versions"]} == {
        "en": "published",
        "ru": "published",
    }
    assert Event.objects.get(pk=past_event.pk).practice.slug == body["slug"]
    again = client.post(url, **bearer(reviewer))
    assert again.status_code == 409 and again.json()["code"] == "refused"
    assert Practice.objects.count() == 1
    assert client.post(f"{API}/events/no-such/library", **bearer(reviewer)).status_code == 404


def test_an_event_without_a_recording_is_refused_at_the_field(client, reviewer):
    event = EventFactory(
        starts_at=timezone.now() - timedelta(days=3), organisation=OrganisationFactory()
    )
    refused = client.post(f"{API}/events/{event.slug}/library", **bearer(reviewer))
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["recording_url"]
    assert not Practice.objects.exists()

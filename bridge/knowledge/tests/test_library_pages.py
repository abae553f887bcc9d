"""The library for readers: search with facets, a practice in the reader's own language (Uzbek
Cyrillic readers get the Latin text transliterated, marked as such), drafts kept from the
public, files handed out only to those who may read them, and a bounded number of queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bridge.accounts.tests.factories import UserFactory
from bridge.core.tests.files import jpeg_with_gps
from bridge.knowledge.models import Status
from bridge.knowledge.services import practices
from bridge.knowledge.tests.factories import EntryFactory, published_practice
from bridge.knowledge.tests.test_attachments import pdf_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def guide(db):
    return published_practice(
        versions={
            "ru": "Копродукция анимации между Россией и Узбекистаном",
            "uz": "Animatsiya ko-prodyuserligi: huquqlar",
        },
        themes=["alpamysh"],
        keywords=["co-production"],
    )


def page(client, practice, language, **query):
    return client.get(practice.get_absolute_url(), query, HTTP_ACCEPT_LANGUAGE=language)


def test_an_uzbek_query_finds_the_russian_guide_once_with_its_uzbek_version(client, guide):
    response = client.get(
        reverse("knowledge:library"), {"q": "ko-prodyuserlik"}, HTTP_ACCEPT_LANGUAGE="uz"
    )
    assert response.status_code == 200
    cards = response.context["page"].cards
    assert [card.practice for card in cards] == [guide]
    assert cards[0].entry.language == "uz"  # the Uzbek reader's own version
    assert [code for code, _name in cards[0].languages] == ["ru", "uz"]


def test_facets_count_and_filter(client, guide):
    published_practice(versions=("en",), themes=["suzani"])
    response = client.get(
        reverse("knowledge:library"), {"theme": "suzani"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    page_ = response.context["page"]
    assert page_.count == 1
    themes = {f.value: (f.count, f.selected) for f in page_.facets["theme"]}
    assert themes == {"suzani": (1, True), "alpamysh": (1, False)}
    assert "Suzani" in response.content.decode()


def test_each_reader_gets_their_language_and_uzbek_cyrillic_is_transliterated(client, guide):
    assert page(client, guide, "ru").context["entry"].language == "ru"
    uzbek = page(client, guide, "uz")
    assert uzbek.context["entry"].language == "uz"
    cyrillic = page(client, guide, "uz-cyrl")
    assert cyrillic.context["r"].transliterated is True
    html = cyrillic.content.decode()
    assert "Аниматсия ко-продюсерлиги: ҳуқуқлар" in html
    assert "Animatsiya ko-prodyuserligi" not in html
    assert 'href="?lang=uz"' in html  # the original, one click away
    chosen = page(client, guide, "uz", lang="ru")
    assert chosen.context["entry"].language == "ru"


def test_a_reader_without_their_language_sees_which_exist_and_can_ask(client, guide):
    response = page(client, guide, "en")
    assert response.context["r"].missing == "en"
    html = response.content.decode()
    assert "not written in your language yet" in html
    assert "Sign in to ask the authors" in html
    client.force_login(UserFactory())
    html = page(client, guide, "en").content.decode()
    assert reverse("knowledge:practice_request_translation", args=[guide.slug]) in html
    client.post(
        reverse("knowledge:practice_request_translation", args=[guide.slug]), {"language": "en"}
    )
    assert guide.translation_requests.get().language == "en"


def test_drafts_are_for_their_authors_and_reviewers_only(client, member, reviewer):
    draft = EntryFactory(practice__organisation=member.organisations.first())
    url = draft.practice.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    for person in (member, reviewer):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert "not public" in response.content.decode()


def test_files_follow_the_version_they_belong_to(client, member):
    entry = EntryFactory(practice__organisation=member.organisations.first())
    content = pdf_bytes()  # Pillow dates its PDFs: made once
    attachment = practices.attachment_add(
        actor=member, entry=entry, upload=SimpleUploadedFile("Смета.pdf", content)
    )
    url = attachment.get_absolute_url()
    assert client.get(url).status_code == 404  # a draft's file
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Not sandboxed: Chromium and Safari show nothing of a sandboxed PDF.
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
    )
    assert b"".join(response.streaming_content) == content
    client.logout()
    entry.status = Status.PUBLISHED
    entry.save()
    assert client.get(url).status_code == 200
    wrong = url.replace(f"/files/{attachment.pk}/", "/files/99999999999999999999/")
    assert client.get(wrong).status_code == 404


def test_an_image_file_is_served_sandboxed(client, member):
    entry = EntryFactory(practice__organisation=member.organisations.first())
    attachment = practices.attachment_add(
        actor=member, entry=entry, upload=SimpleUploadedFile("photo.jpg", jpeg_with_gps())
    )
    client.force_login(member)
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_library_takes_the_same_queries_for_one_or_many_practices(
    client, django_assert_max_num_queries
):
    published_practice(versions=("ru", "uz"), themes=["ikat"])
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("knowledge:library"))
    for _n in range(4):
        published_practice(versions=("ru", "uz", "en"), themes=["suzani"], keywords=["silk"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("knowledge:library"))
    assert response.context["page"].count == 5


def test_a_practice_page_takes_a_bounded_number_of_queries(
    client, guide, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        response = page(client, guide, "ru")
    assert response.status_code == 200


def test_related_items_come_through_shared_concepts(client, guide):
    other = published_practice(
        versions={"en": "Licensing a co-production"}, keywords=["co-production"]
    )
    groups = page(client, guide, "ru").context["related"]
    practices_group = next(g for g in groups if g.key == "practices")
    assert [c.title for c in practices_group.cards] == ["Licensing a co-production"]
    assert other.pk != guide.pk


def test_the_useful_vote_and_questions_through_the_page(client, guide):
    reader = UserFactory()
    client.force_login(reader)
    client.post(reverse("knowledge:practice_useful", args=[guide.slug]))
    guide.refresh_from_db()
    assert guide.useful_count == 1
    response = client.post(
        reverse("knowledge:practice_ask", args=[guide.slug]), {"text": ""}, follow=True
    )
    assert "This field is required." in response.content.decode()
    client.post(reverse("knowledge:practice_ask", args=[guide.slug]), {"text": "Какой арбитраж?"})
    assert guide.questions.get().text == "Какой арбитраж?"
    client.logout()
    assert client.post(reverse("knowledge:practice_useful", args=[guide.slug])).status_code == 302
    guide.refresh_from_db()
    assert guide.useful_count == 1

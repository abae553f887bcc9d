"""Authors' pages: share a practice, edit a version, add a language, send for review, history and
files; reviewers' pages: the queue, publish or return, questions to moderate. Every page is
tried by those who may use it and by those who may not."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bridge.accounts.tests.factories import UserFactory
from bridge.knowledge.models import Practice, Question, QuestionStatus, Status
from bridge.knowledge.services import practices
from bridge.knowledge.tests.factories import EntryFactory, published_practice
from bridge.knowledge.tests.test_attachments import pdf_bytes, png_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FORM = {
    "kind": "case",
    "language": "ru",
    "title": "Сюзане в кадре",
    "summary": "Как мы шили костюмы.",
    "body": "## Задача\n\nКостюмы.",
    "sectors": ["animation"],
    "themes": ["suzani"],
    "keywords": "вышивка, stop-motion",
    "video_url": "",
    "chapters": "",
}


@pytest.fixture
def draft(member):
    practice = practices.practice_create(
        actor=member,
        organisation=member.organisations.first(),
        kind="guide",
        language="ru",
        title="Копродукция",
        summary="Права.",
    )
    return practice.entries.get()


def test_a_member_shares_a_practice_with_keywords_typed_in_any_language(
    client, member, organisation
):
    client.force_login(member)
    response = client.post(
        reverse("knowledge:practice_new"), {**FORM, "organisation": organisation.pk}
    )
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:entry_edit", args=[practice.slug, "ru"])
    assert practice.keywords == ["embroidery", "stop-motion"]
    assert practice.themes == ["suzani"]


def test_bad_input_is_shown_at_its_field_and_nothing_is_saved(client, member, organisation):
    client.force_login(member)
    response = client.post(
        reverse("knowledge:practice_new"),
        {
            **FORM,
            "organisation": organisation.pk,
            "title": "",
            "keywords": "вышивка, бла-бла",
            "chapters": "soon Intro",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"title", "keywords", "chapters"}
    assert "бла-бла" in form.errors["keywords"][0]
    assert not Practice.objects.exists()


def test_people_without_an_organisation_are_told_how_to_get_one(client):
    client.force_login(UserFactory())
    response = client.get(reverse("knowledge:practice_new"))
    assert response.status_code == 403
    assert reverse("organisations:create") in response.content.decode()


def test_writing_in_the_name_of_another_organisation_is_refused(client, member, outsider):
    other = published_practice().organisation
    client.force_login(member)
    response = client.post(reverse("knowledge:practice_new"), {**FORM, "organisation": other.pk})
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Practice.objects.exclude(organisation=other).exists()


def test_edit_translate_submit_and_history(client, member, draft):
    client.force_login(member)
    slug = draft.practice.slug
    client.post(
        reverse("knowledge:entry_edit", args=[slug, "ru"]),
        {
            "title": "Копродукция: права",
            "summary": "Права и деньги.",
            "body": "Текст",
            "chapters": "",
        },
    )
    draft.refresh_from_db()
    assert (draft.title, draft.revision) == ("Копродукция: права", 2)
    client.post(
        reverse("knowledge:practice_translate", args=[slug]),
        {
            "language": "uz",
            "title": "Ko-prodyuserlik",
            "summary": "Huquqlar.",
            "body": "",
            "chapters": "",
        },
    )
    assert draft.practice.entries.get(language="uz").status == Status.DRAFT
    client.post(reverse("knowledge:entry_submit", args=[slug, "ru"]))
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    history = client.get(reverse("knowledge:entry_history", args=[slug, "ru"]))
    assert [row["revision"].number for row in history.context["rows"]] == [2, 1]
    assert ("added", "+Копродукция: права") in history.context["rows"][0]["diff"]


def test_files_are_attached_and_disguised_ones_refused_on_the_page(client, member, draft):
    client.force_login(member)
    url = reverse("knowledge:attachment_add", args=[draft.practice.slug, "ru"])
    client.post(url, {"file": SimpleUploadedFile("Смета.pdf", pdf_bytes())})
    response = client.post(
        url, {"file": SimpleUploadedFile("report.pdf", png_bytes())}, follow=True
    )
    assert "none of them" in response.content.decode()
    assert [a.name for a in draft.attachments.all()] == ["Смета.pdf"]


@pytest.mark.parametrize(
    "name",
    ["entry_edit", "entry_history", "practice_translate", "practice_details"],
)
def test_authoring_pages_are_not_found_for_others(client, draft, name):
    slug = draft.practice.slug
    args = [slug] if name.startswith("practice") else [slug, "ru"]
    url = reverse(f"knowledge:{name}", args=args)
    assert client.get(url)["Location"].startswith(reverse("accounts:login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_posts_of_others_change_nothing(client, draft):
    client.force_login(UserFactory())
    slug = draft.practice.slug
    for name in ("entry_submit", "entry_restore", "attachment_add"):
        assert (
            client.post(reverse(f"knowledge:{name}", args=[slug, "ru"]), {"number": 1}).status_code
            == 404
        )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_my_practices_lists_versions_and_questions_to_answer(client, member, draft):
    question = Question.objects.create(
        practice=draft.practice,
        asked_by=UserFactory(),
        text="Сколько стоит?",
        status=QuestionStatus.PUBLISHED,
    )
    client.force_login(member)
    response = client.get(reverse("knowledge:mine"))
    assert list(response.context["practices"]) == [draft.practice]
    assert list(response.context["questions"]) == [question]


def test_the_review_queue_is_for_reviewers(client, member, reviewer, draft):
    url = reverse("knowledge:review")
    for person in (member, UserFactory(is_staff=True, groups=["analyst"])):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert (
            client.get(
                reverse("knowledge:review_entry", args=[draft.practice.slug, "ru"])
            ).status_code
            == 404
        )
    client.force_login(reviewer)
    assert client.get(url).status_code == 200


def test_a_reviewer_publishes_or_returns_with_a_reason(client, member, reviewer, draft):
    from bridge.knowledge.services.review import entry_submit

    entry_submit(actor=member, entry=draft)
    client.force_login(reviewer)
    url = reverse("knowledge:review_entry", args=[draft.practice.slug, "ru"])
    response = client.post(url, {"action": "return", "reason": ""})
    assert "reason" in response.context["form"].errors
    client.post(url, {"action": "return", "reason": "Добавьте цифры."})
    draft.refresh_from_db()
    assert (draft.status, draft.review_note) == (Status.RETURNED, "Добавьте цифры.")
    entry_submit(actor=member, entry=draft)
    client.post(url, {"action": "publish"})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_a_moderator_publishes_or_rejects_questions(client, reviewer, member):
    practice = published_practice(organisation=member.organisations.first())
    questions = [
        Question.objects.create(practice=practice, asked_by=UserFactory(), text=text)
        for text in ("Вопрос", "Спам")
    ]
    client.force_login(member)
    assert (
        client.post(
            reverse("knowledge:question_moderate", args=[questions[0].pk]), {"action": "publish"}
        ).status_code
        == 404
    )
    client.force_login(reviewer)
    client.post(
        reverse("knowledge:question_moderate", args=[questions[0].pk]), {"action": "publish"}
    )
    client.post(
        reverse("knowledge:question_moderate", args=[questions[1].pk]), {"action": "reject"}
    )
    assert [q.status for q in Question.objects.order_by("pk")] == ["published", "rejected"]
    assert (
        client.post(
            reverse("knowledge:question_moderate", args=["99999999999999999999"])
        ).status_code
        == 404
    )


def test_an_author_answers_on_the_practice_page(client, member):
    practice = published_practice(organisation=member.organisations.first())
    question = Question.objects.create(
        practice=practice, asked_by=UserFactory(), text="Когда?", status=QuestionStatus.PUBLISHED
    )
    url = reverse("knowledge:question_answer", args=[practice.slug, question.pk])
    client.force_login(UserFactory())
    assert client.post(url, {"answer": "Сейчас"}).status_code == 404
    client.force_login(member)
    client.post(url, {"answer": "Весной."})
    question.refresh_from_db()
    assert question.answer == "Весной."


def test_the_reviewer_sees_what_changed_since_publication(client, member, reviewer):
    entry = EntryFactory(
        status=Status.PUBLISHED,
        body="Старый текст",
        practice__organisation=member.organisations.first(),
    )
    practices.entry_update(
        actor=member, entry=entry, title=entry.title, summary=entry.summary, body="Новый текст"
    )
    client.force_login(reviewer)
    response = client.get(reverse("knowledge:review_entry", args=[entry.practice.slug, "ru"]))
    assert ("removed", "-Старый текст") in response.context["changes"]
    assert ("added", "+Новый текст") in response.context["changes"]

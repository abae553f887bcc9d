"""Readers and moderators around a published practice through the API: the "useful" mark,
questions (moderated, then answered by the authors), translation requests. Who may and may not,
and bad input refused at its field with nothing saved."""

import pytest

from bridge.accounts.tests.factories import UserFactory
from bridge.knowledge.models import Question, QuestionStatus, TranslationRequest, UsefulVote
from bridge.knowledge.tests.factories import (
    EntryFactory,
    PracticeFactory,
    bearer,
    published_practice,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/knowledge"


def _post(client, url, data=None, **headers):
    return client.post(url, data or {}, content_type="application/json", **headers)


@pytest.fixture
def practice(organisation):
    return published_practice(organisation=organisation)


def test_a_reader_marks_useful_asks_and_requests_a_language(client, practice):
    reader = UserFactory()
    headers = bearer(reader)
    url = f"{API}/entries/{practice.slug}"
    assert _post(client, f"{url}/useful", **headers).json() == {"useful": True, "useful_count": 1}
    assert _post(client, f"{url}/useful", **headers).json()["useful_count"] == 1
    taken = _post(client, f"{url}/useful", {"useful": False}, **headers)
    assert taken.json() == {"useful": False, "useful_count": 0}

    asked = _post(client, f"{url}/questions", {"text": "How long did it take?"}, **headers)
    assert asked.status_code == 201
    assert asked.json()["status"]["code"] == "pending" and asked.json()["answer"] == ""

    wanted = _post(client, f"{url}/translation-requests", {"language": "en"}, **headers)
    assert wanted.status_code == 201 and wanted.json()["language"] == "en"
    assert (
        _post(client, f"{url}/translation-requests", {"language": "en"}, **headers).status_code
        == 201
    )
    assert TranslationRequest.objects.count() == 1
    published = _post(client, f"{url}/translation-requests", {"language": "ru"}, **headers)
    assert published.status_code == 422
    assert [e["field"] for e in published.json()["errors"]] == ["language"]


def test_bad_input_and_unpublished_practices(client, practice, organisation):
    headers = bearer(UserFactory())
    url = f"{API}/entries/{practice.slug}"
    for path, data, field in [
        ("questions", {"text": ""}, "text"),
        ("questions", {"text": "x" * 2001}, "text"),
        ("questions", {"text": "   "}, "text"),
        ("translation-requests", {"language": "de"}, "language"),
        ("useful", {"useful": "perhaps"}, "useful"),
    ]:
        answer = _post(client, f"{url}/{path}", data, **headers)
        assert answer.status_code == 422, (path, data)
        assert [e["field"] for e in answer.json()["errors"]] == [field]
    draft = PracticeFactory(organisation=organisation)
    EntryFactory(practice=draft)
    for path, data in [
        ("useful", {}),
        ("questions", {"text": "Hello?"}),
        ("translation-requests", {"language": "en"}),
    ]:
        assert (
            _post(client, f"{API}/entries/{draft.slug}/{path}", data, **headers).status_code == 404
        )
    assert _post(client, f"{API}/entries/no-such/useful", **headers).status_code == 404
    assert not Question.objects.exists() and not UsefulVote.objects.exists()
    assert not TranslationRequest.objects.exists()


def test_the_authors_organisation_does_not_vote_for_its_own(client, practice, member):
    own = _post(client, f"{API}/entries/{practice.slug}/useful", **bearer(member))
    assert own.status_code == 409 and own.json()["code"] == "own"
    assert not UsefulVote.objects.exists()


def test_anonymous_and_read_only_callers_may_not(client, practice):
    reader = UserFactory()
    url = f"{API}/entries/{practice.slug}/questions"
    assert _post(client, url, {"text": "Hi?"}).status_code == 401
    assert _post(client, url, {"text": "Hi?"}, **bearer(reader, read_only=True)).status_code == 403
    assert not Question.objects.exists()


def test_moderators_decide_on_questions_and_authors_answer(
    client, practice, member, reviewer, analyst
):
    reader = UserFactory()
    question = Question.objects.create(practice=practice, asked_by=reader, text="Why abr?")
    rejected = Question.objects.create(practice=practice, asked_by=reader, text="Spam")
    answer_url = f"{API}/entries/{practice.slug}/questions/{question.pk}/answer"

    for someone in (member, analyst, reader):
        for action in ("publish", "reject"):
            url = f"{API}/questions/{question.pk}/{action}"
            assert _post(client, url, **bearer(someone)).status_code == 403
    not_yet = _post(client, answer_url, {"answer": "Because."}, **bearer(member))
    assert not_yet.status_code == 409 and not_yet.json()["code"] == "status"
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.PENDING

    headers = bearer(reviewer)
    published = _post(client, f"{API}/questions/{question.pk}/publish", **headers)
    assert published.status_code == 200 and published.json()["status"]["code"] == "published"
    twice = _post(client, f"{API}/questions/{question.pk}/reject", **headers)
    assert twice.status_code == 409
    assert _post(client, f"{API}/questions/{rejected.pk}/reject", **headers).status_code == 200
    assert _post(client, f"{API}/questions/999999/publish", **headers).status_code == 404

    for stranger in (reader, reviewer, UserFactory()):
        assert _post(client, answer_url, {"answer": "Mine"}, **bearer(stranger)).status_code == 404
    blank = _post(client, answer_url, {"answer": ""}, **bearer(member))
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "answer"
    answered = _post(client, answer_url, {"answer": "Cloud patterns."}, **bearer(member))
    assert answered.status_code == 200 and answered.json()["answer"] == "Cloud patterns."
    other = published_practice()
    wrong_practice = f"{API}/entries/{other.slug}/questions/{question.pk}/answer"
    assert _post(client, wrong_practice, {"answer": "x"}, **bearer(member)).status_code == 404

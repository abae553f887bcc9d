"""The API's answers, pitch deck and withdrawal of an application (issue 16 item 1), for every
role: the organisation's members may, others may not (404: another organisation's application
is not even shown to exist), read-only tokens may not write, bad input answers 422 at the field
and leaves nothing half-saved."""

import itertools
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory
from bridge.core.tests.files import pdf_bytes
from bridge.programs.models import Answer, Application, ApplicationStatus, QuestionKind
from bridge.programs.tests.factories import (
    ApplicationFactory,
    QuestionFactory,
    SubmittedApplicationFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BASE = "/api/v1/programmes/applications"
_TOKENS = itertools.count()


def bearer(user, *, read_only=False):
    raw = f"cb_prog_{user.pk:08d}_{next(_TOKENS):06d}"
    scope = TokenScope.READ if read_only else TokenScope.READ_WRITE
    ApiTokenFactory(user=user, raw=raw, scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def put(client, url, body, **auth):
    return client.put(url, body, content_type="application/json", **auth)


def signed_pdf() -> bytes:
    """A valid PDF whose bytes name its author, at the same length as the plain one."""
    plain = pdf_bytes(padding=40)
    marker = b"% /Author (Jane Secret)"
    return plain.replace(b"% " + b"x" * 40, marker + b" " * (42 - len(marker)))


# ---- answers ----------------------------------------------------------------------------------


def test_members_answer_the_calls_questions(client, organisation, member):
    application = ApplicationFactory(organisation=organisation)
    call = application.call
    text = QuestionFactory(call=call, kind=QuestionKind.TEXT, max_length=20)
    number = QuestionFactory(call=call, kind=QuestionKind.NUMBER)
    yes_no = QuestionFactory(call=call, kind=QuestionKind.YES_NO)
    several = QuestionFactory(
        call=call,
        kind=QuestionKind.MULTI_CHOICE,
        choices=[{"value": "a", "en": "A"}, {"value": "b", "en": "B"}],
    )
    auth = bearer(member)
    url = f"{BASE}/{application.pk}/answers"
    assert put(client, f"{url}/{text.pk}", {"value": " Because "}, **auth).json()["value"] == (
        "Because"
    )
    assert put(client, f"{url}/{number.pk}", {"value": "1 500,5"}, **auth).json()["value"] == (
        "1500.5"
    )
    assert put(client, f"{url}/{yes_no.pk}", {"value": True}, **auth).json()["value"] is True
    chosen = put(client, f"{url}/{several.pk}", {"value": ["b", "a", "b"]}, **auth)
    assert chosen.status_code == 200 and chosen.json()["value"] == ["a", "b"]
    cleared = put(client, f"{url}/{text.pk}", {"value": None}, **auth)
    assert cleared.status_code == 200 and cleared.json()["value"] is None


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (QuestionKind.TEXT, "x" * 21),
        (QuestionKind.NUMBER, "many"),
        (QuestionKind.URL, "ftp://example.org"),
        (QuestionKind.YES_NO, "perhaps"),
        (QuestionKind.CHOICE, "c"),
    ],
)
def test_a_bad_answer_is_refused_at_value(client, organisation, member, kind, value):
    application = ApplicationFactory(organisation=organisation)
    question = QuestionFactory(
        call=application.call, kind=kind, max_length=20, choices=[{"value": "a", "en": "A"}]
    )
    response = put(
        client, f"{BASE}/{application.pk}/answers/{question.pk}", {"value": value}, **bearer(member)
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["value"]
    assert not Answer.objects.filter(question=question).exclude(value=None).exists()


def test_the_schema_refuses_what_no_question_takes(client, organisation, member):
    application = ApplicationFactory(organisation=organisation)
    question = QuestionFactory(call=application.call)
    url = f"{BASE}/{application.pk}/answers/{question.pk}"
    for body in ({}, {"value": "x" * 10_001}, {"value": {"a": 1}}):
        response = put(client, url, body, **bearer(member))
        assert response.status_code == 422
        assert {e["field"] for e in response.json()["errors"]} <= {"value"}
    assert not Answer.objects.exists()


def test_answers_are_refused_to_others(client, organisation, member, outsider):
    application = ApplicationFactory(organisation=organisation)
    question = QuestionFactory(call=application.call)
    url = f"{BASE}/{application.pk}/answers/{question.pk}"
    body = {"value": "Hello"}
    assert put(client, url, body).status_code == 401
    assert put(client, url, body, **bearer(outsider)).status_code == 404
    assert put(client, url, body, **bearer(member, read_only=True)).status_code == 403
    foreign = QuestionFactory()  # another call's question
    other_call = f"{BASE}/{application.pk}/answers/{foreign.pk}"
    assert put(client, other_call, body, **bearer(member)).status_code == 404
    assert (
        put(client, f"{BASE}/{application.pk}/answers/{2**70}", body, **bearer(member)).status_code
        == 404
    )
    assert not Answer.objects.exists()


def test_file_questions_take_a_file_and_others_do_not(client, organisation, member):
    application = ApplicationFactory(organisation=organisation)
    file_question = QuestionFactory(call=application.call, kind=QuestionKind.FILE)
    text = QuestionFactory(call=application.call)
    auth = bearer(member)
    url = f"{BASE}/{application.pk}/answers"
    refused = put(client, f"{url}/{file_question.pk}", {"value": "x"}, **auth)
    assert refused.status_code == 422 and list(refused.json()["errors"]) == ["value"]
    upload = SimpleUploadedFile("art.pdf", signed_pdf(), content_type="application/pdf")
    kept = client.post(f"{url}/{file_question.pk}/file", {"file": upload}, **auth)
    assert kept.status_code == 200 and kept.json()["has_file"] is True
    answer = Answer.objects.get(question=file_question)
    with answer.file.open("rb") as stored:
        assert b"Jane Secret" not in stored.read()
    exe = SimpleUploadedFile("art.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    bad = client.post(f"{url}/{file_question.pk}/file", {"file": exe}, **auth)
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["file"]
    wrong = SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf")
    not_file = client.post(f"{url}/{text.pk}/file", {"file": wrong}, **auth)
    assert not_file.status_code == 422 and list(not_file.json()["errors"]) == ["file"]
    missing = client.post(f"{url}/{file_question.pk}/file", {}, **auth)
    assert missing.status_code == 422


# ---- pitch deck -------------------------------------------------------------------------------


def test_the_pitch_deck_is_a_pdf_kept_without_its_metadata(client, organisation, member):
    application = ApplicationFactory(organisation=organisation)
    url = f"{BASE}/{application.pk}/pitch-deck"
    deck = SimpleUploadedFile("deck.pdf", signed_pdf(), content_type="application/pdf")
    response = client.post(url, {"pitch_deck": deck}, **bearer(member))
    assert response.status_code == 200 and response.json()["has_pitch_deck"] is True
    application.refresh_from_db()
    with application.pitch_deck.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF") and b"Jane Secret" not in content


def test_a_pitch_deck_that_is_no_pdf_is_refused_and_the_old_one_kept(client, organisation, member):
    application = ApplicationFactory(organisation=organisation)
    before = application.pitch_deck.name
    url = f"{BASE}/{application.pk}/pitch-deck"
    fake = SimpleUploadedFile("deck.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(url, {"pitch_deck": fake}, **bearer(member))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["pitch_deck"]
    assert client.post(url, {}, **bearer(member)).status_code == 422
    application.refresh_from_db()
    assert application.pitch_deck.name == before


def test_the_pitch_deck_is_refused_to_others(client, organisation, member, outsider):
    application = ApplicationFactory(organisation=organisation)
    before = application.pitch_deck.name
    url = f"{BASE}/{application.pk}/pitch-deck"

    def deck():
        return {"pitch_deck": SimpleUploadedFile("d.pdf", pdf_bytes(), "application/pdf")}

    assert client.post(url, deck()).status_code == 401
    assert client.post(url, deck(), **bearer(outsider)).status_code == 404
    assert client.post(url, deck(), **bearer(member, read_only=True)).status_code == 403
    withdrawn = ApplicationFactory(organisation=organisation, status=ApplicationStatus.WITHDRAWN)
    closed = client.post(f"{BASE}/{withdrawn.pk}/pitch-deck", deck(), **bearer(member))
    assert closed.status_code == 422 and closed.json()["code"] == "status"
    application.refresh_from_db()
    assert application.pitch_deck.name == before


# ---- withdraw ---------------------------------------------------------------------------------


def test_a_member_withdraws_once(client, organisation, member):
    application = SubmittedApplicationFactory(organisation=organisation)
    url = f"{BASE}/{application.pk}/withdraw"
    response = client.post(url, **bearer(member))
    assert response.status_code == 200 and response.json()["status"]["code"] == "withdrawn"
    again = client.post(url, **bearer(member))
    assert again.status_code == 422 and again.json()["code"] == "status"


def test_withdrawing_is_refused_to_others_and_after_the_deadline(
    client, organisation, member, outsider
):
    application = SubmittedApplicationFactory(organisation=organisation)
    url = f"{BASE}/{application.pk}/withdraw"
    assert client.post(url).status_code == 401
    assert client.post(url, **bearer(outsider)).status_code == 404
    assert client.post(url, **bearer(member, read_only=True)).status_code == 403
    assert client.post(f"{BASE}/{2**70}/withdraw", **bearer(member)).status_code == 404
    call = application.call
    call.closes_at = timezone.now() - timedelta(hours=1)
    call.opens_at = timezone.now() - timedelta(days=30)
    call.save()
    late = client.post(url, **bearer(member))
    assert late.status_code == 422 and late.json()["code"] == "deadline"
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED

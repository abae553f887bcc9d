"""Pitch decks and file answers: kept outside MEDIA_ROOT under random names and handed out only
through a permission-checked download, as an attachment the browser will not sniff."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from bridge.programs.models import QuestionKind
from bridge.programs.tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    CallFactory,
    ConflictOfInterestFactory,
    QuestionFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.integration

STUDIO_TITLE = "Caravan of Stars"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def files(organisation, owner, member):
    call = CallFactory(blind_review=True)
    application = SubmittedApplicationFactory(
        call=call, organisation=organisation, title=STUDIO_TITLE
    )
    shown = AnswerFactory(
        application=application,
        question=QuestionFactory(call=call, kind=QuestionKind.FILE),
        value=None,
        file=ContentFile(PNG, name="Samarkand sketch.png"),
    )
    hidden = AnswerFactory(
        application=application,
        question=QuestionFactory(call=call, kind=QuestionKind.FILE, hidden_from_reviewers=True),
        value=None,
        file=ContentFile(PNG, name="Samarkand bank statement.png"),
    )
    reviewer = ReviewerFactory(call=call)
    AssignmentFactory(reviewer=reviewer, application=application)
    conflicted = ReviewerFactory(call=call)
    AssignmentFactory(reviewer=conflicted, application=application)
    ConflictOfInterestFactory(reviewer=conflicted, application=application)
    return {
        "call": call,
        "application": application,
        "shown": shown,
        "hidden": hidden,
        "reviewer": reviewer.user,
        "conflicted": conflicted.user,
        "unassigned": ReviewerFactory(call=call).user,
    }


def _deck(files):
    return files["application"].pitch_deck.url


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def _assert_download(response, filename: str, starts: bytes):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert f'filename="{filename}"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(starts)


def test_files_are_stored_outside_media_under_random_names(files):
    application, answer = files["application"], files["shown"]
    media = Path(settings.MEDIA_ROOT)
    for field in (application.pitch_deck, answer.file):
        path = Path(field.path)
        assert path.exists()
        assert media not in path.parents
        assert "Samarkand" not in field.name and "deck" not in path.name
        # Its URL is the checked download, not a media address.
        assert field.url.startswith("/programmes/files/")
        assert not field.url.startswith(settings.MEDIA_URL)


@pytest.mark.parametrize("who", ["owner", "member", "programme_manager", "analyst"])
def test_the_studio_and_programme_staff_download_with_the_games_name(client, files, who, request):
    user = request.getfixturevalue(who)
    pk = files["application"].pk
    _assert_download(
        _get(client, user, _deck(files)), f"caravan-of-stars-{pk}-pitch-deck.pdf", b"%PDF"
    )
    question = files["hidden"].question_id
    # Answers hidden from reviewers are still theirs to read.
    _assert_download(
        client.get(files["hidden"].file.url),
        f"caravan-of-stars-{pk}-answer-{question}.png",
        b"\x89PNG",
    )


def test_a_blind_reviewer_gets_neutral_names_and_never_a_hidden_answer(client, files):
    pk = files["application"].pk
    reviewer = files["reviewer"]
    _assert_download(
        _get(client, reviewer, _deck(files)), f"application-{pk}-pitch-deck.pdf", b"%PDF"
    )
    shown = files["shown"]
    _assert_download(
        client.get(shown.file.url), f"application-{pk}-answer-{shown.question_id}.png", b"\x89PNG"
    )
    # The review page's own links go through the same check and the same names.
    _assert_download(
        client.get(reverse("programs_review:pitch_deck", args=[pk])),
        f"application-{pk}-pitch-deck.pdf",
        b"%PDF",
    )
    assert client.get(files["hidden"].file.url).status_code == 404
    hidden_question = files["hidden"].question_id
    url = reverse("programs_review:answer_file", args=[pk, hidden_question])
    assert client.get(url).status_code == 404


def test_an_open_review_names_the_file_after_the_game(client, files):
    files["call"].blind_review = False
    files["call"].save()
    pk = files["application"].pk
    _assert_download(
        _get(client, files["reviewer"], _deck(files)),
        f"caravan-of-stars-{pk}-pitch-deck.pdf",
        b"%PDF",
    )


@pytest.mark.parametrize("who", ["conflicted", "unassigned", "outsider", "moderator"])
def test_anyone_else_gets_not_found(client, files, who, request):
    user = files[who] if who in files else request.getfixturevalue(who)
    assert _get(client, user, _deck(files)).status_code == 404
    assert client.get(files["shown"].file.url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, files):
    response = client.get(_deck(files))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_reviewer_cannot_download_a_draft(client, files, owner):
    application = files["application"]
    application.status = "draft"
    application.save()
    assert _get(client, files["reviewer"], _deck(files)).status_code == 404
    assert _get(client, owner, _deck(files)).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["programs/pitch-decks/../../secret_key", "programs/pitch-decks/" + "0" * 32 + ".pdf",
     "programs/answers/%00", "etc/passwd"],
)  # fmt: skip
def test_names_that_are_not_stored_files_are_not_found(client, owner, name, files):
    client.force_login(owner)
    assert client.get(f"/programmes/files/{name}").status_code == 404


def test_the_application_page_links_to_the_checked_download(client, owner, files):
    client.force_login(owner)
    application = files["application"]
    html = client.get(reverse("programs:application_detail", args=[application.pk])).content
    assert application.pitch_deck.url.encode() in html
    assert files["shown"].file.url.encode() in html
    assert settings.MEDIA_URL.encode() not in html

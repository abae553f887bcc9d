"""Applicants: draft, submit before the deadline (in the call's time zone), once; edit and
withdraw until the deadline; files that are not what they claim; other organisations' applications."""

import zoneinfo
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.programs.models import Application, ApplicationStatus, QuestionKind
from bridge.programs.selectors.applications import application_get_for_user, applications_for_user
from bridge.programs.services.applications import (
    answer_save,
    application_create,
    application_set_pitch_deck,
    application_set_team,
    application_submit,
    application_update,
    application_withdraw,
)
from bridge.programs.tests.factories import (
    ApplicationFactory,
    CallFactory,
    QuestionFactory,
    SubmittedApplicationFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.integration

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
TASHKENT = zoneinfo.ZoneInfo("Asia/Tashkent")
# The call closes at midnight Moscow time, the end of 18 July: 02:00 on 19 July in Tashkent.
CLOSES = datetime(2099, 7, 19, 0, 0, 0, tzinfo=MOSCOW)


def _at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def call(db):
    return CallFactory(opens_at=datetime(2025, 7, 2, 10, 0, tzinfo=MOSCOW), closes_at=CLOSES)


@pytest.fixture
def draft(call, organisation, owner):
    return ApplicationFactory(call=call, organisation=organisation, created_by=owner)


def test_a_studio_starts_a_draft_saves_it_as_it_types_and_submits(
    organisation, owner, django_capture_on_commit_callbacks
):
    call = CallFactory()
    application = application_create(actor=owner, call=call, organisation=organisation)
    assert application.status == ApplicationStatus.DRAFT

    application_update(actor=owner, application=application, title="Caravan")
    application_update(
        actor=owner, application=application, genre="puzzle", platforms=["mobile", "pc"]
    )
    application.refresh_from_db()
    assert (application.title, application.genre, application.platforms) == (
        "Caravan",
        "puzzle",
        ["pc", "mobile"],
    )

    with pytest.raises(ValidationError) as caught:
        application_submit(actor=owner, application=application)
    assert {"summary", "pitch_deck", "team"} <= set(caught.value.message_dict)

    application_update(
        actor=owner,
        application=application,
        summary="A caravan puzzle.",
        engine="godot",
        project_stage="prototype",
        budget=1_000_000,
        amount_asked=500_000,
    )
    application_set_team(
        actor=owner, application=application, members=[{"name": "Aziza", "role": "Lead"}]
    )
    upload = SimpleUploadedFile("Our studio deck.pdf", pdf_bytes(), content_type="application/pdf")
    application_set_pitch_deck(actor=owner, application=application, upload=upload)
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(actor=owner, application=application)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None
    # The stored name never carries the studio's own file name (blind review).
    assert "studio" not in application.pitch_deck.name.lower()
    assert len(mail.outbox) == 1
    assert "Caravan" in mail.outbox[0].subject
    assert mail.outbox[0].to == [owner.email]


def test_one_second_before_the_moscow_deadline_is_accepted_even_if_it_is_already_the_next_day_in_tashkent(
    call, draft, owner
):
    owner.timezone = "Asia/Tashkent"
    owner.save()
    moment = CLOSES - timedelta(seconds=1)
    assert moment.astimezone(TASHKENT).strftime("%d %H:%M:%S") == "19 01:59:59"
    with _at(moment), timezone.override(TASHKENT):
        application_submit(actor=owner, application=draft)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.submitted_at == moment


@pytest.mark.parametrize("after", [timedelta(0), timedelta(seconds=1)])
def test_at_or_one_second_after_the_deadline_submission_is_refused(call, draft, owner, after):
    with _at(CLOSES + after), timezone.override(TASHKENT), pytest.raises(ValidationError) as caught:
        application_submit(actor=owner, application=draft)
    assert caught.value.code == "deadline"
    # The refusal names the deadline the way the call announced it.
    assert "Europe/Moscow" in caught.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert len(mail.outbox) == 0


def test_a_second_submission_is_refused(call, draft, owner, django_capture_on_commit_callbacks):
    with _at(CLOSES - timedelta(hours=1)), django_capture_on_commit_callbacks(execute=True):
        application_submit(actor=owner, application=draft)
        with pytest.raises(ValidationError) as caught:
            application_submit(actor=owner, application=draft)
    assert caught.value.code == "already_submitted"
    assert len(mail.outbox) == 1


def test_a_second_live_application_from_the_same_organisation_is_refused(
    organisation, owner, member
):
    call = CallFactory()
    application_create(actor=owner, call=call, organisation=organisation)
    with pytest.raises(ValidationError) as caught:
        application_create(actor=member, call=call, organisation=organisation)
    assert caught.value.code == "duplicate"
    assert Application.objects.filter(call=call).count() == 1


def test_edit_after_submission_until_the_deadline_but_not_after(call, draft, owner):
    with _at(CLOSES - timedelta(hours=2)):
        application_submit(actor=owner, application=draft)
        application_update(actor=owner, application=draft, title="Caravan II")
        # An edit that would make it incomplete is refused: it stays submittable.
        with pytest.raises(ValidationError):
            application_update(actor=owner, application=draft, summary="")
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Caravan II", ApplicationStatus.SUBMITTED)
    assert draft.summary
    with _at(CLOSES + timedelta(seconds=1)), pytest.raises(ValidationError):
        application_update(actor=owner, application=draft, title="Too late")


def test_withdraw_until_the_deadline_then_a_new_application_may_start(organisation, owner):
    call = CallFactory()
    application = SubmittedApplicationFactory(
        call=call, organisation=organisation, created_by=owner
    )
    application_withdraw(actor=owner, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        application_submit(actor=owner, application=application)
    again = application_create(actor=owner, call=call, organisation=organisation)
    assert again.pk != application.pk


def test_withdraw_after_the_deadline_is_refused(call, owner, organisation):
    application = SubmittedApplicationFactory(
        call=call, organisation=organisation, created_by=owner
    )
    with _at(CLOSES + timedelta(seconds=1)), pytest.raises(ValidationError):
        application_withdraw(actor=owner, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(draft, owner):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    with pytest.raises(ValidationError) as caught:
        application_set_pitch_deck(
            actor=owner,
            application=draft,
            upload=SimpleUploadedFile("deck.pdf", png, "application/pdf"),
        )
    assert "not a PDF" in caught.value.message_dict["pitch_deck"][0]


def test_a_truncated_pdf_is_refused(draft, owner):
    cut = pdf_bytes()[:-40]
    with pytest.raises(ValidationError):
        application_set_pitch_deck(
            actor=owner, application=draft, upload=SimpleUploadedFile("d.pdf", cut)
        )


def test_a_pitch_deck_over_20_mb_is_refused(draft, owner):
    big = pdf_bytes(padding=20 * 1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        application_set_pitch_deck(
            actor=owner, application=draft, upload=SimpleUploadedFile("d.pdf", big)
        )
    assert "larger than 20" in caught.value.message_dict["pitch_deck"][0]


def test_answers_are_validated_per_question_kind_and_required_ones_block_submission(draft, owner):
    call = draft.call
    number = QuestionFactory(call=call, kind=QuestionKind.NUMBER, required=True)
    choice = QuestionFactory(
        call=call,
        kind=QuestionKind.MULTI_CHOICE,
        choices=[{"value": "steam", "en": "Steam"}, {"value": "vk", "en": "VK Play"}],
    )
    link = QuestionFactory(call=call, kind=QuestionKind.URL)
    upload = QuestionFactory(call=call, kind=QuestionKind.FILE)

    with pytest.raises(ValidationError):
        answer_save(actor=owner, application=draft, question=number, value="many")
    with pytest.raises(ValidationError):
        answer_save(actor=owner, application=draft, question=choice, value=["itch"])
    with pytest.raises(ValidationError):
        answer_save(actor=owner, application=draft, question=link, value="javascript:alert(1)")
    with pytest.raises(ValidationError):
        answer_save(
            actor=owner,
            application=draft,
            question=upload,
            file=SimpleUploadedFile("a.pdf", b"<html>"),
        )
    with pytest.raises(ValidationError) as caught:
        application_submit(actor=owner, application=draft)
    assert f"question-{number.pk}" in caught.value.message_dict

    assert (
        answer_save(actor=owner, application=draft, question=number, value="1 500,5").value
        == "1500.5"
    )
    assert answer_save(
        actor=owner, application=draft, question=choice, value=["vk", "steam"]
    ).value == ["steam", "vk"]
    application_submit(actor=owner, application=draft)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED


def test_an_applicant_cannot_read_or_change_another_organisations_application(draft, outsider):
    other_owner = UserFactory()
    other = OrganisationFactory()
    Membership.objects.create(organisation=other, user=other_owner, role=Role.OWNER)
    for person in (outsider, other_owner):
        with pytest.raises(Http404):
            application_get_for_user(person, draft.pk)
        assert draft not in applications_for_user(person)
        with pytest.raises(PermissionDenied):
            application_update(actor=person, application=draft, title="Mine now")
        with pytest.raises(PermissionDenied):
            application_submit(actor=person, application=draft)
        with pytest.raises(PermissionDenied):
            application_withdraw(actor=person, application=draft)
    draft.refresh_from_db()
    assert draft.title != "Mine now"
    assert draft.status == ApplicationStatus.DRAFT


def test_members_of_the_organisation_and_staff_who_see_all_can_read_it(
    draft, member, analyst, moderator
):
    assert application_get_for_user(member, draft.pk) == draft
    assert application_get_for_user(analyst, draft.pk) == draft
    with pytest.raises(Http404):
        application_get_for_user(moderator, draft.pk)


def test_an_outsider_cannot_start_an_application_for_an_organisation(organisation, outsider):
    with pytest.raises(PermissionDenied):
        application_create(actor=outsider, call=CallFactory(), organisation=organisation)


def test_a_call_that_is_closed_or_unpublished_does_not_accept_new_applications(organisation, owner):
    closed = CallFactory(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )
    draft_call = CallFactory(is_published=False)
    for call in (closed, draft_call):
        with pytest.raises(ValidationError):
            application_create(actor=owner, call=call, organisation=organisation)


def test_confirmation_email_is_in_the_applicants_language(
    organisation, owner, django_capture_on_commit_callbacks
):
    owner.language = "ru"
    owner.save()
    application = ApplicationFactory(
        call=CallFactory(), organisation=organisation, created_by=owner, title="Караван"
    )
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(actor=owner, application=application)
    assert len(mail.outbox) == 1
    assert "Караван" in mail.outbox[0].subject
    assert "Сезон" in mail.outbox[0].body

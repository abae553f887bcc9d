"""API of the rest of an applicant's form (issue 16 item 1): the answers to the call's own
questions, the pitch deck, and withdrawing. The same services as the application's pages, so
the same rules hold: only the organisation's editors, only while editable and before the
deadline, files checked by content and stripped of their metadata."""

from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ValidationError as PydanticValidationError
from pydantic import field_validator

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.schemas import ErrorOut, RefusalOut
from bridge.programs.api.applications import (
    ApplicationOut,
    application_out,
    own_application,
    refusal,
)
from bridge.programs.ids import id_or_404
from bridge.programs.models import Question, QuestionKind
from bridge.programs.services import applications as services

router = Router(tags=["programmes"])

# A text answer is at most what a question allows (10 000 characters unless it says less).
AnswerText = Annotated[str, Field(max_length=10_000)]


class ApplicationAnswerIn(Schema):
    value: AnswerText | bool | int | float | list[Annotated[str, Field(max_length=200)]] | None = (
        Field(
            ...,
            description="Text, a number or a link as text; `true`/`false` for yes-or-no; one "
            "choice's value; a list of choices' values for several choices; `null` to clear. "
            "File questions take `POST …/answers/{question_id}/file`.",
        )
    )

    @field_validator("value", mode="wrap")
    @classmethod
    def _one_error(cls, value, handler):
        # One message at `value`, not one per member of the union.
        try:
            return handler(value)
        except PydanticValidationError:
            raise ValueError(
                _("Send text of at most 10000 characters, a number, true or false, or a list.")
            ) from None


class ApplicationAnswerOut(Schema):
    question: int
    kind: str
    value: str | bool | list[str] | None
    has_file: bool


def _question(application, question_id: int) -> Question:
    question = Question.objects.filter(pk=id_or_404(question_id), call=application.call).first()
    if question is None:
        raise Http404
    return question


def _answer_out(answer) -> dict:
    return {
        "question": answer.question_id,
        "kind": answer.question.kind,
        "value": answer.value,
        "has_file": bool(answer.file),
    }


@router.put(
    "/applications/{application_id}/answers/{question_id}",
    response={200: ApplicationAnswerOut, 401: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Answer one of the call's own questions",
)
def save_answer(request, application_id: int, question_id: int, payload: ApplicationAnswerIn):
    """The call's questions are `GET /programmes/calls/{slug}`'s form; the answer is checked
    against its question (length, number, link, offered choices: 422 at `value`). A question of
    another call is not found (404). Whether required questions are answered is checked when
    submitting."""
    application = own_application(request, application_id)
    question = _question(application, question_id)
    if question.kind == QuestionKind.FILE:
        return Status(
            422,
            {
                "detail": _("Upload a file for this question."),
                "code": "file",
                "errors": {"value": [_("Upload a file for this question.")]},
            },
        )
    try:
        answer = services.answer_save(
            actor=request.auth, application=application, question=question, value=payload.value
        )
    except PermissionDenied:
        raise Http404 from None
    except DjangoValidationError as exc:
        return refusal(
            exc, _("The answer is not valid."), rename=(f"question-{question.pk}", "value")
        )
    return Status(200, _answer_out(answer))


@router.post(
    "/applications/{application_id}/answers/{question_id}/file",
    response={200: ApplicationAnswerOut, 401: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Answer a file question (multipart)",
)
def save_file_answer(request, application_id: int, question_id: int, file: File[UploadedFile]):
    """`multipart/form-data` with `file`: a PDF, PNG, JPEG or ZIP (recognised by content) of at
    most 20 MB; its metadata is stripped before it is kept. Replaces the previous file."""
    application = own_application(request, application_id)
    question = _question(application, question_id)
    if question.kind != QuestionKind.FILE:
        return Status(
            422,
            {
                "detail": _("This question is not answered with a file."),
                "code": "not_file",
                "errors": {"file": [_("This question is not answered with a file.")]},
            },
        )
    try:
        answer = services.answer_save(
            actor=request.auth, application=application, question=question, file=file
        )
    except PermissionDenied:
        raise Http404 from None
    except DjangoValidationError as exc:
        return refusal(
            exc, _("The file is not accepted."), rename=(f"question-{question.pk}", "file")
        )
    return Status(200, _answer_out(answer))


@router.post(
    "/applications/{application_id}/pitch-deck",
    response={200: ApplicationOut, 401: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Upload the pitch deck (multipart PDF)",
)
def set_pitch_deck(request, application_id: int, pitch_deck: File[UploadedFile]):
    """`multipart/form-data` with `pitch_deck`: a PDF (recognised by its structure, not its
    name) of at most 20 MB, kept without its metadata. Replaces the previous deck."""
    application = own_application(request, application_id)
    try:
        services.application_set_pitch_deck(
            actor=request.auth, application=application, upload=pitch_deck
        )
    except PermissionDenied:
        raise Http404 from None
    except DjangoValidationError as exc:
        return refusal(exc, _("The pitch deck is not accepted."))
    return Status(200, application_out(request, own_application(request, application_id)))


@router.post(
    "/applications/{application_id}/withdraw",
    response={200: ApplicationOut, 401: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Withdraw an application",
)
def withdraw_application(request, application_id: int):
    """While it may still be changed (a draft, or submitted before the deadline); 422 with
    `code: "status"` once decided or withdrawn."""
    application = own_application(request, application_id)
    try:
        services.application_withdraw(actor=request.auth, application=application)
    except PermissionDenied:
        raise Http404 from None
    except DjangoValidationError as exc:
        return refusal(exc, _("The application cannot be withdrawn."))
    return Status(200, application_out(request, own_application(request, application_id)))

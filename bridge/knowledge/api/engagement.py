"""API of the readers around a published practice: the "useful" mark, questions to the authors
(moderated first) and the authors' answers, and requests for a missing language. The same
services as the practice's page; a practice with no published version is a 404 here."""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import StrictBool

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.schemas import CodeLabel
from bridge.knowledge import rules
from bridge.knowledge.api.writes import ERRORS, Id, Language, Slug, act
from bridge.knowledge.models import Question
from bridge.knowledge.selectors import library as selectors
from bridge.knowledge.services import engagement

router = Router(tags=["knowledge: readers"])


class UsefulIn(Schema):
    useful: StrictBool = Field(True, description="false takes your mark back.")


class UsefulOut(Schema):
    useful: bool
    useful_count: int = Field(description="How many people found the practice useful.")


class QuestionIn(Schema):
    text: str = Field(..., min_length=1, max_length=2000)


class QuestionAnswerIn(Schema):
    answer: str = Field(..., min_length=1, max_length=4000)


class TranslationRequestIn(Schema):
    language: Language


class TranslationRequestOut(Schema):
    practice: str
    language: Language
    requested_at: datetime


class QuestionOut(Schema):
    id: int
    practice: str = Field(description="The practice's slug.")
    text: str
    status: CodeLabel
    answer: str
    asked_at: datetime
    answered_at: datetime | None


def question_out(question: Question) -> dict:
    return {
        "id": question.pk,
        "practice": question.practice.slug,
        "text": question.text,
        "status": {"code": question.status, "label": question.get_status_display()},
        "answer": question.answer,
        "asked_at": question.created_at,
        "answered_at": question.answered_at,
    }


@router.post(
    "/knowledge/entries/{slug}/useful",
    response={200: UsefulOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Mark a practice useful, or take the mark back",
)
def mark_useful(request: HttpRequest, slug: Slug, payload: UsefulIn):
    """Marking twice is marking once. The practice's own organisation does not vote for it
    (409, `code: "own"`)."""
    practice = selectors.practice_for(slug)
    count, refusal = act(
        engagement.practice_vote,
        forbidden=404,
        actor=request.auth,
        practice=practice,
        useful=payload.useful,
    )
    return refusal or {"useful": payload.useful, "useful_count": count}


@router.post(
    "/knowledge/entries/{slug}/questions",
    response={201: QuestionOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Ask the authors a question",
)
def ask_question(request: HttpRequest, slug: Slug, payload: QuestionIn):
    """A moderator reads it first; once published, the authors get it by e-mail."""
    practice = selectors.practice_for(slug)
    question, refusal = act(
        engagement.question_ask,
        forbidden=404,
        actor=request.auth,
        practice=practice,
        text=payload.text,
    )
    return refusal or Status(201, question_out(question))


@router.post(
    "/knowledge/entries/{slug}/questions/{question_id}/answer",
    response={200: QuestionOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Answer a reader's question (the practice's authors)",
)
def answer_question(request: HttpRequest, slug: Slug, question_id: Id, payload: QuestionAnswerIn):
    """Members of the practice's organisation answer a published question (409 for one not
    published); the reader gets the answer by e-mail."""
    practice = selectors.practice_for(slug)
    question = practice.questions.filter(pk=question_id).select_related("practice").first()
    if question is None or not rules.can_answer(request.auth, question):
        raise Http404
    done, refusal = act(
        engagement.question_answer,
        forbidden=404,
        actor=request.auth,
        question=question,
        answer=payload.answer,
    )
    return refusal or question_out(done)


@router.post(
    "/knowledge/entries/{slug}/translation-requests",
    response={201: TranslationRequestOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Ask the authors for a version in another language",
)
def request_translation(request: HttpRequest, slug: Slug, payload: TranslationRequestIn):
    """Asking twice is asking once; a language the practice is published in already is a 422
    at `language`. You get an e-mail when that version is published."""
    practice = selectors.practice_for(slug)
    asked, refusal = act(
        engagement.translation_request,
        forbidden=404,
        actor=request.auth,
        practice=practice,
        language=payload.language,
    )
    if refusal:
        return refusal
    return Status(
        201,
        {"practice": practice.slug, "language": asked.language, "requested_at": asked.created_at},
    )

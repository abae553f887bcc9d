"""API of the library's staff: publish a version in review or return it with a reason, publish
or reject a reader's question, and turn a past event's recording into a library entry. The same
services and rules as the reviewers' pages; a caller without the role gets 403."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from bridge.accounts.api.auth import SIGNED_IN
from bridge.knowledge import rules
from bridge.knowledge.api.authoring import version_of
from bridge.knowledge.api.engagement import QuestionOut, question_out
from bridge.knowledge.api.writes import (
    ERRORS,
    Id,
    LanguagePath,
    PracticeWriteOut,
    Slug,
    act,
    practice_write_out,
)
from bridge.knowledge.models import Question
from bridge.knowledge.selectors import events as event_selectors
from bridge.knowledge.selectors import library as selectors
from bridge.knowledge.services import engagement
from bridge.knowledge.services import review as services
from bridge.knowledge.services.recordings import event_to_practice

router = Router(tags=["knowledge: staff"])


class ReturnIn(Schema):
    reason: str = Field(
        ..., min_length=1, max_length=2000, description="What the authors should change."
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise HttpError(403, message)


def _reviewer(request) -> None:
    _require(rules.can_review(request.auth), _("Only the library's reviewers do this."))


@router.post(
    "/knowledge/entries/{slug}/versions/{language}/publish",
    response={200: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Publish a version in review (reviewers)",
)
def publish_version(request: HttpRequest, slug: Slug, language: LanguagePath):
    """A version in review, or a published one changed since (then marked reviewed); 409
    otherwise. The authors are told by e-mail."""
    _reviewer(request)
    practice = selectors.practice_for(slug)
    entry = version_of(practice, language)
    _done, refusal = act(services.entry_publish, actor=request.auth, entry=entry)
    return refusal or practice_write_out(request, practice)


@router.post(
    "/knowledge/entries/{slug}/versions/{language}/return",
    response={200: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Return a version to its authors (reviewers)",
)
def return_version(request: HttpRequest, slug: Slug, language: LanguagePath, payload: ReturnIn):
    """A version in review or published (it leaves the library until published again); 409
    otherwise. The authors get `reason` by e-mail."""
    _reviewer(request)
    practice = selectors.practice_for(slug)
    entry = version_of(practice, language)
    _done, refusal = act(
        services.entry_return, actor=request.auth, entry=entry, reason=payload.reason
    )
    return refusal or practice_write_out(request, practice)


def _moderate(request, question_id: int, service):
    _require(
        rules.can_moderate_questions(request.auth),
        _("Only the library's moderators decide on questions."),
    )
    question = Question.objects.filter(pk=question_id).first()
    if question is None:
        raise Http404
    done, refusal = act(service, actor=request.auth, question=question)
    return refusal or question_out(done)


@router.post(
    "/knowledge/questions/{question_id}/publish",
    response={200: QuestionOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Publish a reader's question and send it to the authors (moderators)",
)
def publish_question(request: HttpRequest, question_id: Id):
    """A question waiting for moderation only (409 otherwise)."""
    return _moderate(request, question_id, engagement.question_publish)


@router.post(
    "/knowledge/questions/{question_id}/reject",
    response={200: QuestionOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Keep a reader's question unpublished (moderators)",
)
def reject_question(request: HttpRequest, question_id: Id):
    """A question waiting for moderation only (409 otherwise)."""
    return _moderate(request, question_id, engagement.question_reject)


@router.post(
    "/knowledge/events/{slug}/library",
    response={201: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Put a past event's recording in the library (staff who run events and review)",
)
def event_to_library(request: HttpRequest, slug: Slug):
    """A published entry of the event's host organisation, one version per language the event is
    announced in, with copies of its materials. An event already in the library or not ended
    yet is a 409 (`code: "refused"`); one without a recording address or a host organisation is
    a 422 at `recording_url` or `organisation`, any other reason then at the field `""`."""
    _require(
        rules.can_manage_events(request.auth) and rules.can_review(request.auth),
        _("Only staff who run events and review the library do this."),
    )
    event = event_selectors.event_for(slug, request.auth)
    practice, refusal = act(event_to_practice, actor=request.auth, event=event)
    return refusal or Status(201, practice_write_out(request, practice))

"""Readers around a practice: the "useful" vote, questions to the authors (moderated, then
e-mailed to them; the answer e-mailed back), and requests for a missing language."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.knowledge import notifications, rules, validators
from bridge.knowledge.languages import LANGUAGE_CODES
from bridge.knowledge.models import (
    Practice,
    Question,
    QuestionStatus,
    Status,
    TranslationRequest,
    UsefulVote,
)
from bridge.knowledge.services.practices import reindex
from bridge.knowledge.validators import Errors


def _require_published(practice: Practice) -> None:
    if not practice.entries.filter(status=Status.PUBLISHED).exists():
        raise PermissionDenied


def _signed_in(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied


@transaction.atomic
def practice_vote(*, actor, practice: Practice, useful: bool) -> int:
    """Mark the practice useful (or take the mark back); returns how many found it useful. Its
    own authors' organisation does not vote for it."""
    _signed_in(actor)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    _require_published(practice)
    if rules.can_edit_practice(actor, practice):
        raise ValidationError(
            _("Your organisation wrote this practice, so it cannot vote for it."), code="own"
        )
    if useful:
        try:
            with transaction.atomic():
                UsefulVote.objects.get_or_create(practice=practice, user=actor)
        except IntegrityError:
            pass  # a second click raced the first: the vote is there either way
    else:
        UsefulVote.objects.filter(practice=practice, user=actor).delete()
    count = UsefulVote.objects.filter(practice=practice).count()
    if count != practice.useful_count:
        practice.useful_count = count
        practice.save(update_fields=["useful_count"])
        reindex(practice)
    return count


@transaction.atomic
def question_ask(*, actor, practice: Practice, text: str) -> Question:
    _signed_in(actor)
    _require_published(practice)
    errors = Errors()
    text = validators.text(errors, "text", text, limit=2000)
    errors.raise_any()
    question = Question.objects.create(practice=practice, asked_by=actor, text=text)
    audit_log(actor=actor, action="knowledge.question_ask", target=question)
    return question


def _moderated(actor, question: Question, status: str) -> Question:
    if not rules.can_moderate_questions(actor):
        raise PermissionDenied
    question = Question.objects.select_for_update().select_related("practice").get(pk=question.pk)
    if question.status != QuestionStatus.PENDING:
        raise ValidationError(_("This question has already been moderated."), code="status")
    question.status = status
    question.moderated_by = actor
    question.moderated_at = timezone.now()
    question.save()
    audit_log(actor=actor, action=f"knowledge.question_{status}", target=question)
    return question


@transaction.atomic
def question_publish(*, actor, question: Question) -> Question:
    """Publish a reader's question and send it to the authors, each in their language."""
    question = _moderated(actor, question, QuestionStatus.PUBLISHED)
    practice = question.practice
    for person in notifications.practice_recipients(practice):
        language = notifications.recipient_language(person)
        notifications.send(
            person,
            "question_for_authors",
            {
                "title": notifications.practice_title(practice, language),
                "question": question.text,
                "url": notifications.absolute(practice.get_absolute_url() + "#questions"),
            },
        )
    return question


@transaction.atomic
def question_reject(*, actor, question: Question) -> Question:
    return _moderated(actor, question, QuestionStatus.REJECTED)


@transaction.atomic
def question_answer(*, actor, question: Question, answer: str) -> Question:
    """An author answers a published question; the reader who asked gets the answer."""
    question = Question.objects.select_for_update().select_related("practice").get(pk=question.pk)
    if not rules.can_answer(actor, question):
        raise PermissionDenied
    if question.status != QuestionStatus.PUBLISHED:
        raise ValidationError(_("Only a published question can be answered."), code="status")
    errors = Errors()
    answer = validators.text(errors, "answer", answer, limit=4000)
    errors.raise_any()
    question.answer = answer
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.save()
    audit_log(actor=actor, action="knowledge.question_answer", target=question)
    asker = question.asked_by
    language = notifications.recipient_language(asker)
    notifications.send(
        asker,
        "question_answered",
        {
            "title": notifications.practice_title(question.practice, language),
            "question": question.text,
            "answer": answer,
            "url": notifications.absolute(question.practice.get_absolute_url() + "#questions"),
        },
    )
    return question


@transaction.atomic
def translation_request(*, actor, practice: Practice, language: str) -> TranslationRequest:
    """Ask the authors for a version in ``language``; asking twice is asking once. The authors
    hear of the first request for a language."""
    _signed_in(actor)
    _require_published(practice)
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose Russian, Uzbek or English.")})
    if practice.entries.filter(language=language, status=Status.PUBLISHED).exists():
        raise ValidationError(
            {"language": _("This practice is already published in this language.")}
        )
    request, created = TranslationRequest.objects.get_or_create(
        practice=practice, language=language, requested_by=actor
    )
    if created:
        audit_log(
            actor=actor, action="knowledge.translation_request", target=practice, language=language
        )
        waiting = TranslationRequest.objects.filter(
            practice=practice, language=language, fulfilled_at__isnull=True
        ).count()
        if waiting == 1:

            def made(person_language: str) -> dict:
                return {
                    "title": notifications.practice_title(practice, person_language),
                    "language": request.get_language_display(),
                    "url": notifications.absolute(practice.get_absolute_url()),
                }

            for person in notifications.practice_recipients(practice):
                notifications.send(person, "translation_requested", made)
    return request

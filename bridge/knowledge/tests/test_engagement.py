"""Readers around a practice: a "useful" vote once per person, questions moderated and e-mailed
to the authors, answers e-mailed back, requests for a missing language — each e-mail in its
recipient's language."""

import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from bridge.accounts.models import Membership
from bridge.accounts.tests.factories import UserFactory
from bridge.knowledge.models import Question, QuestionStatus, TranslationRequest, UsefulVote
from bridge.knowledge.services import engagement
from bridge.knowledge.tests.factories import EntryFactory, PracticeFactory, published_practice

pytestmark = pytest.mark.integration


@pytest.fixture
def practice(owner, organisation):
    owner.language = "ru"
    owner.save()
    found = published_practice(
        versions={"ru": "Натуральные красители", "uz": "Tabiiy boʻyoqlar"},
        organisation=organisation,
    )
    found.authors.add(owner)
    return found


def test_a_reader_marks_it_useful_once_and_can_take_it_back(practice, outsider):
    assert engagement.practice_vote(actor=outsider, practice=practice, useful=True) == 1
    assert engagement.practice_vote(actor=outsider, practice=practice, useful=True) == 1
    practice.refresh_from_db()
    assert practice.useful_count == 1
    assert engagement.practice_vote(actor=outsider, practice=practice, useful=False) == 0


def test_the_authors_organisation_does_not_vote_for_its_own_practice(practice, member):
    with pytest.raises(ValidationError) as refused:
        engagement.practice_vote(actor=member, practice=practice, useful=True)
    assert refused.value.code == "own"


def test_drafts_get_no_votes_questions_or_requests(outsider):
    draft = EntryFactory().practice
    for call in (
        lambda: engagement.practice_vote(actor=outsider, practice=draft, useful=True),
        lambda: engagement.question_ask(actor=outsider, practice=draft, text="?"),
        lambda: engagement.translation_request(actor=outsider, practice=draft, language="en"),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_a_question_is_moderated_then_sent_to_the_authors_and_answered(practice, owner, reviewer):
    reader = UserFactory(language="uz")
    question = engagement.question_ask(actor=reader, practice=practice, text="Namunalar bormi?")
    assert question.status == QuestionStatus.PENDING
    assert mail.outbox == []  # nothing reaches the authors before a moderator reads it
    with pytest.raises(PermissionDenied):
        engagement.question_publish(actor=reader, question=question)
    engagement.question_publish(actor=reviewer, question=question)
    (to_author,) = mail.outbox
    assert to_author.to == [owner.email]
    assert (
        to_author.subject == "Вопрос о практике «Натуральные красители»"
    )  # Russian: the author's language
    assert "Namunalar bormi?" in to_author.body
    with pytest.raises(ValidationError):
        engagement.question_publish(actor=reviewer, question=question)
    with pytest.raises(PermissionDenied):
        engagement.question_answer(actor=reader, question=question, answer="Ha")
    engagement.question_answer(actor=owner, question=question, answer="Ha, 10 ta rang.")
    to_reader = mail.outbox[-1]
    assert to_reader.to == [reader.email]
    # Uzbek: the reader's language, and their own version's title.
    assert to_reader.subject == "«Tabiiy boʻyoqlar» mualliflari sizga javob berdi"
    assert "Ha, 10 ta rang." in to_reader.body


def test_a_rejected_question_is_never_sent_and_cannot_be_answered(
    practice, owner, reviewer, outsider
):
    question = engagement.question_ask(actor=outsider, practice=practice, text="Spam")
    engagement.question_reject(actor=reviewer, question=question)
    assert mail.outbox == []
    with pytest.raises(ValidationError):
        engagement.question_answer(actor=owner, question=question, answer="?")


def test_empty_and_overlong_questions_are_refused(practice, outsider):
    for text in ("   ", "x" * 2001):
        with pytest.raises(ValidationError) as refused:
            engagement.question_ask(actor=outsider, practice=practice, text=text)
        assert "text" in refused.value.message_dict
    assert not Question.objects.exists()


def test_a_translation_request_reaches_the_authors_once_per_language(practice, owner):
    first, second = UserFactory(language="en"), UserFactory()
    engagement.translation_request(actor=first, practice=practice, language="en")
    engagement.translation_request(actor=first, practice=practice, language="en")
    engagement.translation_request(actor=second, practice=practice, language="en")
    assert TranslationRequest.objects.count() == 2
    (message,) = mail.outbox
    assert message.to == [owner.email]
    assert "английский" in message.subject.lower()  # the language named in the author's language
    with pytest.raises(ValidationError) as refused:
        engagement.translation_request(actor=first, practice=practice, language="uz")
    assert "language" in refused.value.message_dict  # it is published in Uzbek already
    with pytest.raises(ValidationError):
        engagement.translation_request(actor=first, practice=practice, language="de")


def test_without_named_authors_the_owners_and_administrators_are_told(
    organisation, owner, org_admin, member
):
    practice = published_practice(organisation=organisation)
    practice.authors.clear()
    engagement.translation_request(actor=UserFactory(), practice=practice, language="en")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, org_admin.email])


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_of_one_person_count_once():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    organisation = PracticeFactory().organisation
    practice = published_practice(organisation=organisation)
    reader = UserFactory()
    Membership.objects.filter(user=reader).delete()
    barrier = threading.Barrier(4)

    def vote():
        barrier.wait()
        try:
            engagement.practice_vote(actor=reader, practice=practice, useful=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    practice.refresh_from_db()
    assert (UsefulVote.objects.count(), practice.useful_count) == (1, 1)

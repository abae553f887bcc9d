"""Reader engagement services, to the exact value a person sees: the "useful" count a vote returns
and stores (and what search sorts by), who may vote, ask, moderate, answer or ask for a language
(and that a refusal saves nothing), which field an error is shown at and what it says, both sides
of every length limit, the stamps and audit rows each step writes, and who is e-mailed what, in
which language, and when nobody is. Written for the mutation score of issue 18."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, recorded_notifications, trail
from bridge.knowledge import notifications
from bridge.knowledge.models import (
    Question,
    QuestionStatus,
    Status,
    TranslationRequest,
    UsefulVote,
)
from bridge.knowledge.services import engagement as services
from bridge.knowledge.tests.factories import EntryFactory, published_practice
from bridge.search.models import SearchNumber

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

OWN = "Your organisation wrote this practice, so it cannot vote for it."
MODERATED = "This question has already been moderated."
ONLY_PUBLISHED = "Only a published question can be answered."
REQUIRED = "This field is required."
LANGUAGES = "Choose Russian, Uzbek or English."
ALREADY = "This practice is already published in this language."


def site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@pytest.fixture
def told(monkeypatch):
    """Each e-mail the knowledge app sends: (to, template, context, language)."""
    return recorded_notifications(monkeypatch, notifications)


@pytest.fixture
def author(organisation):
    person = UserFactory(language="ru")
    Membership.objects.create(organisation=organisation, user=person, role=Role.MEMBER)
    return person


@pytest.fixture
def practice(organisation, author):
    found = published_practice(
        versions={"ru": "Натуральные красители", "uz": "Tabiiy boʻyoqlar"},
        organisation=organisation,
    )
    found.authors.add(author)
    return found


@pytest.fixture
def reader(db):
    return UserFactory(language="uz")


def useful_number(practice) -> float:
    return SearchNumber.objects.get(
        index_key="practices", object_id=practice.pk, name="useful"
    ).value


def fields(caught) -> dict:
    return caught.value.message_dict


def question_row(question) -> tuple:
    q = Question.objects.get(pk=question.pk)
    return (q.status, q.moderated_by, q.moderated_at, q.answer, q.answered_by, q.answered_at)


def asked(practice, reader, text="Namunalar bormi?") -> Question:
    return Question.objects.create(practice=practice, asked_by=reader, text=text)


# --- the "useful" vote --------------------------------------------------------------------------


def test_a_vote_is_stored_counted_saved_on_the_practice_and_sorted_by_in_search(practice, reader):
    assert services.practice_vote(actor=reader, practice=practice, useful=True) == 1
    assert list(UsefulVote.objects.values_list("practice", "user")) == [(practice.pk, reader.pk)]
    practice.refresh_from_db()
    assert practice.useful_count == 1
    assert useful_number(practice) == 1.0


def test_a_second_click_counts_once_and_does_not_reindex(practice, reader, monkeypatch):
    indexed = []
    monkeypatch.setattr(services, "reindex", lambda p: indexed.append(p.pk))
    assert services.practice_vote(actor=reader, practice=practice, useful=True) == 1
    assert services.practice_vote(actor=reader, practice=practice, useful=True) == 1
    assert UsefulVote.objects.count() == 1
    assert indexed == [practice.pk]


def test_the_count_is_of_every_reader_of_this_practice_only(practice, reader):
    other_practice = published_practice()
    UsefulVote.objects.create(practice=other_practice, user=reader)
    UsefulVote.objects.create(practice=practice, user=UserFactory())
    assert services.practice_vote(actor=reader, practice=practice, useful=True) == 2
    practice.refresh_from_db()
    assert practice.useful_count == 2
    assert useful_number(practice) == 2.0


def test_taking_a_vote_back_removes_only_ones_own_and_lowers_the_count(practice, reader):
    other = UserFactory()
    services.practice_vote(actor=other, practice=practice, useful=True)
    services.practice_vote(actor=reader, practice=practice, useful=True)
    assert services.practice_vote(actor=reader, practice=practice, useful=False) == 1
    assert list(UsefulVote.objects.values_list("user", flat=True)) == [other.pk]
    practice.refresh_from_db()
    assert practice.useful_count == 1
    assert useful_number(practice) == 1.0


def test_taking_back_a_vote_never_given_changes_nothing(practice, reader, monkeypatch):
    indexed = []
    monkeypatch.setattr(services, "reindex", lambda p: indexed.append(p.pk))
    assert services.practice_vote(actor=reader, practice=practice, useful=False) == 0
    assert indexed == []


def test_a_count_out_of_step_is_corrected_by_the_next_vote(practice, reader):
    type(practice).objects.filter(pk=practice.pk).update(useful_count=7)
    assert services.practice_vote(actor=reader, practice=practice, useful=False) == 0
    practice.refresh_from_db()
    assert practice.useful_count == 0


@pytest.mark.parametrize("who", ["author", "owner", "member"])
def test_the_authors_organisation_cannot_vote_for_its_own_practice(
    practice, who, author, owner, member
):
    actor = {"author": author, "owner": owner, "member": member}[who]
    with pytest.raises(ValidationError) as caught:
        services.practice_vote(actor=actor, practice=practice, useful=True)
    assert (caught.value.messages, caught.value.code) == ([OWN], "own")
    assert not UsefulVote.objects.exists()


def test_the_anonymous_may_not_vote(practice):
    with pytest.raises(PermissionDenied):
        services.practice_vote(actor=AnonymousUser(), practice=practice, useful=True)
    assert not UsefulVote.objects.exists()


def test_a_practice_with_no_published_version_gets_no_vote(reader):
    draft = EntryFactory().practice
    EntryFactory(practice=draft, language="en", status=Status.REVIEW)
    with pytest.raises(PermissionDenied):
        services.practice_vote(actor=reader, practice=draft, useful=True)
    assert not UsefulVote.objects.exists()


# --- asking the authors -------------------------------------------------------------------------


def test_a_question_is_stored_pending_trimmed_and_audited_and_no_one_is_told(
    practice, reader, clock, told
):
    question = services.question_ask(actor=reader, practice=practice, text="  Namunalar bormi?  ")
    question = Question.objects.get(pk=question.pk)
    assert (question.practice, question.asked_by, question.text, question.created_at) == (
        practice,
        reader,
        "Namunalar bormi?",
        NOW,
    )
    assert question_row(question) == (QuestionStatus.PENDING, None, None, "", None, None)
    assert trail(question) == [("knowledge.question_ask", reader, {})]
    assert told == []


def test_a_question_of_2000_characters_is_taken(practice, reader):
    question = services.question_ask(actor=reader, practice=practice, text="x" * 2000)
    assert Question.objects.get(pk=question.pk).text == "x" * 2000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", REQUIRED),
        (None, REQUIRED),
        ("x" * 2001, "Keep it to 2000 characters (it has 2001)."),
    ],
)
def test_an_empty_or_overlong_question_is_refused_at_its_text(practice, reader, text, message):
    with pytest.raises(ValidationError) as caught:
        services.question_ask(actor=reader, practice=practice, text=text)
    assert fields(caught) == {"text": [message]}
    assert not Question.objects.exists() and not AuditEntry.objects.exists()


def test_the_anonymous_may_not_ask(practice):
    with pytest.raises(PermissionDenied):
        services.question_ask(actor=AnonymousUser(), practice=practice, text="?")
    assert not Question.objects.exists()


def test_no_one_may_ask_about_a_practice_with_no_published_version(reader):
    draft = EntryFactory().practice
    with pytest.raises(PermissionDenied):
        services.question_ask(actor=reader, practice=draft, text="?")
    assert not Question.objects.exists()


# --- moderation ---------------------------------------------------------------------------------


def test_a_published_question_goes_to_each_author_in_their_language(
    practice, reader, reviewer, clock, told
):
    uzbek_author = UserFactory(language="uz")
    gone = UserFactory(language="en", is_active=False)
    practice.authors.add(uzbek_author, gone)
    author = practice.authors.get(language="ru")
    question = asked(practice, reader)
    assert services.question_publish(actor=reviewer, question=question).pk == question.pk
    assert question_row(question) == (QuestionStatus.PUBLISHED, reviewer, NOW, "", None, None)
    assert trail(question) == [("knowledge.question_published", reviewer, {})]
    url = site(f"/knowledge/library/{practice.slug}/#questions")
    assert sorted(told, key=lambda t: t[3]) == [
        (
            author,
            "knowledge/email/question_for_authors",
            {"title": "Натуральные красители", "question": "Namunalar bormi?", "url": url},
            "ru",
        ),
        (
            uzbek_author,
            "knowledge/email/question_for_authors",
            {"title": "Tabiiy boʻyoqlar", "question": "Namunalar bormi?", "url": url},
            "uz",
        ),
    ]


def test_without_named_authors_the_owners_and_administrators_get_the_question(
    practice, reader, reviewer, owner, org_admin, member, told
):
    practice.authors.clear()
    services.question_publish(actor=reviewer, question=asked(practice, reader))
    assert sorted(to.pk for to, *_ in told) == sorted([owner.pk, org_admin.pk])


def test_a_rejected_question_is_stamped_audited_and_sent_to_no_one(
    practice, reader, reviewer, clock, told
):
    question = asked(practice, reader)
    assert services.question_reject(actor=reviewer, question=question).pk == question.pk
    assert question_row(question) == (QuestionStatus.REJECTED, reviewer, NOW, "", None, None)
    assert trail(question) == [("knowledge.question_rejected", reviewer, {})]
    assert told == []


@pytest.mark.parametrize("first", ["publish", "reject"])
@pytest.mark.parametrize("then", ["publish", "reject"])
def test_a_question_is_moderated_once(practice, reader, reviewer, clock, told, first, then):
    steps = {"publish": services.question_publish, "reject": services.question_reject}
    question = asked(practice, reader)
    steps[first](actor=reviewer, question=question)
    before, sent = question_row(question), len(told)
    other = UserFactory(is_staff=True, groups=["moderator"])
    clock["now"] = NOW.replace(hour=11)
    with pytest.raises(ValidationError) as caught:
        steps[then](actor=other, question=question)
    assert (caught.value.messages, caught.value.code) == ([MODERATED], "status")
    assert question_row(question) == before
    assert len(trail(question)) == 1 and len(told) == sent


@pytest.mark.parametrize("who", ["reader", "author", "anonymous"])
@pytest.mark.parametrize("step", ["publish", "reject"])
def test_only_moderators_moderate(practice, reader, author, told, who, step):
    actor = {"reader": reader, "author": author, "anonymous": AnonymousUser()}[who]
    steps = {"publish": services.question_publish, "reject": services.question_reject}
    question = asked(practice, reader)
    with pytest.raises(PermissionDenied):
        steps[step](actor=actor, question=question)
    assert question_row(question) == (QuestionStatus.PENDING, None, None, "", None, None)
    assert not AuditEntry.objects.exists() and told == []


# --- answers ------------------------------------------------------------------------------------


@pytest.fixture
def published_question(practice, reader, reviewer, clock):
    question = asked(practice, reader)
    return services.question_publish(actor=reviewer, question=question)


def test_an_author_answers_and_the_reader_gets_it_in_their_language(
    practice, published_question, author, reader, reviewer, clock, told
):
    answered = services.question_answer(
        actor=author, question=published_question, answer="  Ha, 10 ta rang.  "
    )
    assert answered.pk == published_question.pk
    assert question_row(published_question) == (
        QuestionStatus.PUBLISHED,
        reviewer,
        NOW,
        "Ha, 10 ta rang.",
        author,
        NOW,
    )
    assert trail(published_question)[1:] == [("knowledge.question_answer", author, {})]
    assert told == [
        (
            reader,
            "knowledge/email/question_answered",
            {
                "title": "Tabiiy boʻyoqlar",
                "question": "Namunalar bormi?",
                "answer": "Ha, 10 ta rang.",
                "url": site(f"/knowledge/library/{practice.slug}/#questions"),
            },
            "uz",
        )
    ]


def test_any_member_of_the_authors_organisation_may_answer(published_question, member, told):
    services.question_answer(actor=member, question=published_question, answer="Да")
    assert Question.objects.get(pk=published_question.pk).answered_by == member
    assert len(told) == 1


def test_an_answer_of_4000_characters_is_taken(published_question, author):
    services.question_answer(actor=author, question=published_question, answer="a" * 4000)
    assert Question.objects.get(pk=published_question.pk).answer == "a" * 4000


@pytest.mark.parametrize(
    ("answer", "message"),
    [("  ", REQUIRED), ("a" * 4001, "Keep it to 4000 characters (it has 4001).")],
)
def test_an_empty_or_overlong_answer_is_refused_at_its_field(
    published_question, author, told, answer, message
):
    with pytest.raises(ValidationError) as caught:
        services.question_answer(actor=author, question=published_question, answer=answer)
    assert fields(caught) == {"answer": [message]}
    assert question_row(published_question)[3:] == ("", None, None)
    assert len(trail(published_question)) == 1 and told == []


@pytest.mark.parametrize("who", ["reader", "reviewer", "outsider", "anonymous"])
def test_only_the_authors_organisation_answers(
    published_question, reader, reviewer, outsider, told, who
):
    actor = {
        "reader": reader,
        "reviewer": reviewer,
        "outsider": outsider,
        "anonymous": AnonymousUser(),
    }[who]
    with pytest.raises(PermissionDenied):
        services.question_answer(actor=actor, question=published_question, answer="Ha")
    assert question_row(published_question)[3:] == ("", None, None)
    assert told == []


@pytest.mark.parametrize("status", [QuestionStatus.PENDING, QuestionStatus.REJECTED])
def test_only_a_published_question_is_answered(practice, reader, author, told, status):
    question = asked(practice, reader)
    Question.objects.filter(pk=question.pk).update(status=status)
    with pytest.raises(ValidationError) as caught:
        services.question_answer(actor=author, question=question, answer="Ha")
    assert (caught.value.messages, caught.value.code) == ([ONLY_PUBLISHED], "status")
    assert question_row(question)[3:] == ("", None, None)
    assert not AuditEntry.objects.exists() and told == []


# --- asking for a language ----------------------------------------------------------------------


def test_the_first_request_for_a_language_is_stored_audited_and_told_to_the_authors(
    practice, reader, author, told
):
    english_author = UserFactory(language="en")
    practice.authors.add(english_author)
    request = services.translation_request(actor=reader, practice=practice, language="en")
    assert list(
        TranslationRequest.objects.values_list("pk", "practice", "language", "requested_by")
    ) == [(request.pk, practice.pk, "en", reader.pk)]
    assert request.fulfilled_at is None
    assert trail(practice) == [("knowledge.translation_request", reader, {"language": "en"})]
    url = site(f"/knowledge/library/{practice.slug}/")
    assert sorted(told, key=lambda t: t[3]) == [
        (
            english_author,
            "knowledge/email/translation_requested",
            # The English reader of a practice without an English version sees the original.
            {"title": "Натуральные красители", "language": "English", "url": url},
            "en",
        ),
        (
            author,
            "knowledge/email/translation_requested",
            {"title": "Натуральные красители", "language": "Английский", "url": url},
            "ru",
        ),
    ]


def test_asking_twice_is_asking_once(practice, reader, told):
    first = services.translation_request(actor=reader, practice=practice, language="en")
    again = services.translation_request(actor=reader, practice=practice, language="en")
    assert again.pk == first.pk
    assert TranslationRequest.objects.count() == 1
    assert len(trail(practice)) == 1 and len(told) == 1


def test_a_second_reader_is_recorded_but_the_authors_are_not_told_again(practice, reader, told):
    services.translation_request(actor=reader, practice=practice, language="en")
    second = UserFactory()
    services.translation_request(actor=second, practice=practice, language="en")
    assert TranslationRequest.objects.filter(requested_by=second, language="en").count() == 1
    assert trail(practice)[1] == ("knowledge.translation_request", second, {"language": "en"})
    assert len(told) == 1


def test_only_waiting_requests_for_this_practice_and_language_hold_the_authors_news_back(
    practice, reader, told, clock
):
    # Fulfilled before, another language, another practice: none of them was news for this one.
    TranslationRequest.objects.create(
        practice=practice, language="en", requested_by=UserFactory(), fulfilled_at=NOW
    )
    TranslationRequest.objects.create(practice=practice, language="ru", requested_by=reader)
    TranslationRequest.objects.create(
        practice=published_practice(), language="en", requested_by=UserFactory()
    )
    services.translation_request(actor=reader, practice=practice, language="en")
    assert [(template, language) for _to, template, _c, language in told] == [
        ("knowledge/email/translation_requested", "ru")
    ]


def test_a_draft_in_the_language_does_not_stop_the_request(practice, reader, told):
    EntryFactory(practice=practice, language="en", status=Status.DRAFT)
    request = services.translation_request(actor=reader, practice=practice, language="en")
    assert request.language == "en" and len(told) == 1


def test_a_language_already_published_is_refused_at_its_field(practice, reader, told):
    with pytest.raises(ValidationError) as caught:
        services.translation_request(actor=reader, practice=practice, language="uz")
    assert fields(caught) == {"language": [ALREADY]}
    assert not TranslationRequest.objects.exists()
    assert trail(practice) == [] and told == []


@pytest.mark.parametrize("language", ["de", "", "uz-cyrl", None])
def test_a_language_the_library_does_not_hold_is_refused_at_its_field(
    practice, reader, told, language
):
    with pytest.raises(ValidationError) as caught:
        services.translation_request(actor=reader, practice=practice, language=language)
    assert fields(caught) == {"language": [LANGUAGES]}
    assert not TranslationRequest.objects.exists() and told == []


def test_the_anonymous_may_not_ask_for_a_language(practice, told):
    with pytest.raises(PermissionDenied):
        services.translation_request(actor=AnonymousUser(), practice=practice, language="en")
    assert not TranslationRequest.objects.exists() and told == []


def test_no_one_may_ask_for_a_language_of_an_unpublished_practice(reader, told):
    draft = EntryFactory().practice
    with pytest.raises(PermissionDenied):
        services.translation_request(actor=reader, practice=draft, language="en")
    assert not TranslationRequest.objects.exists() and told == []

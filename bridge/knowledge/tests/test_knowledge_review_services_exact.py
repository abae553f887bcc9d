"""Review workflow services, to the exact value a person sees: each step's status, stamps, note and
reviewed revision, who may take it (and that a refusal or a wrong state changes nothing, with the
message and code shown), both sides of the reason's length, the audit rows, what the library's
search shows after each step, and who is e-mailed what and in which language (the authors on the
first publication and on a return, readers who asked for that language). Written for the mutation
score of issue 18."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, recorded_notifications, trail
from bridge.knowledge import notifications
from bridge.knowledge.models import Entry, Practice, Status, TranslationRequest
from bridge.knowledge.services import review as services
from bridge.knowledge.tests.factories import EntryFactory, PracticeFactory
from bridge.search.selectors import search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

LATER = NOW + timedelta(hours=2)
EARLIER = NOW - timedelta(days=30)
ONLY_DRAFTS = "Only a draft or a returned version can be sent for review."
ONLY_REVIEW = "Only a version in review can be published."
ONLY_RETURNABLE = "Only a version in review or published can be returned."
SAY_WHAT = "Say what the authors should change."
TOO_LONG = "Keep it to 2000 characters."


def site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@pytest.fixture
def told(monkeypatch):
    """Each e-mail the knowledge app sends: (to, template, context, language)."""
    return recorded_notifications(monkeypatch, notifications)


@pytest.fixture
def practice(organisation, member) -> Practice:
    found = PracticeFactory(organisation=organisation, original_language="ru")
    member.language = "uz"
    member.save()
    found.authors.add(member)
    return found


def version(practice, status=Status.DRAFT, language="ru", **fields) -> Entry:
    fields.setdefault("title", "Копродукция анимации")
    return EntryFactory(practice=practice, language=language, status=status, **fields)


def state(entry) -> tuple:
    e = Entry.objects.get(pk=entry.pk)
    return (
        e.status,
        e.submitted_at,
        e.published_at,
        e.review_note,
        e.changed_after_review,
        e.reviewed_revision,
    )


def in_library(word: str) -> list[int]:
    return search(key="practices", q=word).ids


def refused(caught) -> tuple:
    return caught.value.messages, caught.value.code


def anyone(who, **people):
    return AnonymousUser() if who == "anonymous" else people[who]


# --- sending for review -------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_an_author_sends_a_draft_or_returned_version_for_review(
    practice, member, clock, status, told
):
    entry = version(practice, status, review_note="Добавьте бюджет.")
    clock["now"] = LATER
    sent = services.entry_submit(actor=member, entry=entry)
    assert (sent.pk, sent.status) == (entry.pk, Status.REVIEW)
    assert state(entry) == (Status.REVIEW, LATER, None, "Добавьте бюджет.", False, 0)
    assert Entry.objects.get(pk=entry.pk).updated_at == LATER
    assert trail(entry) == [("knowledge.entry_submit", member, {})]
    assert told == []


@pytest.mark.parametrize("status", [Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED])
def test_only_a_draft_or_returned_version_is_sent(practice, member, clock, status):
    entry = version(practice, status)
    before = state(entry)
    with pytest.raises(ValidationError) as caught:
        services.entry_submit(actor=member, entry=entry)
    assert refused(caught) == ([ONLY_DRAFTS], "status")
    assert state(entry) == before and trail(entry) == []


@pytest.mark.parametrize("who", ["outsider", "reviewer", "anonymous"])
def test_only_the_authors_organisation_sends_for_review(practice, outsider, reviewer, who):
    entry = version(practice)
    with pytest.raises(PermissionDenied):
        services.entry_submit(actor=anyone(who, outsider=outsider, reviewer=reviewer), entry=entry)
    assert state(entry)[:2] == (Status.DRAFT, None)
    assert not AuditEntry.objects.exists()


# --- publishing ---------------------------------------------------------------------------------


def test_a_first_publication_stamps_reindexes_audits_and_tells_the_authors(
    practice, member, reviewer, clock, told
):
    entry = version(practice, Status.REVIEW, review_note="Старое замечание", revision=3)
    Entry.objects.filter(pk=entry.pk).update(changed_after_review=True)
    clock["now"] = LATER
    published = services.entry_publish(actor=reviewer, entry=entry)
    assert (published.pk, published.status) == (entry.pk, Status.PUBLISHED)
    assert state(entry) == (Status.PUBLISHED, None, LATER, "", False, 3)
    practice.refresh_from_db()
    assert practice.first_published_at == LATER
    assert practice.updated_at == LATER
    assert trail(entry) == [("knowledge.entry_publish", reviewer, {"first": True})]
    assert in_library("копродукция") == [practice.pk]
    assert told == [
        (
            member,
            "knowledge/email/entry_published",
            {
                "title": "Копродукция анимации",
                "url": site(f"/knowledge/library/{practice.slug}/"),
                "language": "Rus tili",
            },
            "uz",
        )
    ]


def test_the_authors_are_named_the_title_of_their_own_version_whatever_its_state(
    practice, member, reviewer, told
):
    version(practice, Status.DRAFT, title="Черновик")
    uzbek = version(practice, Status.REVIEW, language="uz", title="Koprodyuksiya")
    russian_author = UserFactory(language="ru")
    practice.authors.add(russian_author)
    services.entry_publish(actor=reviewer, entry=uzbek)
    assert sorted((c["title"], c["language"], lang) for _to, _t, c, lang in told) == [
        ("Koprodyuksiya", "Oʻzbek tili", "uz"),
        ("Черновик", "Узбекский", "ru"),
    ]


def test_a_second_version_keeps_the_practice_first_publication_date(
    practice, reviewer, clock, told
):
    version(practice, Status.PUBLISHED)
    Practice.objects.filter(pk=practice.pk).update(first_published_at=EARLIER)
    english = version(practice, Status.REVIEW, language="en", title="Co-production")
    clock["now"] = LATER
    services.entry_publish(actor=reviewer, entry=english)
    practice.refresh_from_db()
    assert practice.first_published_at == EARLIER
    assert state(english)[2] == LATER
    assert trail(english) == [("knowledge.entry_publish", reviewer, {"first": True})]
    assert len(told) == 1


def test_readers_who_asked_for_the_language_are_told_and_their_requests_fulfilled(
    practice, reviewer, clock, told
):
    english = version(practice, Status.REVIEW, language="en", title="Co-production")
    ru_reader, uz_reader = UserFactory(language="ru"), UserFactory(language="uz")
    waiting = [
        TranslationRequest.objects.create(practice=practice, language="en", requested_by=person)
        for person in (ru_reader, uz_reader)
    ]
    done = TranslationRequest.objects.create(
        practice=practice, language="en", requested_by=UserFactory(), fulfilled_at=EARLIER
    )
    other_language = TranslationRequest.objects.create(
        practice=practice, language="uz", requested_by=UserFactory()
    )
    other_practice = TranslationRequest.objects.create(
        practice=PracticeFactory(), language="en", requested_by=UserFactory()
    )
    practice.authors.clear()  # the authors' e-mail is another test's
    clock["now"] = LATER
    services.entry_publish(actor=reviewer, entry=english)
    url = site(f"/knowledge/library/{practice.slug}/?lang=en")
    assert sorted((to.pk, t, c, lang) for to, t, c, lang in told if "translation" in t) == sorted(
        [
            (
                ru_reader.pk,
                "knowledge/email/translation_published",
                {"title": "Co-production", "url": url, "language": "Английский"},
                "ru",
            ),
            (
                uz_reader.pk,
                "knowledge/email/translation_published",
                {"title": "Co-production", "url": url, "language": "Ingliz tili"},
                "uz",
            ),
        ]
    )
    fulfilled = dict(TranslationRequest.objects.values_list("pk", "fulfilled_at"))
    assert [fulfilled[r.pk] for r in waiting] == [LATER, LATER]
    assert fulfilled[done.pk] == EARLIER
    assert fulfilled[other_language.pk] is None and fulfilled[other_practice.pk] is None


def test_a_published_version_changed_since_is_marked_reviewed_without_news(
    practice, reviewer, clock, told
):
    entry = version(practice, Status.PUBLISHED, revision=4)
    Entry.objects.filter(pk=entry.pk).update(
        published_at=EARLIER, changed_after_review=True, reviewed_revision=2
    )
    Practice.objects.filter(pk=practice.pk).update(first_published_at=EARLIER)
    TranslationRequest.objects.create(practice=practice, language="ru", requested_by=UserFactory())
    clock["now"] = LATER
    services.entry_publish(actor=reviewer, entry=entry)
    assert state(entry) == (Status.PUBLISHED, None, EARLIER, "", False, 4)
    assert trail(entry) == [("knowledge.entry_publish", reviewer, {"first": False})]
    assert told == []
    assert TranslationRequest.objects.get().fulfilled_at is None


@pytest.mark.parametrize(
    ("status", "changed"),
    [
        (Status.DRAFT, False),
        (Status.RETURNED, False),
        (Status.ARCHIVED, False),
        (Status.PUBLISHED, False),
        (Status.DRAFT, True),
        (Status.ARCHIVED, True),
    ],
)
def test_only_a_version_in_review_or_changed_since_publication_is_published(
    practice, reviewer, clock, told, status, changed
):
    entry = version(practice, status)
    Entry.objects.filter(pk=entry.pk).update(changed_after_review=changed)
    before = state(entry)
    with pytest.raises(ValidationError) as caught:
        services.entry_publish(actor=reviewer, entry=entry)
    assert refused(caught) == ([ONLY_REVIEW], "status")
    assert state(entry) == before and trail(entry) == [] and told == []


@pytest.mark.parametrize("who", ["member", "outsider", "analyst", "anonymous"])
def test_only_reviewers_publish(practice, member, outsider, analyst, told, who):
    entry = version(practice, Status.REVIEW)
    with pytest.raises(PermissionDenied):
        services.entry_publish(
            actor=anyone(who, member=member, outsider=outsider, analyst=analyst), entry=entry
        )
    assert state(entry)[0] == Status.REVIEW
    assert Practice.objects.get(pk=practice.pk).first_published_at is None
    assert not AuditEntry.objects.exists() and told == []


# --- returning ----------------------------------------------------------------------------------


def test_a_version_in_review_goes_back_with_the_reason_collapsed_and_the_authors_told(
    practice, member, reviewer, clock, told
):
    entry = version(practice, Status.REVIEW)
    Entry.objects.filter(pk=entry.pk).update(changed_after_review=True)
    returned = services.entry_return(
        actor=reviewer, entry=entry, reason="  Добавьте\n бюджет   и сроки. "
    )
    assert (returned.pk, returned.status) == (entry.pk, Status.RETURNED)
    assert state(entry) == (Status.RETURNED, None, None, "Добавьте бюджет и сроки.", False, 0)
    assert trail(entry) == [
        ("knowledge.entry_return", reviewer, {"reason": "Добавьте бюджет и сроки."})
    ]
    assert told == [
        (
            member,
            "knowledge/email/entry_returned",
            {
                "title": "Копродукция анимации",
                "url": site(f"/knowledge/library/{practice.slug}/"),
                "language": "Rus tili",
                "reason": "Добавьте бюджет и сроки.",
            },
            "uz",
        )
    ]


def test_a_returned_published_version_leaves_the_library(practice, reviewer, told):
    entry = version(practice, Status.PUBLISHED)
    assert in_library("копродукция") == [practice.pk]
    services.entry_return(actor=reviewer, entry=entry, reason="Уберите рекламу.")
    assert state(entry)[0] == Status.RETURNED
    assert in_library("копродукция") == []
    assert len(told) == 1


def test_a_reason_of_2000_characters_is_taken(practice, reviewer):
    entry = version(practice, Status.REVIEW)
    services.entry_return(actor=reviewer, entry=entry, reason="x" * 2000)
    assert state(entry)[3] == "x" * 2000


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", SAY_WHAT), (None, SAY_WHAT), (" \n\t ", SAY_WHAT), ("x" * 2001, TOO_LONG)],
)
@pytest.mark.parametrize("status", [Status.REVIEW, Status.DRAFT])
def test_a_missing_or_overlong_reason_is_refused_at_its_field_first(
    practice, reviewer, told, reason, message, status
):
    entry = version(practice, status)
    before = state(entry)
    with pytest.raises(ValidationError) as caught:
        services.entry_return(actor=reviewer, entry=entry, reason=reason)
    assert caught.value.message_dict == {"reason": [message]}
    assert state(entry) == before and trail(entry) == [] and told == []


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.ARCHIVED])
def test_only_a_version_in_review_or_published_is_returned(practice, reviewer, told, status):
    entry = version(practice, status)
    before = state(entry)
    with pytest.raises(ValidationError) as caught:
        services.entry_return(actor=reviewer, entry=entry, reason="Почему?")
    assert refused(caught) == ([ONLY_RETURNABLE], "status")
    assert state(entry) == before and trail(entry) == [] and told == []


@pytest.mark.parametrize("who", ["member", "outsider", "anonymous"])
def test_only_reviewers_return(practice, member, outsider, told, who):
    entry = version(practice, Status.REVIEW)
    with pytest.raises(PermissionDenied):
        services.entry_return(
            actor=anyone(who, member=member, outsider=outsider), entry=entry, reason="Нет."
        )
    assert state(entry)[:4] == (Status.REVIEW, None, None, "")
    assert not AuditEntry.objects.exists() and told == []


# --- archiving ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "reviewer"])
def test_an_author_or_a_reviewer_withdraws_a_version_from_the_library(
    practice, member, reviewer, clock, told, who
):
    actor = {"member": member, "reviewer": reviewer}[who]
    entry = version(practice, Status.PUBLISHED)
    clock["now"] = LATER
    archived = services.entry_archive(actor=actor, entry=entry)
    assert (archived.pk, archived.status) == (entry.pk, Status.ARCHIVED)
    stored = Entry.objects.get(pk=entry.pk)
    assert (stored.status, stored.updated_at) == (Status.ARCHIVED, LATER)
    assert trail(entry) == [("knowledge.entry_archive", actor, {})]
    assert in_library("копродукция") == []
    assert told == []


def test_archiving_an_archived_version_does_nothing_more(practice, member, clock):
    entry = version(practice, Status.ARCHIVED)
    before = Entry.objects.get(pk=entry.pk).updated_at
    clock["now"] = LATER
    assert services.entry_archive(actor=member, entry=entry).status == Status.ARCHIVED
    assert Entry.objects.get(pk=entry.pk).updated_at == before
    assert trail(entry) == []


@pytest.mark.parametrize("who", ["outsider", "analyst", "anonymous"])
def test_others_may_not_archive(practice, outsider, analyst, who):
    entry = version(practice, Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.entry_archive(actor=anyone(who, outsider=outsider, analyst=analyst), entry=entry)
    assert state(entry)[0] == Status.PUBLISHED
    assert in_library("копродукция") == [practice.pk]
    assert not AuditEntry.objects.exists()

"""The review workflow: only reviewers publish or return, the authors are told by e-mail in their
own language, readers who asked for a language hear when it is published."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.tests.factories import UserFactory
from bridge.knowledge.models import Status, TranslationRequest
from bridge.knowledge.selectors.review import last_reviewed_revision, review_queue
from bridge.knowledge.services import engagement, practices, review
from bridge.knowledge.tests.factories import EntryFactory
from bridge.search.selectors import search

pytestmark = pytest.mark.integration


@pytest.fixture
def draft(member, organisation):
    member.language = "uz"
    member.save()
    practice = practices.practice_create(
        actor=member,
        organisation=organisation,
        kind="guide",
        language="ru",
        title="Копродукция анимации",
        summary="Права и финансирование.",
    )
    return practice.entries.get()


def test_draft_to_review_to_published_with_the_author_told_in_their_language(
    draft, member, reviewer
):
    review.entry_submit(actor=member, entry=draft)
    assert list(review_queue()) == [draft]
    published = review.entry_publish(actor=reviewer, entry=draft)
    assert (published.status, published.reviewed_revision) == (Status.PUBLISHED, 1)
    assert published.practice.first_published_at is not None
    assert search(key="practices", q="копродукция").ids == [draft.practice_id]
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "Eʼlon qilindi: Копродукция анимации"  # Uzbek, the author's language
    assert draft.practice.get_absolute_url() in message.body


def test_only_reviewers_publish_and_only_what_is_in_review(draft, member, reviewer):
    with pytest.raises(ValidationError):
        review.entry_publish(actor=reviewer, entry=draft)  # still a draft
    review.entry_submit(actor=member, entry=draft)
    for person in (member, UserFactory(), UserFactory(is_staff=True, groups=["analyst"])):
        with pytest.raises(PermissionDenied):
            review.entry_publish(actor=person, entry=draft)
    with pytest.raises(ValidationError):
        review.entry_submit(actor=member, entry=draft)  # already in review


def test_a_returned_version_carries_the_reason_and_goes_back_to_the_authors(
    draft, member, reviewer
):
    review.entry_submit(actor=member, entry=draft)
    with pytest.raises(ValidationError) as refused:
        review.entry_return(actor=reviewer, entry=draft, reason="  ")
    assert "reason" in refused.value.message_dict
    returned = review.entry_return(actor=reviewer, entry=draft, reason="Добавьте бюджет.")
    assert (returned.status, returned.review_note) == (Status.RETURNED, "Добавьте бюджет.")
    assert "Добавьте бюджет." in mail.outbox[-1].body
    practices.entry_update(actor=member, entry=returned, title="Копродукция", summary="С бюджетом.")
    review.entry_submit(actor=member, entry=returned)


def test_a_published_version_changed_since_is_shown_to_reviewers_against_what_they_saw(
    member, reviewer
):
    entry = EntryFactory(
        status=Status.PUBLISHED, practice__organisation=member.organisations.first()
    )
    assert last_reviewed_revision(entry) is None
    changed = practices.entry_update(actor=member, entry=entry, title="Новое", summary="Новое.")
    assert list(review_queue()) == [changed]
    assert last_reviewed_revision(changed).number == 1
    review.entry_publish(actor=reviewer, entry=changed)
    changed.refresh_from_db()
    assert (changed.changed_after_review, changed.reviewed_revision) == (False, 2)
    assert list(review_queue()) == []


def test_returning_a_published_version_takes_it_out_of_the_library(member, reviewer):
    entry = EntryFactory(
        status=Status.PUBLISHED, title="Сюзане", practice__organisation=member.organisations.first()
    )
    assert search(key="practices", q="сюзане").count == 1
    review.entry_return(actor=reviewer, entry=entry, reason="Нужны фотографии.")
    assert search(key="practices", q="сюзане").count == 0


def test_archiving_withdraws_a_version(member, reviewer, outsider):
    entry = EntryFactory(
        status=Status.PUBLISHED,
        title="Зардози",
        practice__organisation=member.organisations.first(),
    )
    with pytest.raises(PermissionDenied):
        review.entry_archive(actor=outsider, entry=entry)
    review.entry_archive(actor=member, entry=entry)
    assert search(key="practices", q="зардози").count == 0


def test_readers_who_asked_for_a_language_hear_when_it_is_published(draft, member, reviewer):
    review.entry_submit(actor=member, entry=draft)
    review.entry_publish(actor=reviewer, entry=draft)
    reader = UserFactory(language="en")
    engagement.translation_request(actor=reader, practice=draft.practice, language="en")
    english = practices.entry_create(
        actor=member,
        practice=draft.practice,
        language="en",
        title="Co-producing",
        summary="Rights.",
    )
    review.entry_submit(actor=member, entry=english)
    mail.outbox.clear()
    review.entry_publish(actor=reviewer, entry=english)
    to_reader = [m for m in mail.outbox if m.to == [reader.email]]
    assert [m.subject for m in to_reader] == ["A new language version (English): Co-producing"]
    assert TranslationRequest.objects.get().fulfilled_at is not None

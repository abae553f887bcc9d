"""Factories of the knowledge app. Rows made here are written as the services write them
(rendered bodies, revisions, search entries), so pages and search see them like real ones."""

from datetime import timedelta

import factory
from django.utils import timezone

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory, OrganisationFactory, UserFactory
from bridge.knowledge import markup
from bridge.knowledge.models import (
    Entry,
    Event,
    EventKind,
    EventStatus,
    Kind,
    Practice,
    Registration,
    RegistrationStatus,
    Revision,
    Status,
)
from bridge.knowledge.search_index import EVENTS, PRACTICES
from bridge.search.services import search_index_update


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"practice-{n}")
    kind = Kind.GUIDE
    organisation = factory.SubFactory(OrganisationFactory)
    original_language = "ru"


class EntryFactory(factory.django.DjangoModelFactory):
    """A language version; `status=Status.PUBLISHED` also publishes and indexes its practice."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    practice = factory.SubFactory(PracticeFactory)
    language = "ru"
    title = factory.Sequence(lambda n: f"Практика {n}")
    summary = "Краткое описание практики."
    body = "## Что сделали\n\nТекст практики."
    body_html = factory.LazyAttribute(lambda o: markup.render(o.body))
    reading_minutes = 1
    status = Status.DRAFT

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if not create:
            return
        Revision.objects.create(
            entry=self, number=self.revision, title=self.title, summary=self.summary, body=self.body
        )
        if self.status == Status.PUBLISHED:
            now = timezone.now()
            Entry.objects.filter(pk=self.pk).update(
                published_at=now, reviewed_revision=self.revision
            )
            Practice.objects.filter(pk=self.practice_id, first_published_at__isnull=True).update(
                first_published_at=now
            )
            self.practice.refresh_from_db()
            search_index_update(key=PRACTICES, objects=[self.practice])


def published_practice(*, versions=("ru",), themes=(), keywords=(), organisation=None, **fields):
    """A practice published in ``versions`` (language → title, or a list of languages)."""
    practice = PracticeFactory(
        themes=list(themes),
        keywords=list(keywords),
        original_language=next(iter(versions)),
        **({"organisation": organisation} if organisation else {}),
    )
    titles = versions if isinstance(versions, dict) else dict.fromkeys(versions)
    for language, title in titles.items():
        extra = {"title": title} if title else {}
        EntryFactory(
            practice=practice, language=language, status=Status.PUBLISHED, **extra, **fields
        )
    practice.refresh_from_db()
    return practice


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = EventKind.WEBINAR
    title_ru = factory.Sequence(lambda n: f"Вебинар {n}")
    title_uz = factory.Sequence(lambda n: f"Vebinar {n}")
    title_en = factory.Sequence(lambda n: f"Webinar {n}")
    description_en = "What we will talk about."
    language = "ru"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    timezone = "Asia/Tashkent"
    online = True
    join_url = "https://meet.example/room"
    capacity = 10
    status = EventStatus.PUBLISHED

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create:
            search_index_update(key=EVENTS, objects=[self])


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED


def bearer(user, *, read_only: bool = False) -> dict:
    """Client headers with an API token of this person (read-only or read-and-write)."""
    scope = TokenScope.READ if read_only else TokenScope.READ_WRITE
    raw = f"cb_knowledge_{user.pk:08d}_{scope}"
    if not user.api_tokens.filter(scope=scope).exists():
        ApiTokenFactory(user=user, raw=raw, scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

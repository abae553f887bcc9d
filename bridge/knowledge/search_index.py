"""How practices and events look to the search engine (bridge.search), and as cards where several
indexes are shown together (the heritage pages, "related" lists).

A practice is one entry whatever the number of its language versions: its published versions'
titles, summaries and texts together, so a query in any language finds the practice once, and
the card shows the reader's own version."""

from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from bridge.accounts.sectors import sector_label
from bridge.knowledge import markup
from bridge.knowledge.languages import LANGUAGE_CODES, reader_language
from bridge.knowledge.models import Entry, Event, EventStatus, Kind, Practice, Status, reader_entry
from bridge.knowledge.times import span
from bridge.search.registry import Card, Document, SearchIndex
from bridge.search.thesaurus import current

PRACTICES = "practices"
EVENTS = "events"


def _in_every_language(label) -> list[str]:
    """A translatable label in ru, uz and en: what people of each language type."""
    words = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            words.append(str(label))
    return list(dict.fromkeys(words))


def _concept_words(concept_ids) -> list[str]:
    thesaurus = current()
    return [
        thesaurus.labels(concept_id, code)[0]
        for concept_id in concept_ids
        if concept_id in thesaurus
        for code in LANGUAGE_CODES
        if thesaurus.labels(concept_id, code)
    ]


def published_practices() -> QuerySet:
    published = Entry.objects.filter(practice=OuterRef("pk"), status=Status.PUBLISHED)
    return (
        Practice.objects.filter(Exists(published))
        .select_related("organisation")
        .prefetch_related(
            "sectors",
            "authors",
            Prefetch(
                "entries",
                queryset=Entry.objects.filter(status=Status.PUBLISHED).order_by("language"),
                to_attr="published",
            ),
        )
    )


def _published(practice: Practice) -> list[Entry]:
    found = getattr(practice, "published", None)
    if found is None:
        found = list(practice.entries.filter(status=Status.PUBLISHED).order_by("language"))
    return found


class PracticeIndex(SearchIndex):
    key = PRACTICES
    model = Practice
    label = _("Practice library")
    position = 40

    def queryset(self) -> QuerySet:
        return published_practices()

    def document(self, obj: Practice) -> Document:
        entries = _published(obj)
        sectors = list(obj.sectors.all())
        keywords = [
            *_concept_words(obj.concept_ids),
            *_in_every_language(Kind(obj.kind).label),
            *(word for sector in sectors for word in _in_every_language(sector_label(sector.code))),
        ]
        body = []
        for entry in entries:
            body += [entry.summary, markup.plain_text(entry.body_html)]
            body += [chapter.get("title", "") for chapter in entry.chapters or []]
        body += [obj.organisation.name, *(person.full_name for person in obj.authors.all())]
        numbers = {"useful": float(obj.useful_count)}
        if obj.first_published_at:
            numbers["created"] = obj.first_published_at.timestamp()
        if entries:
            numbers["minutes"] = float(min(entry.reading_minutes for entry in entries))
        return Document(
            title="\n".join(entry.title for entry in entries),
            keywords="\n".join(dict.fromkeys(k for k in keywords if k)),
            body="\n".join(b for b in body if b),
            facets={
                "kind": [obj.kind],
                "language": [entry.language for entry in entries],
                "sector": [sector.code for sector in sectors],
                "theme": list(obj.themes),
                # Facet values are counted for every match: only those the library filters on.
                "country": [str(obj.organisation.country)] if obj.organisation.country else [],
            },
            numbers=numbers,
        )

    def cards(self, ids: list[int]) -> list[Card]:
        rows = published_practices().in_bulk(ids)
        cards = []
        for pk in ids:
            practice = rows.get(pk)
            if practice is None:
                continue
            entry = reader_entry(_published(practice))
            cards.append(
                Card(
                    title=entry.title,
                    url=entry.get_absolute_url(),
                    summary=Truncator(entry.summary).chars(160),
                    meta=f"{Kind(practice.kind).label} · {practice.organisation.name}",
                    language=entry.language,
                )
            )
        return cards

    def section_url(self, q: str = "") -> str:
        url = reverse("knowledge:library")
        return f"{url}?{urlencode({'q': q})}" if q else url


def _event_queryset() -> QuerySet:
    return Event.objects.filter(status=EventStatus.PUBLISHED).select_related("organisation")


class EventIndex(SearchIndex):
    key = EVENTS
    model = Event
    label = _("Events")
    position = 45

    def queryset(self) -> QuerySet:
        return _event_queryset().prefetch_related("sectors")

    def document(self, obj: Event) -> Document:
        titles = [getattr(obj, f"title_{code}") for code in LANGUAGE_CODES]
        body = [getattr(obj, f"description_{code}") for code in LANGUAGE_CODES]
        body += [obj.venue, obj.organisation.name if obj.organisation else ""]
        keywords = [*_concept_words(obj.themes), *_in_every_language(obj.get_kind_display())]
        return Document(
            title="\n".join(t for t in titles if t),
            keywords="\n".join(dict.fromkeys(k for k in keywords if k)),
            body="\n".join(b for b in body if b),
            facets={
                "kind": [obj.kind],
                "theme": list(obj.themes),
                "language": [obj.language],
                "online": ["yes" if obj.online else "no"],
            },
            numbers={"starts": obj.starts_at.timestamp(), "created": obj.created_at.timestamp()},
        )

    def cards(self, ids: list[int]) -> list[Card]:
        rows = _event_queryset().in_bulk(ids)
        language = reader_language()
        cards = []
        for pk in ids:
            event = rows.get(pk)
            if event is None:
                continue
            when = span(event.starts_at, event.ends_at, event.timezone, language)
            cards.append(
                Card(
                    title=event.title(language),
                    url=event.get_absolute_url(),
                    summary=Truncator(event.description(language)).chars(160),
                    meta=f"{event.get_kind_display()} · {when}",
                )
            )
        return cards

    def section_url(self, q: str = "") -> str:
        return reverse("knowledge:calendar")

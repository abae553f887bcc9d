"""Reads of the practice library: the search page with facets, one practice for a reader, its
questions and what is related to it. Views and the API call these, so they cannot drift."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from bridge.accounts.sectors import sector_label
from bridge.core.uzbek_script import for_reader
from bridge.knowledge import rules
from bridge.knowledge.languages import LANGUAGE_CODES, NATIVE_NAMES, reader_language
from bridge.knowledge.models import (
    Entry,
    Kind,
    Practice,
    Question,
    QuestionStatus,
    Status,
    reader_entry,
)
from bridge.knowledge.search_index import PRACTICES, published_practices
from bridge.search.concepts import concept_label
from bridge.search.grouped import Group, search_grouped
from bridge.search.selectors import search

FACETS = ("kind", "language", "sector", "theme", "country")
SORTS = {"relevance": "relevance", "newest": "-created", "useful": "-useful"}
SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("newest", _("Newest")),
    ("useful", _("Most useful")),
]
MAX_PAGE = 1_000
FACET_TITLES = {
    "kind": _("Kind"),
    "language": _("Language"),
    "sector": _("Sector"),
    "theme": _("Heritage theme"),
    "country": _("Country"),
}


@dataclass
class LibraryFilters:
    q: str = ""
    kind: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    sector: list[str] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    sort: str = "relevance"

    def engine_filters(self) -> dict[str, list[str]]:
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class PracticeCard:
    practice: Practice
    entry: Entry  # the version the reader reads
    languages: list[tuple[str, str]]  # (code, native name) of the published versions
    themes: list[tuple[str, str]]  # (concept id, label)
    title_html: str = ""
    snippet: str = ""

    @property
    def transliterated(self) -> bool:
        return self.entry.language == "uz" and reader_language() == "uz-cyrl"

    @property
    def title(self) -> str:
        return for_reader(
            self.entry.title, written_in=self.entry.language, language=reader_language()
        )

    @property
    def summary(self) -> str:
        return for_reader(
            self.entry.summary, written_in=self.entry.language, language=reader_language()
        )


@dataclass
class LibraryPage:
    count: int
    number: int
    num_pages: int
    cards: list[PracticeCard]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    approximate: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def theme_labels(ids, language: str | None = None) -> list[tuple[str, str]]:
    language = reader_language(language)
    code = "uz-Cyrl" if language == "uz-cyrl" else language
    labels = [(concept_id, concept_label(concept_id, code)) for concept_id in ids]
    # Thesaurus labels are lower case where the word is (икат, abr); as a tag they start a name.
    return [(concept_id, label[:1].upper() + label[1:]) for concept_id, label in labels]


def facet_label(facet: str, value: str) -> str:
    if facet == "kind":
        return str(dict(Kind.choices).get(value, value))
    if facet == "language":
        return NATIVE_NAMES.get(value, value)
    if facet == "sector":
        return str(sector_label(value))
    if facet == "theme":
        return theme_labels([value])[0][1]
    if facet == "country":
        return str(countries.name(value)) or value
    return value


def practice_card(practice: Practice, highlights: dict | None = None) -> PracticeCard:
    published = getattr(practice, "published", None)
    if published is None:
        published = list(practice.entries.filter(status=Status.PUBLISHED).order_by("language"))
    entry = reader_entry(published)
    return PracticeCard(
        practice=practice,
        entry=entry,
        languages=[(e.language, NATIVE_NAMES[e.language]) for e in published],
        themes=theme_labels(practice.themes),
    )


def library_search(*, filters: LibraryFilters, page: int = 1, page_size: int = 20) -> LibraryPage:
    page = max(1, min(int(page), MAX_PAGE))
    arguments = {
        "key": PRACTICES,
        "q": filters.q,
        "filters": filters.engine_filters(),
        "facets": FACETS,
        "sort": SORTS.get(filters.sort, "relevance"),
        "page_size": page_size,
    }
    result = search(page=page, **arguments)
    num_pages = max(1, math.ceil(result.count / page_size))
    if page > num_pages:
        page = num_pages
        result = search(page=page, **arguments)
    rows = published_practices().in_bulk(result.ids)
    cards = [practice_card(rows[pk]) for pk in result.ids if pk in rows]
    facets = {}
    for name in FACETS:
        chosen = set(getattr(filters, name))
        counted = dict(result.facets.get(name, []))
        values = [
            FacetValue(value, facet_label(name, value), count, value in chosen)
            for value, count in counted.items()
        ]
        values += [FacetValue(v, facet_label(name, v), 0, True) for v in chosen if v not in counted]
        facets[name] = values
    return LibraryPage(
        count=result.count,
        number=page,
        num_pages=num_pages,
        cards=cards,
        facets=facets,
        suggestion=result.suggestion,
        approximate=result.approximate,
    )


def practice_for(slug: str) -> Practice:
    practice = (
        Practice.objects.filter(slug=slug)
        .select_related("organisation")
        .prefetch_related(
            "sectors",
            "authors",
            Prefetch("entries", queryset=Entry.objects.order_by("language")),
        )
        .first()
    )
    if practice is None:
        raise Http404
    return practice


@dataclass
class Reading:
    """A practice as one reader sees it."""

    practice: Practice
    entry: Entry  # the version shown
    published: list[Entry]
    visible: list[Entry]  # every version this reader may open (drafts for authors)
    transliterated: bool  # Uzbek Latin shown in Cyrillic
    missing: str | None  # the reader's language when no version is written in it
    can_edit: bool
    can_review: bool

    @property
    def requestable(self) -> list[str]:
        have = {e.language for e in self.published}
        return [code for code in LANGUAGE_CODES if code not in have]


def reading(practice: Practice, user, *, asked: str | None = None) -> Reading:
    """The version to show: the one asked for (?lang=), else the reader's, else the original.
    Unpublished versions are shown to their authors and reviewers only; a practice with nothing
    this reader may see is not found."""
    can_edit = rules.can_edit_practice(user, practice)
    can_review = rules.can_review(user)
    entries = list(practice.entries.all())
    published = [e for e in entries if e.status == Status.PUBLISHED]
    visible = entries if (can_edit or can_review) else published
    if not visible:
        raise Http404
    language = reader_language()
    by_language = {e.language: e for e in visible}
    entry = by_language.get(asked or "") or reader_entry(published or visible)
    wanted = language[:2]
    return Reading(
        practice=practice,
        entry=entry,
        published=published,
        visible=visible,
        transliterated=entry.language == "uz" and language == "uz-cyrl",
        missing=None if wanted in {e.language for e in published} else wanted,
        can_edit=can_edit,
        can_review=can_review,
    )


def questions_for(practice: Practice, user) -> QuerySet:
    """Published questions (with their answers) for everyone; the reader's own pending ones."""
    shown = Question.objects.filter(practice=practice, status=QuestionStatus.PUBLISHED)
    if getattr(user, "is_authenticated", False):
        shown = shown | Question.objects.filter(
            practice=practice, asked_by=user, status=QuestionStatus.PENDING
        )
    return shown.select_related("asked_by", "answered_by").order_by("created_at", "id")


def related(practice: Practice, *, per_group: int = 3) -> list[Group]:
    """What shares the practice's keywords and themes, by section (materials, listings,
    projects, calls, organisations, other practices, events)."""
    if not practice.concept_ids:
        return []
    return search_grouped(
        concepts=practice.concept_ids, per_group=per_group, exclude={PRACTICES: [practice.pk]}
    )


def practices_of(user) -> QuerySet:
    """The practices of the organisations ``user`` belongs to, newest first."""
    return (
        Practice.objects.filter(organisation__in=rules.author_organisations(user))
        .select_related("organisation")
        .prefetch_related(Prefetch("entries", queryset=Entry.objects.order_by("language")))
        .order_by("-updated_at", "-id")
    )


def unanswered_for(user) -> QuerySet:
    return (
        Question.objects.filter(
            practice__organisation__in=rules.author_organisations(user),
            status=QuestionStatus.PUBLISHED,
            answered_at__isnull=True,
        )
        .select_related("practice")
        .order_by("created_at")
    )

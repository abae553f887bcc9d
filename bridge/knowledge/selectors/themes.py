"""Reads of the heritage theme pages: the index of themes with what each gathers, and one theme
with everything on the platform tied to it, found through the search engine by concept id (so
materials, listings, projects, applications, practices and events join by registering an index,
without this app knowing them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse

from bridge.core.uzbek_script import latin_to_cyrillic
from bridge.knowledge.languages import reader_language, translated
from bridge.knowledge.models import ThemeImage, ThemePage
from bridge.knowledge.search_index import PRACTICES
from bridge.search import registry
from bridge.search.concepts import concept_label, heritage_themes
from bridge.search.grouped import Group, concept_counts, search_grouped
from bridge.search.thesaurus import current

PER_GROUP = 6


def _code(language: str) -> str:
    return "uz-Cyrl" if language == "uz-cyrl" else language


def theme_title(concept_id: str, page: ThemePage | None, language: str) -> str:
    """The page's own title in the reader's language, else the thesaurus label, capitalised."""
    title = page.title(language) if page else ""
    if not title:
        title = concept_label(concept_id, _code(language))
    return title[:1].upper() + title[1:]


@dataclass
class ThemeSummary:
    concept_id: str
    label: str
    text: str
    image: ThemeImage | None
    counts: list[tuple[str, int]]  # (section label, objects)

    @property
    def total(self) -> int:
        return sum(count for _label, count in self.counts)


def _pages(ids) -> dict[str, ThemePage]:
    return {
        page.concept_id: page
        for page in ThemePage.objects.filter(concept_id__in=list(ids)).prefetch_related(
            Prefetch("images", queryset=ThemeImage.objects.order_by("position", "id"))
        )
    }


def theme_index() -> list[ThemeSummary]:
    """Every heritage theme, by its label in the reader's language, with its counts per
    section: three queries whatever the number of themes and objects."""
    language = reader_language()
    themes = heritage_themes(_code(language))
    pages = _pages(theme.id for theme in themes)
    counts = concept_counts(concepts=[theme.id for theme in themes])
    sections = [(index.key, str(index.label)) for index in registry.shown_together()]
    summaries = []
    for theme in themes:
        page = pages.get(theme.id)
        images = list(page.images.all()) if page else []
        per_key = counts.get(theme.id, {})
        summaries.append(
            ThemeSummary(
                concept_id=theme.id,
                label=theme_title(theme.id, page, language),
                text=page.text(language) if page else "",
                image=images[0] if images else None,
                counts=[(label, per_key[key]) for key, label in sections if per_key.get(key)],
            )
        )
    return summaries


@dataclass
class ThemeDetail:
    concept_id: str
    label: str
    names: list[tuple[str, str]]  # (language code, label) in the other languages
    text: str
    images: list[ThemeImage]
    groups: list[Group] = field(default_factory=list)
    page: ThemePage | None = None


def is_theme(concept_id: str) -> bool:
    return concept_id in current().heritage_ids


def theme_detail(concept_id: str, *, per_group: int = PER_GROUP) -> ThemeDetail:
    if not is_theme(concept_id):
        raise Http404
    language = reader_language()
    thesaurus = current()
    page = _pages([concept_id]).get(concept_id)
    label = theme_title(concept_id, page, language)
    names = []
    for code in ("ru", "uz", "en"):
        labels = thesaurus.labels(concept_id, code)
        if labels:
            name = (
                latin_to_cyrillic(labels[0]) if (code, language) == ("uz", "uz-cyrl") else labels[0]
            )
            if name.casefold() not in label.casefold():
                names.append((code, name))
    groups = (
        search_grouped(concepts=[concept_id], per_group=per_group, see_all_q=label)
        if per_group
        else []
    )
    for group in groups:
        if group.key == PRACTICES:
            group.see_all = f"{reverse('knowledge:library')}?{urlencode({'theme': concept_id})}"
    return ThemeDetail(
        concept_id=concept_id,
        label=label,
        names=names,
        text=page.text(language) if page else "",
        images=list(page.images.all()) if page else [],
        groups=groups,
        page=page,
    )


def theme_texts(page: ThemePage | None) -> dict[str, str]:
    return {
        f"{field}_{code}": getattr(page, f"{field}_{code}", "") if page else ""
        for field in ("title", "text")
        for code in ("ru", "uz", "en")
    }


def image_caption(image: ThemeImage) -> str:
    return translated(image, "caption")


def theme_names() -> dict[str, str]:
    """Every heritage theme's name in the reader's language, for the links on cards (one query)."""
    language = reader_language()
    ids = current().heritage_ids
    pages = {page.concept_id: page for page in ThemePage.objects.filter(concept_id__in=list(ids))}
    return {
        concept_id: theme_title(concept_id, pages.get(concept_id), language) for concept_id in ids
    }

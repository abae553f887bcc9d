"""Reads for pages that show several apps at once: the site-wide search in the header."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bridge.knowledge.selectors.themes import theme_names
from bridge.search.concepts import concept_suggest
from bridge.search.grouped import Group, search_grouped
from bridge.search.registry import Suggestion
from bridge.search.suggest import SuggestionGroup, suggest

MAX_QUERY = 200
PER_GROUP = 3


def concept_language() -> str:
    """The thesaurus's name for the interface language (uz-cyrl → uz-Cyrl)."""
    language = (get_language() or "ru").lower()
    return "uz-Cyrl" if language == "uz-cyrl" else language[:2]


@dataclass(frozen=True)
class Theme:
    id: str
    title: str


@dataclass
class SiteResults:
    q: str
    groups: list[Group] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups) + len(self.themes)


def site_search(q: str) -> SiteResults:
    """Every registered index's best few for ``q`` with its count and its section's search,
    and the heritage themes ``q`` names or starts."""
    q = " ".join(q.split())[:MAX_QUERY]
    if not q:
        return SiteResults(q="")
    found = concept_suggest(q, language=concept_language(), limit=5, heritage_only=True)
    # A theme's page may carry a title of its own ("Abr (ikat)"), better than its keyword.
    names = theme_names() if found else {}
    themes = [Theme(c.id, names.get(c.id) or c.label) for c in found]
    return SiteResults(q=q, groups=search_grouped(q=q, per_group=PER_GROUP), themes=themes)


def theme_url(concept_id: str) -> str:
    return reverse("knowledge:theme", kwargs={"concept_id": concept_id})


def site_suggestions(q: str) -> list[SuggestionGroup]:
    """What the header's search box offers as one types: keywords of the thesaurus (a heritage
    theme leads to its page, any other keyword to the site-wide results for it), then the
    indexes' own suggestions (organisations, categories)."""
    found = suggest(q[:MAX_QUERY], language=concept_language())
    groups = []
    if found.concepts:
        search_url = reverse("site:search")
        items = [
            Suggestion(
                label=concept.label,
                url=theme_url(concept.id)
                if concept.heritage
                else f"{search_url}?{urlencode({'q': concept.label})}",
            )
            for concept in found.concepts
        ]
        groups.append(SuggestionGroup("concepts", _("Keywords"), items))
    return groups + found.groups

"""How a published joint project looks to the search engine (bridge.search): the registry's
search and filters, the site-wide search and heritage theme pages. Private projects are never
indexed. Every partner's description goes into one entry, so a query in any language finds the
project once."""

from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from bridge.core.uzbek_script import latin_to_cyrillic
from bridge.partnering.models import JointProject, ProjectPartner
from bridge.partnering.models.projects import ProjectStatus
from bridge.partnering.vocabulary import ListingType, Sector
from bridge.search.concepts import concept_label
from bridge.search.registry import Card, Document, SearchIndex
from bridge.search.thesaurus import current

PROJECTS_INDEX = "partnering-projects"
LANGUAGES = ("ru", "uz", "en")


def published_projects() -> QuerySet:
    return JointProject.objects.filter(published_at__isnull=False).prefetch_related(
        Prefetch(
            "partners",
            queryset=ProjectPartner.objects.select_related("organisation").order_by(
                "invited_at", "id"
            ),
        )
    )


def _in_every_language(*labels) -> list[str]:
    """Vocabulary labels as readers of each language type them."""
    words = []
    for code in LANGUAGES:
        with translation.override(code):
            words += [str(label) for label in labels]
    return list(dict.fromkeys(words))


def project_document(project: JointProject) -> Document:
    thesaurus = current()
    concepts = [
        label
        for concept_id in project.heritage
        if concept_id in thesaurus
        for code in LANGUAGES
        for label in thesaurus.labels(concept_id, code)[:2]
    ]
    partners = list(project.partners.all())
    words = _in_every_language(
        ListingType(project.type).label,
        Sector(project.sector).label,
        ProjectStatus(project.status).label,
    )
    body = [*project.descriptions.values(), *(p.organisation.name for p in partners)]
    return Document(
        title=project.title,
        keywords="\n".join(dict.fromkeys([*concepts, *words])),
        body="\n".join(b for b in body if b),
        language=None,
        facets={
            "type": [project.type],
            "sector": [project.sector],
            "status": [project.status],
            "country": sorted({str(p.organisation.country) for p in partners}),
            "heritage": list(project.heritage),
        },
        numbers={"created": (project.published_at or project.created_at).timestamp()},
    )


def description_for(project: JointProject, language: str) -> str:
    """The description in the reader's language (Uzbek in the reader's script), else the first."""
    texts = project.descriptions or {}
    code = "uz" if language.startswith("uz") else language
    text = texts.get(code) or next(iter(texts.values()), "")
    if language == "uz-cyrl" and code in texts:
        return latin_to_cyrillic(text)
    return text


class ProjectIndex(SearchIndex):
    key = PROJECTS_INDEX
    model = JointProject
    label = _("Joint projects")
    position = 35

    def queryset(self) -> QuerySet:
        return published_projects()

    def document(self, obj: JointProject) -> Document:
        return project_document(obj)

    def cards(self, ids: list[int]) -> list[Card]:
        language = (translation.get_language() or "ru").lower()
        rows = self.queryset().in_bulk(ids)
        cards = []
        for pk in ids:
            project = rows.get(pk)
            if project is None:
                continue
            partners = list(project.partners.all())
            themes = ", ".join(concept_label(c, language) for c in project.heritage[:2])
            meta = " · ".join(
                str(part)
                for part in (
                    project.get_status_display(),
                    " – ".join(
                        f"{p.organisation.name} ({p.organisation.country})" for p in partners
                    ),
                    themes,
                )
                if part
            )
            cards.append(
                Card(
                    title=project.title,
                    url=project.get_absolute_url(),
                    summary=Truncator(description_for(project, language)).chars(160),
                    meta=meta,
                )
            )
        return cards

    def section_url(self, q: str = "") -> str:
        url = reverse("partnering:projects")
        return f"{url}?{urlencode({'q': q})}" if q else url

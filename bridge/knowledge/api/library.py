"""API of the practice library: search with facets (the same as the page), and one practice in
the caller's language with its linked language versions. Anonymous callers see published
versions; authors and reviewers also their drafts, as on the pages."""

from datetime import datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI
from bridge.core.api.pagination import PageParams
from bridge.core.api.schemas import CodeLabel, ErrorOut, FacetValueOut, ValidationErrorOut
from bridge.core.uzbek_script import for_reader
from bridge.knowledge.languages import NATIVE_NAMES, reader_language
from bridge.knowledge.models import Practice
from bridge.knowledge.selectors import library as selectors

router = Router(tags=["knowledge"])

Language = Literal["ru", "uz", "en"]


Code = Annotated[str, Field(max_length=64)]


class LibraryQuery(Schema):
    # Bounded like the other searches: a query string past gunicorn's request line (4,094 bytes)
    # is a 400 from the server, before the API, in no documented shape (found by api-fuzz).
    q: str = Field("", max_length=200, description="Words in any language or script.")
    kind: list[Code] = Field(
        default_factory=list, max_length=20, description="case, guide, template, recording, answer."
    )
    language: list[Language] = Field(
        default_factory=list, max_length=20, description="Published in these languages."
    )
    sector: list[Code] = Field(default_factory=list, max_length=20, description="Sector codes.")
    theme: list[Code] = Field(
        default_factory=list, max_length=20, description="Heritage theme ids (thesaurus)."
    )
    country: list[Code] = Field(
        default_factory=list, max_length=20, description="The authors' country, ISO alpha-2."
    )
    sort: Literal["relevance", "newest", "useful"] = "relevance"


class VersionQuery(Schema):
    version: Language | None = Field(None, description="A language version to read instead.")


class ConceptOut(Schema):
    id: str
    label: str


class PracticeOrganisationRef(Schema):
    slug: str
    name: str
    country: str
    url: str


class VersionRef(Schema):
    language: Language
    language_name: str
    title: str
    status: CodeLabel
    url: str


class PracticeItem(Schema):
    slug: str
    kind: CodeLabel
    title: str = Field(
        description="In the caller's language when written in it, else the original."
    )
    summary: str
    language: Language = Field(description="The language of title and summary.")
    languages: list[Language] = Field(description="Published language versions.")
    organisation: PracticeOrganisationRef
    themes: list[ConceptOut]
    useful_count: int
    reading_minutes: int
    url: str


class PracticePage(Schema):
    count: int
    items: list[PracticeItem]
    facets: dict[str, list[FacetValueOut]]
    suggestion: str | None = None


class ChapterOut(Schema):
    at: int = Field(description="Seconds from the start of the video.")
    title: str


class AttachmentOut(Schema):
    name: str
    kind: str
    size: int
    url: str


class PracticeDetail(PracticeItem):
    body_html: str = Field(description="Sanitised HTML of the text.")
    chapters: list[ChapterOut]
    transliterated: bool = Field(description="Uzbek Latin given in Cyrillic (lang=uz-cyrl).")
    missing_language: Language | None = Field(
        description="The caller's language when no published version is written in it."
    )
    versions: list[VersionRef]
    keywords: list[ConceptOut]
    sectors: list[CodeLabel]
    video_url: str
    attachments: list[AttachmentOut]
    published_at: datetime | None


def _organisation(request, practice: Practice) -> dict:
    organisation = practice.organisation
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "country": str(organisation.country),
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }


def _concepts(ids) -> list[dict]:
    return [{"id": concept_id, "label": label} for concept_id, label in selectors.theme_labels(ids)]


def _item(request, card: selectors.PracticeCard) -> dict:
    practice, entry = card.practice, card.entry
    return {
        "slug": practice.slug,
        "kind": {"code": practice.kind, "label": practice.get_kind_display()},
        "title": card.title,
        "summary": card.summary,
        "language": entry.language,
        "languages": [code for code, _name in card.languages],
        "organisation": _organisation(request, practice),
        "themes": _concepts(practice.themes),
        "useful_count": practice.useful_count,
        "reading_minutes": entry.reading_minutes,
        "url": request.build_absolute_uri(entry.get_absolute_url()),
    }


@router.get(
    "/knowledge/entries",
    response={200: PracticePage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="Search the practice library",
)
def list_entries(request: HttpRequest, filters: Query[LibraryQuery], paging: Query[PageParams]):
    """Published practices, best first (or newest, most useful), one item per practice whatever
    the number of its language versions; facets count kind, language, sector, theme, country."""
    found = selectors.LibraryFilters(
        q=filters.q.strip(),
        kind=filters.kind[:20],
        language=list(filters.language)[:20],
        sector=filters.sector[:20],
        theme=filters.theme[:20],
        country=filters.country[:20],
        sort=filters.sort,
    )
    page = selectors.library_search(filters=found, page=paging.page, page_size=paging.page_size)
    past_end = page.number != paging.page
    return {
        "count": page.count,
        "items": [] if past_end else [_item(request, card) for card in page.cards],
        "facets": {name: [vars(v) for v in values] for name, values in page.facets.items()},
        "suggestion": page.suggestion,
    }


@router.get(
    "/knowledge/entries/{slug}",
    response={200: PracticeDetail, 401: ErrorOut, 404: ErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="One practice, in the caller's language",
)
def get_entry(
    request: HttpRequest,
    choice: Query[VersionQuery],
    slug: str = Path(..., max_length=100),
):
    """The version in `?lang=` (or Accept-Language) when written in it, else the original;
    `versions` lists every language version the caller may open."""
    practice = selectors.practice_for(slug)
    reading = selectors.reading(practice, request.auth, asked=choice.version)
    entry = reading.entry
    card = selectors.practice_card(practice)
    card.entry = entry
    language = reader_language()
    return {
        **_item(request, card),
        "languages": [e.language for e in reading.published],
        "body_html": for_reader(entry.body_html, written_in=entry.language, language=language),
        "chapters": entry.chapters or [],
        "transliterated": reading.transliterated,
        "missing_language": reading.missing,
        "versions": [
            {
                "language": e.language,
                "language_name": NATIVE_NAMES[e.language],
                "title": e.title,
                "status": {"code": e.status, "label": e.get_status_display()},
                "url": request.build_absolute_uri(
                    f"{practice.get_absolute_url()}?lang={e.language}"
                ),
            }
            for e in reading.visible
        ],
        "keywords": _concepts(practice.keywords),
        "sectors": [{"code": s.code, "label": str(s)} for s in practice.sectors.all()],
        "video_url": practice.video_url,
        "attachments": [
            {
                "name": a.name,
                "kind": a.kind,
                "size": a.size,
                "url": request.build_absolute_uri(a.get_absolute_url()),
            }
            for a in entry.attachments.all()
        ],
        "published_at": entry.published_at,
    }

"""API of the heritage theme pages: every theme with its counts, and one theme with its text,
images and the items tied to it, grouped by section, best first."""

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Path, Router, Schema

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI
from bridge.core.api.schemas import ErrorOut
from bridge.knowledge.selectors import themes as selectors
from bridge.search.registry import Card

router = Router(tags=["knowledge"])


class SectionCount(Schema):
    section: str
    count: int


class ThemeOut(Schema):
    id: str
    label: str
    text: str
    image_url: str | None
    counts: list[SectionCount]
    url: str


class ImageOut(Schema):
    url: str
    caption: str
    credit: str


class ItemOut(Schema):
    title: str
    url: str
    summary: str
    meta: str
    image_url: str
    language: str


class GroupOut(Schema):
    key: str = Field(description="The search index: materials, organisations, practices, …")
    label: str
    count: int
    approximate: bool
    see_all: str
    items: list[ItemOut]


class ThemeDetailOut(Schema):
    id: str
    label: str
    names: dict[str, str] = Field(description="Its name in the other languages.")
    text: str
    images: list[ImageOut]
    groups: list[GroupOut]
    url: str


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def _card(request, card: Card) -> dict:
    return {
        "title": card.title,
        "url": _absolute(request, card.url),
        "summary": card.summary,
        "meta": card.meta,
        "image_url": _absolute(request, card.image_url),
        "language": card.language,
    }


@router.get(
    "/knowledge/themes",
    response={200: list[ThemeOut], 401: ErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="Heritage themes with their counts",
)
def list_themes(request: HttpRequest):
    return [
        {
            "id": theme.concept_id,
            "label": theme.label,
            "text": theme.text,
            "image_url": _absolute(request, theme.image.image.url) if theme.image else None,
            "counts": [{"section": label, "count": count} for label, count in theme.counts],
            "url": _absolute(request, reverse("knowledge:theme", args=[theme.concept_id])),
        }
        for theme in selectors.theme_index()
    ]


@router.get(
    "/knowledge/themes/{concept_id}",
    response={200: ThemeDetailOut, 401: ErrorOut, 404: ErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="One heritage theme with its linked items",
)
def get_theme(request: HttpRequest, concept_id: str = Path(..., max_length=80)):
    theme = selectors.theme_detail(concept_id)
    return {
        "id": theme.concept_id,
        "label": theme.label,
        "names": dict(theme.names),
        "text": theme.text,
        "images": [
            {"url": _absolute(request, i.image.url), "caption": i.caption(), "credit": i.credit}
            for i in theme.images
        ],
        "groups": [
            {
                "key": g.key,
                "label": g.label,
                "count": g.count,
                "approximate": g.approximate,
                "see_all": _absolute(request, g.see_all),
                "items": [_card(request, c) for c in g.cards],
            }
            for g in theme.groups
        ],
        "url": _absolute(request, reverse("knowledge:theme", args=[theme.concept_id])),
    }

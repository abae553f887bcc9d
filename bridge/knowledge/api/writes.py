"""What the library's write operations share: the path types, the answer for a practice and its
language versions, and one way to call a service and turn its refusals into the API's answers.

A service refuses in two ways, answered apart: a field that is not right is a 422 at that field
(`code: "refused"`, like a schema error); a step the workflow does not allow from where the
object is (send for review twice, answer a question not yet published) is a 409 with the
service's code (`status`, `own`, …) and nothing changed."""

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.errors import HttpError

from bridge.core.api.errors import service_refusal, step_refusal
from bridge.core.api.schemas import CodeLabel, ErrorOut, ValidationErrorOut
from bridge.knowledge.models import Entry, Practice

MAX_ID = 2**63 - 1
Id = Annotated[int, Path(..., ge=1, le=MAX_ID)]
Slug = Annotated[str, Path(..., max_length=100)]
Language = Literal["ru", "uz", "en"]
LanguagePath = Annotated[Language, Path(..., description="The language version: ru, uz or en.")]


class ConflictOut(Schema):
    detail: str
    code: str = Field(description="Why the step is refused: `status` (not from where it is), …")


# Every write answers these besides its own; the BridgeAPI adds 400 and 429.
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ValidationErrorOut}


def act(service, *, forbidden: int = 403, **arguments):
    """`(result, None)`, or `(None, the 409)` when the workflow refuses the step, or `(None, the
    422)` for field errors (service_refusal); a PermissionDenied the service raises is `forbidden` (404 where the caller
    may not know the object is theirs to change)."""
    try:
        return service(**arguments), None
    except PermissionDenied:
        if forbidden == 404:
            raise Http404 from None
        raise HttpError(403, _("You may not do this.")) from None
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and set(exc.error_dict) != {"__all__"}:
            return None, service_refusal(exc)
        return None, step_refusal(exc)


class AttachmentWriteOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    url: str


class VersionWriteOut(Schema):
    language: Language
    status: CodeLabel
    revision: int
    title: str
    summary: str
    body: str = Field(description="The author's Markdown.")
    chapters: list[dict]
    review_note: str = Field(description="The reviewer's reason when it was returned.")
    changed_after_review: bool
    attachments: list[AttachmentWriteOut]
    published_at: datetime | None
    url: str


class PracticeWriteOut(Schema):
    slug: str
    kind: CodeLabel
    organisation: str = Field(description="The organisation's slug.")
    original_language: Language
    sectors: list[str]
    keywords: list[str] = Field(description="Thesaurus concept ids.")
    themes: list[str] = Field(description="Heritage theme ids.")
    video_url: str
    versions: list[VersionWriteOut]
    url: str


def _version(request, entry: Entry) -> dict:
    return {
        "language": entry.language,
        "status": {"code": entry.status, "label": entry.get_status_display()},
        "revision": entry.revision,
        "title": entry.title,
        "summary": entry.summary,
        "body": entry.body,
        "chapters": entry.chapters or [],
        "review_note": entry.review_note,
        "changed_after_review": entry.changed_after_review,
        "attachments": [
            {
                "id": a.pk,
                "name": a.name,
                "kind": a.kind,
                "size": a.size,
                "url": request.build_absolute_uri(a.get_absolute_url()),
            }
            for a in entry.attachments.all()
        ],
        "published_at": entry.published_at,
        "url": request.build_absolute_uri(entry.get_absolute_url()),
    }


def practice_write_out(request, practice: Practice) -> dict:
    """The practice as its authors see it: every language version, drafts included."""
    practice = (
        Practice.objects.select_related("organisation")
        .prefetch_related("sectors", "entries__attachments")
        .get(pk=practice.pk)
    )
    return {
        "slug": practice.slug,
        "kind": {"code": practice.kind, "label": practice.get_kind_display()},
        "organisation": practice.organisation.slug,
        "original_language": practice.original_language,
        "sectors": sorted(s.code for s in practice.sectors.all()),
        "keywords": list(practice.keywords),
        "themes": list(practice.themes),
        "video_url": practice.video_url,
        "versions": [
            _version(request, e) for e in sorted(practice.entries.all(), key=lambda e: e.language)
        ],
        "url": request.build_absolute_uri(practice.get_absolute_url()),
    }

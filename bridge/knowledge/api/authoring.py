"""API of the practice library's authors: start a practice, change its shared details, add and
edit language versions (each save a revision), bring back an earlier revision, send a version
for review or withdraw it, attach and remove files. The same services and rules as the authors'
pages: any member of the practice's organisation writes; to anyone else the practice's drafts do
not exist (404)."""

from typing import Annotated, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.accounts.sectors import SECTORS
from bridge.core.api.errors import invalid
from bridge.knowledge import rules
from bridge.knowledge.api.library import router as library_router
from bridge.knowledge.api.writes import (
    ERRORS,
    MAX_ID,
    Id,
    Language,
    LanguagePath,
    PracticeWriteOut,
    Slug,
    act,
    practice_write_out,
)
from bridge.knowledge.attachments import MAX_BYTES
from bridge.knowledge.markup import MAX_SOURCE
from bridge.knowledge.models import Attachment, Entry, Kind, Practice
from bridge.knowledge.selectors import library as selectors
from bridge.knowledge.services import practices as services
from bridge.knowledge.services import review
from bridge.knowledge.validators import MAX_CHAPTER_SECONDS, MAX_CHAPTERS, MAX_KEYWORDS

router = Router(tags=["knowledge: authors"])

KindCode = Literal[tuple(Kind.values)]  # type: ignore[valid-type]
SectorCode = Literal[tuple(code for code, _label in SECTORS)]  # type: ignore[valid-type]
ConceptId = Annotated[str, Field(min_length=1, max_length=80)]


class ChapterIn(Schema):
    at: int = Field(..., ge=0, le=MAX_CHAPTER_SECONDS, description="Seconds from the start.")
    title: str = Field(..., min_length=1, max_length=200)


class DetailsIn(Schema):
    """What every language version shares; given, it replaces what was there."""

    kind: KindCode
    sectors: list[SectorCode] = Field(default_factory=list, max_length=len(SECTORS))
    keywords: list[ConceptId] = Field(
        default_factory=list,
        max_length=MAX_KEYWORDS,
        description="Thesaurus concept ids (an unknown id is a 422 at `keywords`).",
    )
    themes: list[ConceptId] = Field(
        default_factory=list,
        max_length=MAX_KEYWORDS,
        description="Heritage theme ids (`GET /knowledge/themes`).",
    )
    video_url: str = Field(
        "", max_length=200, pattern=r"^(https?://[^\s\x85\uFEFF]+)?$", description="For recordings."
    )


class VersionIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    summary: str = Field(..., min_length=1, max_length=600)
    body: str = Field("", max_length=MAX_SOURCE, description="Markdown; active content removed.")
    chapters: list[ChapterIn] = Field(default_factory=list, max_length=MAX_CHAPTERS)


class PracticeCreateIn(DetailsIn, VersionIn):
    organisation: int = Field(
        ..., ge=1, le=MAX_ID, description="The id of an organisation you are a member of."
    )
    language: Language = Field(description="The language of the first version.")


class VersionCreateIn(VersionIn):
    language: Language


class VersionChangeIn(Schema):
    """Only the fields sent change."""

    title: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = Field(None, min_length=1, max_length=600)
    body: str | None = Field(None, max_length=MAX_SOURCE)
    chapters: list[ChapterIn] | None = Field(None, max_length=MAX_CHAPTERS)
    note: str = Field("", max_length=200, description="What changed, for the history.")


class RestoreIn(Schema):
    number: int = Field(..., ge=1, le=2**31 - 1, description="The revision to bring back.")


def editable(request, slug: str) -> Practice:
    """The practice the caller may write; anyone else's is a 404, as on the pages."""
    practice = selectors.practice_for(slug)
    if not rules.can_edit_practice(request.auth, practice):
        raise Http404
    return practice


def version_of(practice: Practice, language: str) -> Entry:
    entry = next((e for e in practice.entries.all() if e.language == language), None)
    if entry is None:
        raise Http404
    return entry


def _chapters(items) -> list[dict]:
    return [{"at": c.at, "title": c.title} for c in items or []]


def _answer(request, practice: Practice, refusal, status: int = 200):
    if refusal is not None:
        return refusal
    return Status(status, practice_write_out(request, practice))


# On the library's router: a path is answered by the first router that has it, and the list of
# entries (GET) is there.
@library_router.post(
    "/knowledge/entries",
    response={201: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    tags=["knowledge: authors"],
    summary="Start a practice (a draft in one language)",
)
def create_practice(request: HttpRequest, payload: PracticeCreateIn):
    """A new practice of `organisation` with its first language version, a draft; send it for
    review with `…/versions/{language}/submit`. An organisation you are not a member of is a
    422 at `organisation` (`code: "not_member"`). Nothing is saved when a field is refused."""
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None or not rules.can_write_for(request.auth, organisation):
        raise invalid(
            field="organisation",
            message=_("You are not a member of this organisation."),
            location="body",
            code="not_member",
        )
    practice, refusal = act(
        services.practice_create,
        actor=request.auth,
        organisation=organisation,
        kind=payload.kind,
        language=payload.language,
        title=payload.title,
        summary=payload.summary,
        body=payload.body,
        sectors=payload.sectors,
        keywords=payload.keywords,
        themes=payload.themes,
        video_url=payload.video_url,
        chapters=_chapters(payload.chapters),
    )
    return _answer(request, practice, refusal, 201)


@router.put(
    "/knowledge/entries/{slug}/details",
    response={200: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Replace what every language version shares",
)
def update_details(request: HttpRequest, slug: Slug, payload: DetailsIn):
    """Kind, sectors, keywords, heritage themes and the video address, all replaced (a list not
    sent is emptied)."""
    practice = editable(request, slug)
    _done, refusal = act(
        services.practice_update, forbidden=404, actor=request.auth, practice=practice,
        **payload.dict(),
    )  # fmt: skip
    return _answer(request, practice, refusal)


@router.post(
    "/knowledge/entries/{slug}/versions",
    response={201: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Add a language version (a draft)",
)
def create_version(request: HttpRequest, slug: Slug, payload: VersionCreateIn):
    """A language the practice already has is a 422 at `language`."""
    practice = editable(request, slug)
    _done, refusal = act(
        services.entry_create,
        forbidden=404,
        actor=request.auth,
        practice=practice,
        language=payload.language,
        title=payload.title,
        summary=payload.summary,
        body=payload.body,
        chapters=_chapters(payload.chapters),
    )
    return _answer(request, practice, refusal, 201)


@router.patch(
    "/knowledge/entries/{slug}/versions/{language}",
    response={200: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Change a language version (a new revision)",
)
def update_version(
    request: HttpRequest, slug: Slug, language: LanguagePath, payload: VersionChangeIn
):
    """Drafts, returned and published versions change; a published one changes at once and is
    flagged for the reviewers. A version in review or archived is a 409 (`code: "status"`)."""
    practice = editable(request, slug)
    entry = version_of(practice, language)
    given = payload.dict(exclude_unset=True)
    _done, refusal = act(
        services.entry_update,
        forbidden=404,
        actor=request.auth,
        entry=entry,
        title=given["title"] if given.get("title") is not None else entry.title,
        summary=given["summary"] if given.get("summary") is not None else entry.summary,
        body=given["body"] if given.get("body") is not None else entry.body,
        chapters=_chapters(payload.chapters) if payload.chapters is not None else entry.chapters,
        note=payload.note,
    )
    return _answer(request, practice, refusal)


@router.post(
    "/knowledge/entries/{slug}/versions/{language}/restore",
    response={200: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Bring back an earlier revision's text",
)
def restore_version(request: HttpRequest, slug: Slug, language: LanguagePath, payload: RestoreIn):
    """The text of revision `number` becomes a new revision. No such revision, or a version in
    review or archived: 409."""
    practice = editable(request, slug)
    entry = version_of(practice, language)
    _done, refusal = act(
        services.entry_restore, forbidden=404, actor=request.auth, entry=entry,
        number=payload.number,
    )  # fmt: skip
    return _answer(request, practice, refusal)


@router.post(
    "/knowledge/entries/{slug}/versions/{language}/submit",
    response={200: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Send a version for review",
)
def submit_version(request: HttpRequest, slug: Slug, language: LanguagePath):
    """Drafts and returned versions only (409 otherwise)."""
    practice = editable(request, slug)
    entry = version_of(practice, language)
    _done, refusal = act(review.entry_submit, forbidden=404, actor=request.auth, entry=entry)
    return _answer(request, practice, refusal)


@router.post(
    "/knowledge/entries/{slug}/versions/{language}/archive",
    response={200: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Withdraw a version from the library",
)
def archive_version(request: HttpRequest, slug: Slug, language: LanguagePath):
    """Its authors or a reviewer; archiving an archived version changes nothing."""
    practice = selectors.practice_for(slug)
    if not (rules.can_edit_practice(request.auth, practice) or rules.can_review(request.auth)):
        raise Http404
    entry = version_of(practice, language)
    _done, refusal = act(review.entry_archive, forbidden=404, actor=request.auth, entry=entry)
    return _answer(request, practice, refusal)


@router.post(
    "/knowledge/entries/{slug}/versions/{language}/attachments",
    response={201: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Attach a file to a version (multipart)",
    description="`multipart/form-data` with `file`: PDF, Word, Excel, PowerPoint, OpenDocument, "
    f"PNG, JPEG, WebP, CSV or text, at most {MAX_BYTES // (1024 * 1024)} MB; the content must be "
    f"what its name says. At most {services.MAX_ATTACHMENTS} files per version. A refused file "
    "is a 422 at `file`.",
)
def add_attachment(
    request: HttpRequest, slug: Slug, language: LanguagePath, file: File[UploadedFile]
):
    practice = editable(request, slug)
    entry = version_of(practice, language)
    _done, refusal = act(
        services.attachment_add, forbidden=404, actor=request.auth, entry=entry, upload=file
    )
    return _answer(request, practice, refusal, 201)


@router.delete(
    "/knowledge/entries/{slug}/attachments/{attachment_id}",
    response={200: PracticeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Remove an attached file",
)
def remove_attachment(request: HttpRequest, slug: Slug, attachment_id: Id):
    practice = editable(request, slug)
    attachment = (
        Attachment.objects.filter(pk=attachment_id, entry__practice=practice)
        .select_related("entry__practice")
        .first()
    )
    if attachment is None:
        raise Http404
    _done, refusal = act(
        services.attachment_remove, forbidden=404, actor=request.auth, attachment=attachment
    )
    return _answer(request, practice, refusal)

"""Writes of authors: start a practice, add a language version, edit one (each save is a
revision), restore an earlier revision, attach and remove files."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.core.translit import latinise
from bridge.knowledge import markup, rules, validators
from bridge.knowledge.attachments import attachment_clean
from bridge.knowledge.models import EDITABLE, Attachment, Entry, Practice, Revision, Status
from bridge.knowledge.search_index import PRACTICES
from bridge.knowledge.validators import Errors
from bridge.search.services import search_index_update

MAX_ATTACHMENTS = 20
RESERVED_SLUGS = frozenset({"new", "mine", "review", "events", "heritage"})


def _unique_slug(title: str) -> str:
    base = slugify(latinise(title))[:80].strip("-") or "practice"
    slug = base
    while slug in RESERVED_SLUGS or Practice.objects.filter(slug=slug).exists():
        slug = f"{base}-{get_random_string(4, 'abcdefghijkmnpqrstuvwxyz23456789')}"
    return slug


def reindex(practice: Practice) -> None:
    """The library's search entry changes in the same transaction as what it describes."""
    search_index_update(key=PRACTICES, objects=[practice])


def _version_fields(errors: Errors, *, title, summary, body, chapters) -> dict:
    return {
        "title": validators.text(errors, "title", title, limit=200),
        "summary": validators.text(errors, "summary", summary, limit=600),
        "body": validators.body(errors, body),
        "chapters": validators.chapters(errors, chapters),
    }


def _shared_fields(errors: Errors, *, kind, sectors, keywords, themes, video_url) -> dict:
    return {
        "kind": validators.kind(errors, kind),
        "sectors": validators.sectors(errors, sectors),
        "keywords": validators.concepts(errors, keywords, field="keywords", heritage=False),
        "themes": validators.concepts(errors, themes, field="themes", heritage=True),
        "video_url": validators.video_url(errors, video_url),
    }


def _record(entry: Entry, actor, note: str) -> Revision:
    return Revision.objects.create(
        entry=entry,
        number=entry.revision,
        title=entry.title,
        summary=entry.summary,
        body=entry.body,
        chapters=entry.chapters,
        note=note[:200],
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _render(entry: Entry) -> None:
    entry.body_html = markup.render(entry.body)
    entry.reading_minutes = markup.reading_minutes(entry.body_html)


def new_entry(*, actor, practice: Practice, language: str, fields: dict, status=Status.DRAFT):
    entry = Entry(practice=practice, language=language, status=status, created_by=actor, **fields)
    _render(entry)
    entry.save()
    _record(entry, actor, _("Written"))
    return entry


def new_practice(*, actor, organisation, language: str, shared: dict) -> Practice:
    """The practice row alone (no permission check: callers have made theirs)."""
    sectors = shared.pop("sectors")
    practice = Practice.objects.create(
        organisation=organisation,
        original_language=language,
        created_by=actor,
        slug=_unique_slug(shared.pop("slug_title")),
        **shared,
    )
    practice.sectors.set(sectors)
    if getattr(actor, "is_authenticated", False):
        practice.authors.add(actor)
    return practice


@transaction.atomic
def practice_create(
    *,
    actor,
    organisation,
    kind: str,
    language: str,
    title: str,
    summary: str,
    body: str = "",
    sectors=(),
    keywords=(),
    themes=(),
    video_url: str = "",
    chapters=(),
) -> Practice:
    """A new practice and its first language version, a draft of its organisation."""
    if not rules.can_write_for(actor, organisation):
        raise PermissionDenied
    errors = Errors()
    validators.language(errors, language)
    shared = _shared_fields(
        errors, kind=kind, sectors=sectors, keywords=keywords, themes=themes, video_url=video_url
    )
    fields = _version_fields(errors, title=title, summary=summary, body=body, chapters=chapters)
    errors.raise_any()
    practice = new_practice(
        actor=actor,
        organisation=organisation,
        language=language,
        shared={**shared, "slug_title": fields["title"]},
    )
    entry = new_entry(actor=actor, practice=practice, language=language, fields=fields)
    audit_log(actor=actor, action="knowledge.practice_create", target=practice, entry=entry.pk)
    return practice


@transaction.atomic
def practice_update(
    *, actor, practice: Practice, kind, sectors=(), keywords=(), themes=(), video_url=""
) -> Practice:
    """What every language version shares."""
    if not rules.can_edit_practice(actor, practice):
        raise PermissionDenied
    errors = Errors()
    shared = _shared_fields(
        errors, kind=kind, sectors=sectors, keywords=keywords, themes=themes, video_url=video_url
    )
    errors.raise_any()
    practice.sectors.set(shared.pop("sectors"))
    for name, value in shared.items():
        setattr(practice, name, value)
    practice.save()
    audit_log(actor=actor, action="knowledge.practice_update", target=practice)
    reindex(practice)
    return practice


@transaction.atomic
def entry_create(
    *, actor, practice: Practice, language: str, title: str, summary: str, body="", chapters=()
) -> Entry:
    """Another language version of the practice, linked to the others; a draft."""
    if not rules.can_edit_practice(actor, practice):
        raise PermissionDenied
    errors = Errors()
    validators.language(errors, language)
    if practice.entries.filter(language=language).exists():
        errors.add("language", _("This practice already has a version in this language."))
    fields = _version_fields(errors, title=title, summary=summary, body=body, chapters=chapters)
    errors.raise_any()
    entry = new_entry(actor=actor, practice=practice, language=language, fields=fields)
    if getattr(actor, "is_authenticated", False):
        practice.authors.add(actor)
    audit_log(actor=actor, action="knowledge.entry_create", target=entry, language=language)
    return entry


@transaction.atomic
def entry_update(
    *, actor, entry: Entry, title: str, summary: str, body="", chapters=(), note: str = ""
) -> Entry:
    """Save a new revision. A published version changes at once and is flagged for reviewers,
    who may return it; anything else stays where it is in the workflow."""
    entry = Entry.objects.select_for_update().select_related("practice").get(pk=entry.pk)
    if not rules.can_edit_practice(actor, entry.practice):
        raise PermissionDenied
    if entry.status not in EDITABLE:
        raise ValidationError(
            _("A version in review or archived cannot be changed."), code="status"
        )
    errors = Errors()
    fields = _version_fields(errors, title=title, summary=summary, body=body, chapters=chapters)
    errors.raise_any()
    if all(getattr(entry, name) == value for name, value in fields.items()):
        return entry
    for name, value in fields.items():
        setattr(entry, name, value)
    _render(entry)
    entry.revision += 1
    if entry.status == Status.PUBLISHED:
        entry.changed_after_review = True
    entry.save()
    _record(entry, actor, note or _("Edited"))
    audit_log(actor=actor, action="knowledge.entry_update", target=entry, revision=entry.revision)
    if entry.status == Status.PUBLISHED:
        reindex(entry.practice)
    return entry


@transaction.atomic
def entry_restore(*, actor, entry: Entry, number: int) -> Entry:
    """Bring back the text of an earlier revision, as a new revision."""
    # Asked first, so that someone who may not edit learns nothing of which revisions exist.
    if not rules.can_edit_practice(actor, entry.practice):
        raise PermissionDenied
    revision = entry.revisions.filter(number=number).first()
    if revision is None:
        raise ValidationError(_("There is no such revision."), code="revision")
    return entry_update(
        actor=actor,
        entry=entry,
        title=revision.title,
        summary=revision.summary,
        body=revision.body,
        chapters=revision.chapters,
        note=_("Restored revision %(number)s") % {"number": number},
    )


@transaction.atomic
def attachment_add(*, actor, entry: Entry, upload) -> Attachment:
    if not rules.can_edit_practice(actor, entry.practice):
        raise PermissionDenied
    if entry.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": _("At most %(limit)s files per version.") % {"limit": MAX_ATTACHMENTS}}
        )
    try:
        checked = attachment_clean(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    attachment = Attachment(
        entry=entry, name=checked.name, kind=checked.kind, size=checked.size, uploaded_by=actor
    )
    attachment.file.save(checked.name, checked.content, save=False)
    attachment.save()
    audit_log(actor=actor, action="knowledge.attachment_add", target=entry, file=checked.name)
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    entry = attachment.entry
    if not rules.can_edit_practice(actor, entry.practice):
        raise PermissionDenied
    name = attachment.name
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    audit_log(actor=actor, action="knowledge.attachment_remove", target=entry, file=name)
    transaction.on_commit(lambda: storage.delete(stored))

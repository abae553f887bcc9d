"""After an event: its recording and materials become a library entry in one step (staff)."""

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.knowledge import rules
from bridge.knowledge.languages import LANGUAGE_CODES
from bridge.knowledge.models import Attachment, Event, Kind, Practice, Status
from bridge.knowledge.services.events import reindex as reindex_event
from bridge.knowledge.services.practices import new_entry, new_practice, reindex
from bridge.knowledge.validators import Errors, text


@transaction.atomic
def event_to_practice(*, actor, event: Event) -> Practice:
    """A published recording in the library, one version per language the event is announced
    in: its title, its description as the summary and text, the recording, the event's themes
    and sectors, and copies of its materials. The event links to it."""
    if not (rules.can_manage_events(actor) and rules.can_review(actor)):
        raise PermissionDenied
    event = (
        Event.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=event.pk)
    )
    errors = Errors()
    if event.practice_id:
        errors.add("__all__", _("This event is already in the library."))
    if event.ends_at > timezone.now():
        errors.add("__all__", _("The event has not taken place yet."))
    if not event.recording_url:
        errors.add("recording_url", _("Add the recording's address first."))
    if event.organisation is None:
        errors.add(
            "organisation", _("Choose the host organisation: the entry is written in its name.")
        )
    errors.raise_any()
    languages = [code for code in LANGUAGE_CODES if getattr(event, f"title_{code}")]
    original = event.language if event.language in languages else languages[0]
    practice = new_practice(
        actor=actor,
        organisation=event.organisation,
        language=original,
        shared={
            "kind": Kind.RECORDING,
            "sectors": list(event.sectors.all()),
            "keywords": [],
            "themes": list(event.themes),
            "video_url": event.recording_url,
            "slug_title": getattr(event, f"title_{original}"),
        },
    )
    now = timezone.now()
    materials = list(event.materials.all())
    for code in sorted(languages, key=lambda c: c != original):
        description = getattr(event, f"description_{code}") or getattr(
            event, f"description_{original}"
        )
        check = Errors()
        summary = text(check, "summary", description.split("\n\n")[0], limit=600, required=False)
        entry = new_entry(
            actor=actor,
            practice=practice,
            language=code,
            fields={
                "title": getattr(event, f"title_{code}"),
                "summary": summary[:600] or getattr(event, f"title_{code}"),
                "body": description,
                "chapters": [],
            },
            status=Status.PUBLISHED,
        )
        # Published by a reviewer: this revision is the reviewed one a later edit is shown against.
        entry.published_at, entry.reviewed_revision = now, entry.revision
        entry.save(update_fields=["published_at", "reviewed_revision"])
        for material in materials:
            with material.file.open("rb") as handle:
                copy = Attachment(
                    entry=entry, name=material.name, kind=material.kind, size=material.size,
                    uploaded_by=actor,
                )  # fmt: skip
                copy.file.save(material.name, ContentFile(handle.read()), save=False)
                copy.save()
    practice.first_published_at = now
    practice.save(update_fields=["first_published_at"])
    event.practice = practice
    event.save(update_fields=["practice", "updated_at"])
    audit_log(actor=actor, action="knowledge.event_to_practice", target=event, practice=practice.pk)
    reindex(practice)
    reindex_event(event)
    return practice

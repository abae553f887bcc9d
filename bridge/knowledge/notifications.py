"""E-mails of the knowledge app, each in its recipient's language: the texts they quote are
chosen for that language (their own version of an entry, Cyrillic for Uzbek Cyrillic readers)."""

from django.conf import settings
from django.utils import translation

from bridge.core.mail import notify
from bridge.core.uzbek_script import for_reader
from bridge.knowledge.models import Event, Practice, Status, reader_entry
from bridge.knowledge.times import span


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def recipient_language(person) -> str:
    return getattr(person, "language", "") or settings.LANGUAGE_CODE


def practice_title(practice: Practice, language: str, *, any_status: bool = False) -> str:
    entries = (
        practice.entries.all() if any_status else practice.entries.filter(status=Status.PUBLISHED)
    )
    entry = reader_entry(entries, language) or reader_entry(practice.entries.all(), language)
    if entry is None:
        return practice.slug
    return for_reader(entry.title, written_in=entry.language, language=language)


def practice_recipients(practice: Practice) -> list:
    """The practice's named authors, else the owners and administrators of its organisation."""
    authors = [person for person in practice.authors.all() if person.is_active]
    if authors:
        return authors
    from bridge.accounts.models import Membership, Role

    memberships = Membership.objects.filter(
        organisation=practice.organisation, role__in=[Role.OWNER, Role.ADMIN], user__is_active=True
    ).select_related("user")
    return [membership.user for membership in memberships]


def send(person, template: str, context) -> None:
    """One e-mail; ``context`` is a dict, or a function of the recipient's language that makes
    one (called in that language, so the labels it translates are theirs)."""
    language = recipient_language(person)
    with translation.override(language):
        made = context(language) if callable(context) else context
        made = {key: str(value) for key, value in made.items()}
        notify(to=person, template=f"knowledge/email/{template}", context=made, language=language)


def event_context(event: Event, person, language: str) -> dict:
    zone = getattr(person, "timezone", "") or event.timezone
    return {
        "title": event.title(language),
        "kind": event.get_kind_display(),
        "when": str(span(event.starts_at, event.ends_at, event.timezone, language)),
        "when_yours": str(span(event.starts_at, event.ends_at, zone, language))
        if zone != event.timezone
        else "",
        "where": "" if event.online else event.venue,
        "url": absolute(event.get_absolute_url()),
        "ics": absolute(f"{event.get_absolute_url()}event.ics"),
    }

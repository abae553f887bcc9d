"""Small helpers the knowledge views share."""

import difflib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from bridge.knowledge.languages import LANGUAGE_CODES
from bridge.knowledge.models import Entry, Practice

MAX_ID = 2**63 - 1


def parse_id(value) -> int:
    """An id from a URL or a form; anything that cannot be a row's key is "not found"."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise Http404 from None
    if not 1 <= number <= MAX_ID:
        raise Http404
    return number


def entry_of(practice: Practice, language: str) -> Entry:
    if language not in LANGUAGE_CODES:
        raise Http404
    for entry in practice.entries.all():
        if entry.language == language:
            return entry
    raise Http404


def report(request, exc: ValidationError) -> None:
    """A refusal that belongs to no form field, shown at the top of the next page."""
    for message in exc.messages:
        messages.error(request, message)


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Lines of a unified diff with their kind (added, removed, context), for the template."""
    lines = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        kind = {"+": "added", "-": "removed", "@": "hunk"}.get(line[:1], "context")
        lines.append((kind, line))
    return lines

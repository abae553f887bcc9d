"""Checks shared by the services: every failure is a ValidationError keyed by the field that
caused it, in the reader's language, so forms and the API show it where it belongs."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from bridge.accounts.models import Sector
from bridge.knowledge.languages import LANGUAGE_CODES
from bridge.knowledge.markup import MAX_SOURCE
from bridge.knowledge.models import Kind
from bridge.search.thesaurus import current

MAX_KEYWORDS = 12
MAX_CHAPTERS = 60
MAX_CHAPTER_SECONDS = 24 * 3600


class Errors:
    """Collects field errors, then raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(str(message))

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def text(errors: Errors, field: str, value, *, limit: int, required: bool = True) -> str:
    value = " ".join(str(value or "").split()) if field == "title" else str(value or "").strip()
    if "\x00" in value:
        errors.add(field, _("The text contains a character that is not allowed."))
    elif required and not value:
        errors.add(field, _("This field is required."))
    elif len(value) > limit:
        errors.add(
            field,
            _("Keep it to %(limit)s characters (it has %(count)s).")
            % {"limit": limit, "count": len(value)},
        )
    return value


def body(errors: Errors, value) -> str:
    return text(errors, "body", value, limit=MAX_SOURCE, required=False)


def language(errors: Errors, value, field: str = "language") -> str:
    if value not in LANGUAGE_CODES:
        errors.add(field, _("Choose Russian, Uzbek or English."))
    return value


def kind(errors: Errors, value) -> str:
    if value not in Kind.values:
        errors.add("kind", _("Choose what kind of practice this is."))
    return value


def concepts(errors: Errors, values, *, field: str, heritage: bool) -> list[str]:
    thesaurus = current()
    values = list(dict.fromkeys(str(v) for v in values or []))
    allowed = thesaurus.heritage_ids if heritage else thesaurus.ids
    unknown = [v for v in values if v not in allowed]
    if unknown:
        message = (
            _("These are not heritage themes: %(ids)s.")
            if heritage
            else _("These are not keywords of the thesaurus: %(ids)s.")
        )
        errors.add(field, message % {"ids": ", ".join(unknown[:5])[:200]})
    if len(values) > MAX_KEYWORDS:
        errors.add(field, _("Choose at most %(limit)s.") % {"limit": MAX_KEYWORDS})
    return values


def sectors(errors: Errors, codes) -> list[Sector]:
    codes = list(dict.fromkeys(str(c) for c in codes or []))
    found = list(Sector.objects.filter(code__in=codes))
    if len(found) != len(codes):
        errors.add("sectors", _("Choose sectors from the list."))
    return found


def video_url(errors: Errors, value) -> str:
    value = str(value or "").strip()
    if not value:
        return ""
    try:
        URLValidator(schemes=["https", "http"])(value)
    except ValidationError:
        errors.add("video_url", _("Enter the address of the video, starting with https://."))
        return value
    if len(value) > 200 or not urlsplit(value).hostname:
        errors.add("video_url", _("Enter the address of the video, starting with https://."))
    return value


def chapters(errors: Errors, values) -> list[dict]:
    """[{"at": seconds, "title": str}], in order of time, at most MAX_CHAPTERS."""
    cleaned = []
    for item in values or []:
        try:
            at = int(item["at"])
            title = " ".join(str(item["title"]).split())
        except (KeyError, TypeError, ValueError):
            errors.add("chapters", _("Each chapter needs a time and a title."))
            return []
        if not 0 <= at <= MAX_CHAPTER_SECONDS or not title or len(title) > 200:
            errors.add("chapters", _("Each chapter needs a time and a title."))
            return []
        cleaned.append({"at": at, "title": title})
    if len(cleaned) > MAX_CHAPTERS:
        errors.add("chapters", _("At most %(limit)s chapters.") % {"limit": MAX_CHAPTERS})
    return sorted(cleaned, key=lambda chapter: chapter["at"])


def parse_chapters(source: str) -> tuple[list[dict], bool]:
    """Chapters as authors type them, one a line: "12:30 Financing" or "1:02:03 Rights". Returns
    the chapters and whether every non-empty line could be read."""
    found, ok = [], True
    for line in (source or "").splitlines():
        line = line.strip()
        if not line:
            continue
        stamp, _sep, title = line.partition(" ")
        parts = stamp.split(":")
        if not (2 <= len(parts) <= 3 and all(p.isdigit() for p in parts)) or not title.strip():
            ok = False
            continue
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + int(part)
        found.append({"at": seconds, "title": title.strip()})
    return found, ok


def format_chapters(values) -> str:
    lines = []
    for chapter in values or []:
        hours, rest = divmod(int(chapter["at"]), 3600)
        minutes, seconds = divmod(rest, 60)
        stamp = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        lines.append(f"{stamp} {chapter['title']}")
    return "\n".join(lines)

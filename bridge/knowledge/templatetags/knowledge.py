"""Template filters of the knowledge pages."""

from django import template

from bridge.core.uzbek_script import latin_to_cyrillic

register = template.Library()


@register.filter
def cyrillic(text) -> str:
    """Uzbek Latin in Cyrillic (tags, entities and URLs stay as they are)."""
    return latin_to_cyrillic(str(text or ""))


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def clock(seconds) -> str:
    """A chapter's time: 12:30, or 1:02:03 past an hour."""
    try:
        seconds = int(seconds)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

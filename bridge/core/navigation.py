"""The main navigation. A section appears only once it has pages: no placeholders.

Each app registers its own entries from its AppConfig.ready() with `register`, so the ground floor
names no app; `position` orders them (materials 10, programmes 20, partnering 30, knowledge 40,
insights 50, organisations 60, staff tools 90).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


def _everyone(request) -> bool:
    return True


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    url_name: str
    visible: Callable = _everyone
    position: int = 100


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    """Add or replace the entry with the section's key (ready() may run twice in tests)."""
    _SECTIONS[section.key] = section


def registered() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.position, section.key))


def sections(request) -> list[dict]:
    path = request.path
    result = [
        {"key": section.key, "label": section.label, "url": reverse(section.url_name)}
        for section in registered()
        if section.visible(request)
    ]
    # One entry is current: the longest address the path starts with (/organisations/moderation/
    # is Moderation, not Organisations).
    matches = [entry for entry in result if path.startswith(entry["url"])]
    current = max(matches, key=lambda entry: len(entry["url"]), default=None)
    for entry in result:
        entry["active"] = entry is current
    return result

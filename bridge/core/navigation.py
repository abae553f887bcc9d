"""The main navigation. A section appears only once it has pages: no placeholders.

Domain apps add their entry to SECTIONS when they ship (Materials, Programmes, Partnering,
Insights); each entry names its URL and a `visible(request)` predicate.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    url_name: str
    visible: Callable = lambda request: True


def _can_moderate(request) -> bool:
    user = request.user
    return user.is_authenticated and user.has_perm("accounts.verify_organisation")


SECTIONS: list[Section] = [
    Section("materials", _("Materials"), "materials_catalog:catalog"),
    Section("programmes", _("Programmes"), "programs:programme_list"),
    Section("organisations", _("Organisations"), "organisations:directory"),
    Section("moderation", _("Moderation"), "organisations:moderation", _can_moderate),
]


def sections(request) -> list[dict]:
    path = request.path
    result = [
        {"key": section.key, "label": section.label, "url": reverse(section.url_name)}
        for section in SECTIONS
        if section.visible(request)
    ]
    # One entry is current: the longest address the path starts with (/organisations/moderation/
    # is Moderation, not Organisations).
    matches = [entry for entry in result if path.startswith(entry["url"])]
    current = max(matches, key=lambda entry: len(entry["url"]), default=None)
    for entry in result:
        entry["active"] = entry is current
    return result

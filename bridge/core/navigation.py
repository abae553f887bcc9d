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


SECTIONS: list[Section] = [
    Section("organisations", _("Organisations"), "organisations:directory"),
]


def sections(request) -> list[dict]:
    path = request.path
    result = []
    for section in SECTIONS:
        if not section.visible(request):
            continue
        url = reverse(section.url_name)
        result.append(
            {"key": section.key, "label": section.label, "url": url, "active": path.startswith(url)}
        )
    return result

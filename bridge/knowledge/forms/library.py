"""The library's and the calendar's query strings, read leniently: unknown values match nothing
and nothing a reader types can break the page."""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bridge.knowledge.models import EventKind
from bridge.knowledge.selectors.library import FACETS, SORT_CHOICES, LibraryFilters
from bridge.knowledge.times import offset, zone_city

MAX_Q = 200
MAX_VALUES = 20
# The zones people of the platform's countries live in, for visitors without a profile.
ZONES = [
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Vladivostok",
    "Asia/Tashkent",
    "Asia/Samarkand",
    "Asia/Almaty",
    "Asia/Bishkek",
    "Asia/Dushanbe",
    "Asia/Ashgabat",
    "Asia/Baku",
    "Asia/Yerevan",
    "Asia/Tbilisi",
    "Europe/Minsk",
    "Europe/Berlin",
    "Europe/London",
    "UTC",
]


def page_number(value) -> int:
    try:
        return max(1, min(int(str(value)[:6]), 1000))
    except (TypeError, ValueError):
        return 1


def library_filters(query) -> LibraryFilters:
    def values(name: str) -> list[str]:
        return [v.strip()[:80] for v in query.getlist(name) if v.strip()][:MAX_VALUES]

    sort = query.get("sort", "relevance")
    return LibraryFilters(
        q=(query.get("q") or "").strip()[:MAX_Q],
        sort=sort if sort in dict(SORT_CHOICES) else "relevance",
        **{name: values(name) for name in FACETS},
    )


def event_kinds(query) -> list[str]:
    return [kind for kind in query.getlist("kind") if kind in EventKind.values]


class ZoneForm(forms.Form):
    timezone = forms.ChoiceField(label=_("Show times in"), choices=[(z, z) for z in ZONES])

    def __init__(self, *args, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        choices = [(z, f"{zone_city(z)} ({offset(now, z)})") for z in ZONES]
        if current and current not in ZONES:
            choices.insert(0, (current, current))
        self.fields["timezone"].choices = choices
        self.fields["timezone"].initial = current

    def clean_timezone(self):
        value = self.cleaned_data["timezone"]
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise forms.ValidationError(_("Unknown time zone.")) from exc
        return value

"""Names of the codes in the figures, in the reader's language, without reading other apps'
tables: countries from django-countries, categories and sectors from their apps' vocabularies,
seasons from the run's labels."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from bridge.accounts.sectors import sector_label
from bridge.core.uzbek_script import for_reader
from bridge.insights.privacy import OTHER
from bridge.materials.vocabulary import ROOT_CATEGORIES
from bridge.partnering.models.projects import ProjectStatus
from bridge.partnering.vocabulary import ListingType


def _stage_labels() -> dict[str, str]:
    return {
        "requested": _("Requested"),
        "answered": _("Answered"),
        "accepted": _("Accepted"),
        "declined": _("Declined"),
        "shipped": _("Shipped"),
        "received": _("Received"),
        "expired": _("Expired without an answer"),
        "cancelled": _("Cancelled by the requester"),
        "submitted": _("Submitted"),
        "waitlisted": _("Waiting list"),
        "rejected": _("Not selected"),
        "sent": _("Sent"),
        "project": _("Became a joint project"),
        "waiting": _("Waiting for an answer"),
    }


def _other(kind: str) -> str:
    return {
        "country": _("Other countries"),
        "category": _("Other categories"),
        "sector": _("Other sectors"),
        "season": _("Other seasons"),
    }.get(kind, _("Other"))


def in_language(texts: dict, language: str | None = None) -> str:
    """A {ru, uz, en} dict of staff-written text, in the reader's language and script."""
    active = (language or get_language() or "ru").lower()
    code = active[:2]
    for candidate in (code, "ru", "en", "uz"):
        if texts.get(candidate):
            return for_reader(texts[candidate], written_in=candidate, language=active)
    return ""


def label_for(kind: str, code: str, labels: dict) -> str:
    if code == OTHER:
        return _other(kind)
    if kind == "country":
        return str(countries.name(code)) or code
    if kind == "category":
        language = (get_language() or "ru")[:2]
        for root, ru, uz, en in ROOT_CATEGORIES:
            if root == code:
                name = {"ru": ru, "uz": uz, "en": en}.get(language, en)
                return for_reader(name, written_in=language, language=get_language())
        return code
    if kind == "sector":
        return str(sector_label(code))
    if kind == "season":
        call = labels.get("calls", {}).get(code)
        return in_language(call["title"]) if call else code
    if kind == "listing_type":
        return str(dict(ListingType.choices).get(code, code))
    if kind == "project_status":
        return str(dict(ProjectStatus.choices).get(code, code))
    if kind == "stage":
        return _stage_labels().get(code, code)
    return code

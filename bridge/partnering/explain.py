"""A stored match's reasons → sentences in the reader's language ("Shared: Afandi, animated
series; they seek partners in Russia"). Stored as codes, so each reader gets their own words."""

from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from bridge.partnering.vocabulary import OrganisationKind, Sector, Stage
from bridge.search.concepts import concept_label
from bridge.search.thesaurus import current


def explain(reasons: dict, language: str | None = None) -> list[str]:
    language = language or translation.get_language() or "ru"
    with translation.override(language):
        lines = []
        heritage = current().heritage_ids
        ids = sorted(reasons.get("concepts", []), key=lambda c: c not in heritage)  # stable
        shared = [concept_label(c, _reader(language)) for c in ids]
        shared += [
            str(Sector(s).label).lower() for s in reasons.get("sectors", []) if s in Sector.values
        ]
        shared = list(dict.fromkeys(shared))
        if shared:
            lines.append(_("Shared: %(topics)s") % {"topics": ", ".join(shared)})
        if reasons.get("seeks"):
            lines.append(
                _("They seek partners in %(country)s")
                % {"country": countries.name(reasons["seeks"]) or reasons["seeks"]}
            )
        if reasons.get("kind") in OrganisationKind.values:
            lines.append(
                _("The kind of partner you seek: %(kind)s")
                % {"kind": str(OrganisationKind(reasons["kind"]).label).lower()}
            )
        if reasons.get("stage") in Stage.values:
            lines.append(
                _("Same stage: %(stage)s") % {"stage": str(Stage(reasons["stage"]).label).lower()}
            )
        if reasons.get("budget"):
            lines.append(_("Budgets overlap"))
        return lines


def _reader(language: str) -> str:
    """concept_label's language code for a Django language code."""
    return "uz-Cyrl" if language.lower() == "uz-cyrl" else language[:2]

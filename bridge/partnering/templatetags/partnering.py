"""Labels of partnering codes in the reader's language."""

from django import template
from django.utils.translation import get_language

from bridge.partnering.explain import explain as explain_reasons
from bridge.partnering.vocabulary import OrganisationKind, OrganisationSize, Sector, Stage
from bridge.search.concepts import concept_label

register = template.Library()


@register.filter
def sector_label(code: str) -> str:
    return str(dict(Sector.choices).get(code, code))


@register.filter
def stage_label(code: str) -> str:
    return str(dict(Stage.choices).get(code, code))


@register.filter
def org_kind_label(code: str) -> str:
    return str(dict(OrganisationKind.choices).get(code, code))


@register.filter
def org_size_label(code: str) -> str:
    return str(dict(OrganisationSize.choices).get(code, code))


@register.filter
def concept(concept_id: str) -> str:
    language = get_language() or "ru"
    return concept_label(concept_id, "uz-Cyrl" if language.lower() == "uz-cyrl" else language[:2])


@register.filter
def lang_attr(code: str) -> str:
    return {"uz-Cyrl": "uz-Cyrl", "uz": "uz-Latn"}.get(code, code or "")


@register.filter
def explain(reasons: dict) -> list[str]:
    return explain_reasons(reasons or {})


@register.filter
def country(code: str) -> str:
    from django_countries import countries

    return countries.name(code) or code

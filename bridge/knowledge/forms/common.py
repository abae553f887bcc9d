"""What the knowledge forms share: the services' field errors shown at their fields, and the
keyword and theme pickers that speak the reader's language."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bridge.accounts.sectors import SECTORS
from bridge.knowledge.languages import LANGUAGES, reader_language
from bridge.search.concepts import concept_label, concepts_in_text, heritage_themes

_SEPARATORS = re.compile(r"[,;\n]+")


def apply_errors(form: forms.Form, exc: ValidationError, aliases: dict | None = None) -> None:
    """A service's ValidationError onto the form: each message at its field (or an alias of it),
    the rest above the form."""
    aliases = aliases or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        target = aliases.get(name, name)
        form.add_error(target if target in form.fields else None, errors)


def _code(language: str) -> str:
    return "uz-Cyrl" if language == "uz-cyrl" else language


def theme_choices() -> list[tuple[str, str]]:
    themes = heritage_themes(_code(reader_language()))
    return [(theme.id, theme.label[:1].upper() + theme.label[1:]) for theme in themes]


def keyword_text(ids) -> str:
    language = _code(reader_language())
    return ", ".join(concept_label(concept_id, language) for concept_id in ids)


class KeywordsField(forms.CharField):
    """Keywords typed in any language or script, separated by commas: each must name a concept
    of the thesaurus. Cleans to the list of concept ids."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        # Suggestions as one types, in the reader's language (htmx fills the datalist);
        # without JavaScript the typed words are taken as they are.
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "list": "keyword-suggestions",
                    "autocomplete": "off",
                    "hx-get": reverse_lazy("knowledge:keyword_suggestions"),
                    "hx-trigger": "input changed delay:250ms",
                    "hx-target": "#keyword-suggestions",
                    "hx-swap": "innerHTML",
                }
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return keyword_text(value)
        return value

    def clean(self, value):
        text = super().clean(value)
        found, unknown = [], []
        for piece in _SEPARATORS.split(text or ""):
            piece = piece.strip()
            if not piece:
                continue
            concepts = sorted(concepts_in_text(piece))
            if concepts:
                found.extend(concepts)
            else:
                unknown.append(piece)
        if unknown:
            raise ValidationError(
                _("These are not keywords we know: %(words)s. Choose from the suggestions.")
                % {"words": ", ".join(unknown[:5])[:200]},
                code="unknown_keyword",
            )
        return list(dict.fromkeys(found))


class ThemesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _lazy("Heritage themes"))
        super().__init__(choices=theme_choices, **kwargs)


class SectorsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _lazy("Sectors"))
        super().__init__(choices=SECTORS, **kwargs)


def language_field(**kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=_lazy("Language"), choices=LANGUAGES, **kwargs)

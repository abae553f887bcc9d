"""The staff form for a call's eligibility rules (saved through `eligibility_update`, which
versions and logs every change)."""

from django import forms
from django.utils.translation import gettext_lazy as _lazy

from bridge.accounts.legal_forms import LEGAL_FORMS, legal_forms_for
from bridge.programs.models import ProjectStage

MAX_NUMBER = 10_000


def _number(label):
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=MAX_NUMBER)


class EligibilityForm(forms.Form):
    countries = forms.CharField(
        label=_lazy("Countries"),
        required=False,
        max_length=1000,
        help_text=_lazy("ISO codes separated by commas, e.g. RU, UZ, KZ. Empty: any country."),
    )
    verified_required = forms.BooleanField(
        label=_lazy("Only verified organisations"), required=False
    )
    min_age_months = _number(_lazy("Company age at least (months)"))
    max_age_months = _number(_lazy("Company age at most (months)"))
    team_min = _number(_lazy("Team at least (people)"))
    team_max = _number(_lazy("Team at most (people)"))
    project_stages = forms.MultipleChoiceField(
        label=_lazy("Project stages"),
        required=False,
        choices=ProjectStage.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_lazy("None ticked: any stage."),
    )
    note = forms.CharField(
        label=_lazy("Why the change (kept in the log)"), required=False, max_length=2000
    )

    def __init__(self, *args, countries_shown=(), **kwargs):
        super().__init__(*args, **kwargs)
        # A checkbox group of legal forms for every country with a list of its own, and for
        # every country the rules name; none ticked: any form.
        self.form_countries = sorted(set(LEGAL_FORMS) | set(countries_shown))
        for country in self.form_countries:
            self.fields[f"forms_{country}"] = forms.MultipleChoiceField(
                label=country,
                required=False,
                choices=legal_forms_for(country),
                widget=forms.CheckboxSelectMultiple,
            )

    @staticmethod
    def initial_from(rules: dict) -> dict:
        initial = {
            name: rules.get(name)
            for name in (
                "verified_required",
                "min_age_months",
                "max_age_months",
                "team_min",
                "team_max",
                "project_stages",
            )
        }
        initial["countries"] = ", ".join(rules.get("countries") or [])
        for country, codes in (rules.get("legal_forms") or {}).items():
            initial[f"forms_{country}"] = codes
        return initial

    def legal_form_fields(self):
        return [self[f"forms_{country}"] for country in self.form_countries]

    def rules(self) -> dict:
        data = self.cleaned_data
        countries = [
            code.strip().upper()
            for code in data["countries"].replace(";", ",").split(",")
            if code.strip()
        ]
        legal_forms = {
            country: data.get(f"forms_{country}") or []
            for country in self.form_countries
            if data.get(f"forms_{country}")
        }
        return {
            "countries": countries,
            "legal_forms": legal_forms,
            "verified_required": data["verified_required"],
            "min_age_months": data["min_age_months"],
            "max_age_months": data["max_age_months"],
            "team_min": data["team_min"],
            "team_max": data["team_max"],
            "project_stages": data["project_stages"],
        }

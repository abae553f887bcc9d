"""Forms of joint projects. They only shape what people type; the rules are the services'
(bridge.partnering.services.projects), whose errors are put back at the field they name."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation
from bridge.partnering.models.projects import (
    EVIDENCE_MAX,
    MILESTONE_TITLE_MAX,
    PROJECT_DESCRIPTION_MAX,
    PROJECT_TITLE_MAX,
    ProjectStatus,
    Recognition,
)
from bridge.partnering.vocabulary import LANGUAGES, ListingType, Sector
from bridge.search.concepts import heritage_themes

DESCRIPTION_LANGUAGES = (("ru", _("Russian")), ("uz", _("Uzbek")), ("en", _("English")))


class DateInput(forms.DateInput):
    input_type = "date"


def errors_to_form(form: forms.Form, exc: ValidationError) -> None:
    """A service's refusal, at the field it names (else at the top of the form)."""
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            if name == "descriptions":
                name = None
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=PROJECT_TITLE_MAX)
    type = forms.ChoiceField(label=_("Type"), choices=ListingType.choices)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    heritage = forms.MultipleChoiceField(
        label=_("Heritage themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    description_ru = forms.CharField(
        label=_("Description in Russian"),
        max_length=PROJECT_DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    description_uz = forms.CharField(
        label=_("Description in Uzbek"),
        max_length=PROJECT_DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Latin or Cyrillic script."),
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        max_length=PROJECT_DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "ru"
        self.fields["heritage"].choices = [(c.id, c.label) for c in heritage_themes(language)]

    def project_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "type": data["type"],
            "sector": data["sector"],
            "heritage": data.get("heritage") or [],
            "descriptions": {
                code: data.get(f"description_{code}", "") for code, _label in DESCRIPTION_LANGUAGES
            },
        }

    @staticmethod
    def initial_for(project) -> dict:
        return {
            "title": project.title,
            "type": project.type,
            "sector": project.sector,
            "heritage": project.heritage,
            **{
                f"description_{code}": project.descriptions.get(code, "")
                for code, _label in DESCRIPTION_LANGUAGES
            },
        }


class NewProjectForm(ProjectForm):
    organisation = forms.TypedChoiceField(label=_("Your organisation"), coerce=int)
    language = forms.ChoiceField(label=_("Your organisation writes in"), choices=LANGUAGES)
    partners = forms.TypedMultipleChoiceField(
        label=_("Partner organisations"),
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("They are invited, and confirm their part themselves."),
    )
    started_on = forms.DateField(
        label=_("Talks began on"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for today."),
    )
    field_order = ["organisation", "language", "partners", "started_on"]

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        own = {o.pk for o in organisations}
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0].pk
        self.fields["partners"].choices = [
            (pk, f"{name} ({country})")
            for pk, name, country in Organisation.objects.exclude(pk__in=own)
            .order_by("name")
            .values_list("pk", "name", "country")[:2000]
        ]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ProjectStatus.choices)
    recognition = forms.ChoiceField(
        label=_("International recognition"),
        choices=[("", "—"), *Recognition.choices],
        required=False,
        help_text=_("Only for the international level."),
    )
    happened_on = forms.DateField(label=_("Date"), widget=DateInput)
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        max_length=EVIDENCE_MAX,
        required=False,
        assume_scheme="https",
        help_text=_("Required for a release and for the international level."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=MILESTONE_TITLE_MAX)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput)


class InviteForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    language = forms.ChoiceField(
        label=_("It writes in"),
        choices=[("", _("Guess from its country")), *LANGUAGES],
        required=False,
    )

    def __init__(self, *args, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            (pk, f"{name} ({country})")
            for pk, name, country in Organisation.objects.exclude(pk__in=list(exclude))
            .order_by("name")
            .values_list("pk", "name", "country")[:2000]
        ]

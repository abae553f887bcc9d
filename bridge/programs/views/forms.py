"""Forms of the applicant's pages. They only parse input; the services validate and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bridge.programs.models import Engine, Genre, Platform, ProjectStage, QuestionKind
from bridge.programs.models.base import CURRENCIES

BLANK = [("", "—")]


class ApplicationForm(forms.Form):
    """The game: every field optional here, since drafts are saved as one types; what submission
    needs is checked by the service (and listed on the submit page)."""

    title = forms.CharField(label=_("Game title"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Short description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the game is, for whom, and what makes it different."),
    )
    genre = forms.ChoiceField(label=_("Genre"), choices=BLANK + Genre.choices, required=False)
    platforms = forms.MultipleChoiceField(
        label=_("Platforms"),
        choices=Platform.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    engine = forms.ChoiceField(label=_("Engine"), choices=BLANK + Engine.choices, required=False)
    project_stage = forms.ChoiceField(
        label=_("Project stage"), choices=BLANK + ProjectStage.choices, required=False
    )
    budget = forms.DecimalField(
        label=_("Total budget"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    amount_asked = forms.DecimalField(
        label=_("Amount asked"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCIES)
    release_target = forms.DateField(
        label=_("Planned release"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    build_url = forms.URLField(
        label=_("Link to a build"), required=False, assume_scheme="https", max_length=200
    )
    video_url = forms.URLField(
        label=_("Link to a video"), required=False, assume_scheme="https", max_length=200
    )
    company_founded_on = forms.DateField(
        label=_("Studio founded on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    show_on_heritage_pages = forms.BooleanField(
        label=_("Show the game on heritage theme pages"),
        required=False,
        help_text=_(
            "Its title and short description appear on the pages of the heritage themes it names, "
            "such as Afandi or Alpamysh, once the application is submitted. Untick to take it back."
        ),
    )

    FIELDS = (
        "title", "summary", "genre", "platforms", "engine", "project_stage", "budget",
        "amount_asked", "currency", "release_target", "build_url", "video_url",
        "company_founded_on", "show_on_heritage_pages",
    )  # fmt: skip


class TeamMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    role = forms.CharField(label=_("Role"), max_length=100, required=False)


TeamFormSet = forms.formset_factory(TeamMemberForm, extra=2, max_num=100, absolute_max=100)


class PitchDeckForm(forms.Form):
    pitch_deck = forms.FileField(
        label=_("Pitch deck (PDF, up to 20 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


def question_field(question, language: str):
    """A form field for one custom question (names `q-<id>`), optional like every draft field."""
    label = question.label(language)
    help_text = question.help(language)
    choices = [(v, question.choice_label(v, language)) for v in question.choice_values()]
    kind = question.kind
    common = {"label": label, "help_text": help_text, "required": False}
    if kind == QuestionKind.TEXT:
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}), max_length=question.max_length, **common
        )
    if kind == QuestionKind.NUMBER:
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
    if kind == QuestionKind.URL:
        return forms.CharField(widget=forms.URLInput(), **common)
    if kind == QuestionKind.CHOICE:
        return forms.ChoiceField(choices=BLANK + choices, **common)
    if kind == QuestionKind.MULTI_CHOICE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
            widget=forms.RadioSelect,
            **common,
        )
    return forms.FileField(**common)

"""Authors' forms: a new practice, a language version, the shared details, files."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bridge.knowledge.forms.common import KeywordsField, SectorsField, ThemesField, language_field
from bridge.knowledge.markup import MAX_SOURCE
from bridge.knowledge.models import Kind
from bridge.knowledge.validators import format_chapters, parse_chapters

BODY_HELP = _(
    "Markdown: ## a heading, **bold**, *italic*, - a list, [a link](https://…), | tables |. "
    "Scripts, frames and other active content are removed."
)
CHAPTERS_HELP = _("For recordings: one chapter a line, the time first: 12:30 Financing.")


class ChaptersField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Chapters"))
        kwargs.setdefault("help_text", CHAPTERS_HELP)
        kwargs.setdefault("max_length", 10_000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_chapters(value) if isinstance(value, list) else value

    def clean(self, value):
        chapters, ok = parse_chapters(super().clean(value))
        if not ok:
            raise forms.ValidationError(
                _("Write each chapter as a time and a title: 12:30 Financing."), code="chapters"
            )
        return chapters


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences: what a reader will learn."),
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_SOURCE,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=BODY_HELP,
    )
    chapters = ChaptersField()


class DetailsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    sectors = SectorsField()
    themes = ThemesField()
    keywords = KeywordsField(
        label=_("Keywords"),
        help_text=_("In any language, separated by commas: co-production, ikat, licensing."),
    )
    video_url = forms.URLField(
        assume_scheme="https",
        label=_("Video address"),
        required=False,
        max_length=200,
        help_text=_("For recordings: where the video is watched."),
    )


class PracticeForm(DetailsForm, VersionForm):
    organisation = forms.ModelChoiceField(label=_("Written in the name of"), queryset=None)
    language = language_field()
    field_order = [
        "organisation",
        "kind",
        "language",
        "title",
        "summary",
        "body",
        "sectors",
        "themes",
        "keywords",
        "video_url",
        "chapters",
    ]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class TranslationForm(VersionForm):
    language = language_field()
    field_order = ["language", "title", "summary", "body", "chapters"]

    def __init__(self, *args, missing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, label) for code, label in self.fields["language"].choices if code in missing
        ]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, WebP, CSV or text; up to 10 MB."
        ),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the authors change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question to the authors"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A moderator reads it first; the authors get it by e-mail and answer here."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

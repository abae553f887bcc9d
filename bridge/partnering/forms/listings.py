"""The listing form: what the owner types, checked by the same rules as the API and the import
(bridge.partnering.cleaning), so the three cannot disagree."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from bridge.partnering.cleaning import listing_fields_clean
from bridge.partnering.vocabulary import (
    CURRENCIES,
    DESCRIPTION_MAX,
    LANGUAGES,
    MAX_KEYWORDS,
    SUMMARY_MAX,
    TITLE_MAX,
    Kind,
    ListingType,
    OrganisationKind,
    OrganisationSize,
    Sector,
    Stage,
)
from bridge.search.concepts import concept_suggest, concepts, heritage_themes


class ListingForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    kind = forms.ChoiceField(
        label=_("Offer or request"), choices=Kind.choices, widget=forms.RadioSelect
    )
    type = forms.ChoiceField(label=_("Type"), choices=ListingType.choices)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), choices=Sector.choices, widget=forms.CheckboxSelectMultiple
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you offer or seek, in a few sentences. Any language."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        choices=[("", _("Detect from the text")), *LANGUAGES],
        required=False,
    )
    keywords = forms.MultipleChoiceField(
        label=_("Keywords"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to %(count)d, from the thesaurus: start typing in any language.")
        % {"count": MAX_KEYWORDS},
    )
    keyword_words = forms.CharField(
        label=_("Add keywords"),
        required=False,
        max_length=300,
        help_text=_("Words separated by commas; each becomes the closest thesaurus keyword."),
    )
    heritage = forms.MultipleChoiceField(
        label=_("Heritage themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    countries_sought = forms.MultipleChoiceField(
        label=_("Countries sought"),
        required=False,
        help_text=_("Leave empty to welcome partners from any country."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    partner_kinds = forms.MultipleChoiceField(
        label=_("Kind of partner sought"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_sizes = forms.MultipleChoiceField(
        label=_("Size of partner sought"),
        choices=OrganisationSize.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", "—"), *Stage.choices], required=False)
    budget_min = forms.DecimalField(
        label=_("Budget from"), required=False, min_value=0, decimal_places=0, max_digits=14
    )
    budget_max = forms.DecimalField(
        label=_("Budget up to"), required=False, min_value=0, decimal_places=0, max_digits=14
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[("", "—"), *((c, c) for c in CURRENCIES)], required=False
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous listing"),
        required=False,
        help_text=_(
            "Others see only your country, kind and size until you accept their interest. "
            "The text may then not contain web addresses, e-mails or phone numbers."
        ),
    )
    open_for_interest = forms.BooleanField(
        label=_("Open for expressions of interest"), required=False, initial=True
    )
    org_kind = forms.ChoiceField(
        label=_("Your organisation is a"), choices=OrganisationKind.choices
    )
    org_size = forms.ChoiceField(label=_("Its size"), choices=OrganisationSize.choices)
    attachment = forms.FileField(
        label=_("Attach a PDF or an image"),
        required=False,
        help_text=_("PDF, PNG or JPEG, up to 10 MB: a presentation, a pitch deck, artwork."),
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "ru"
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
        chosen = (
            self.data.getlist("keywords") if self.is_bound else self.initial.get("keywords", [])
        )
        self.fields["keywords"].choices = [(c.id, c.label) for c in concepts(chosen, language)]
        self.fields["heritage"].choices = [(c.id, c.label) for c in heritage_themes(language)]
        self.fields["countries_sought"].choices = list(countries)

    def clean_keyword_words(self):
        words = [w.strip() for w in (self.cleaned_data.get("keyword_words") or "").split(",")]
        found = []
        for word in filter(None, words):
            hits = concept_suggest(word, language=get_language() or "ru", limit=1)
            if not hits:
                raise ValidationError(
                    _("“%(word)s” is not in the thesaurus; try another word."),
                    params={"word": word},
                )
            found.append(hits[0].id)
        return found

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        fields = dict(data)
        fields["keywords"] = list(
            dict.fromkeys([*data.get("keywords", []), *data.get("keyword_words", [])])
        )
        try:
            self.listing_fields = listing_fields_clean(fields)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return data


class InterestForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("On behalf of"), coerce=int)
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write in any language; the owner sees it as you wrote it."),
    )
    brings = forms.CharField(
        label=_("What we bring"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    expects = forms.CharField(
        label=_("What we expect"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    timing = forms.CharField(
        label=_("When"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("When you could start, and for how long."),
    )
    anonymous = forms.BooleanField(
        label=_("Hide our name until they accept"),
        required=False,
        help_text=_("They see only your country, kind and size."),
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0].pk


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why not?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ValidationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("publish", _("Publish")),
            ("return", _("Return for changes")),
            ("reject", _("Reject")),
        ],
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return or reject: the organisation reads them."),
    )

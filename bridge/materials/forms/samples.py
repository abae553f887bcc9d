"""Forms of the sample-request and collection pages. They only parse; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bridge.materials.models.samples import MAX_QUANTITY


class SampleRequestForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("For the organisation"), coerce=int)
    purpose = forms.CharField(
        label=_("What are the samples for?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A line about the project helps the supplier choose the right samples."),
    )
    delivery_address = forms.CharField(
        label=_("Delivery address"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisations, materials, selected=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = list(materials)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        for material in self.materials:
            self.fields[f"qty_{material.pk}"] = forms.IntegerField(
                label=material.display_name(),
                min_value=0,
                max_value=MAX_QUANTITY,
                initial=1 if material.pk == selected else 0,
                required=False,
            )

    def material_fields(self):
        return [(m, self[f"qty_{m.pk}"]) for m in self.materials]

    def lines(self):
        return [
            (m, self.cleaned_data.get(f"qty_{m.pk}"))
            for m in self.materials
            if self.cleaned_data.get(f"qty_{m.pk}")
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.lines():
            raise forms.ValidationError(_("Ask for at least one sample."))
        return cleaned


class AcceptForm(forms.Form):
    shipping_estimate = forms.DateField(
        label=_("Expected shipping date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ShipForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=80)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


ACTION_FORMS = {"accept": AcceptForm, "decline": DeclineForm, "ship": ShipForm}


class CollectionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

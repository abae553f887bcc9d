"""Forms of the meeting-day pages; the services do the checking that needs the database."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bridge.partnering.models.events import MESSAGE_MAX


class RegisterForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


class RequestForm(forms.Form):
    recipient = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AcceptForm(forms.Form):
    slot = forms.IntegerField(label=_("Time"), required=False)

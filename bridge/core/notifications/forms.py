from django import forms

from bridge.core.models import Delivery
from bridge.core.notifications.kinds import KINDS


class PreferencesForm(forms.Form):
    """One choice per kind; essential kinds are shown locked (disabled fields are never taken
    from the POST, so a forged value changes nothing)."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key, kind in KINDS.items():
            self.fields[key] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current.get(key, Delivery.INSTANT),
                disabled=kind.essential,
                # A choice left out of the POST keeps what the person had.
                required=False,
            )

    def rows(self):
        return [(self[key], KINDS[key]) for key in KINDS]

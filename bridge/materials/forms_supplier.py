"""Forms of the supplier's dashboard (a listing and its composition), the import upload and
the moderators' bulk decisions. They only check input; the services do the writing."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from bridge.materials.models import Material
from bridge.materials.models.materials import MAX_IMAGES
from bridge.materials.services import composition_errors
from bridge.materials.vocabulary import FIBRES

MATERIAL_FIELDS = [
    "sku", "name", "description", "language", "name_ru", "name_uz", "name_en",
    "description_ru", "description_uz", "description_en", "category", "width_cm", "weight_gsm",
    "thickness_mm", "origin_country", "origin_region", "sustainability_notes", "price",
    "currency", "unit", "moq", "lead_time_days", "sample_available", "sample_price",
]  # fmt: skip
MAX_UPLOAD_IMAGES = MAX_IMAGES


def _split(text: str) -> list[str]:
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    return list(dict.fromkeys(p for p in parts if p))[:30]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class MaterialForm(forms.ModelForm):
    techniques = forms.CharField(
        label=_("Techniques"), required=False, max_length=500,
        help_text=_("Separated by commas, e.g. ikat, hand-woven."),
    )  # fmt: skip
    colours = forms.CharField(
        label=_("Colours"), required=False, max_length=500,
        help_text=_("Separated by commas."),
    )  # fmt: skip
    images = MultipleImageField(
        label=_("Add images"), required=False,
        help_text=_("JPEG, PNG or WebP; at most %(count)d images per material.")
        % {"count": MAX_UPLOAD_IMAGES},
    )  # fmt: skip

    class Meta:
        model = Material
        fields = MATERIAL_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_ru": forms.Textarea(attrs={"rows": 3}),
            "description_uz": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "sustainability_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["techniques"] = ", ".join(self.instance.techniques)
            self.initial["colours"] = ", ".join(self.instance.colours)
        self.fields["images"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"

    def clean_techniques(self) -> list[str]:
        return _split(self.cleaned_data.get("techniques") or "")

    def clean_colours(self) -> list[str]:
        return _split(self.cleaned_data.get("colours") or "")

    def validate_unique(self):
        """The service checks the SKU per supplier (the supplier is not a field here)."""

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in MATERIAL_FIELDS if name in data}
        fields["techniques"] = data.get("techniques", [])
        fields["colours"] = data.get("colours", [])
        return fields


class FibreForm(forms.Form):
    fibre = forms.ChoiceField(
        label=_("Fibre"), choices=[("", "—"), *FIBRES.items()], required=False
    )
    percent = forms.DecimalField(
        label=_("Percent"), required=False, min_value=Decimal("0.01"), max_value=100,
        max_digits=5, decimal_places=2,
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("fibre") and data.get("percent") is None:
            self.add_error("percent", _("Give the share of this fibre."))
        if data.get("percent") is not None and not data.get("fibre"):
            self.add_error("fibre", _("Choose the fibre."))
        return data


class BaseCompositionFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        rows = self.rows()
        for message in composition_errors(rows):
            raise forms.ValidationError(message)

    def rows(self) -> list[tuple[str, Decimal]]:
        return [
            (form.cleaned_data["fibre"], form.cleaned_data["percent"])
            for form in self.forms
            if form.cleaned_data.get("fibre") and not form.cleaned_data.get("DELETE")
        ]


CompositionFormSet = forms.formset_factory(
    FibreForm, formset=BaseCompositionFormSet, extra=2, max_num=12, can_delete=True
)


class ImportForm(forms.Form):
    SEVERAL = "*"

    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("UTF-8 or Windows-1251 CSV, or an Excel workbook; at most 50 MB."),
    )
    supplier = forms.ChoiceField(label=_("Supplier"))
    publish = forms.BooleanField(label=_("Publish directly, skipping moderation"), required=False)

    def __init__(self, *args, suppliers, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(s.slug, s.name) for s in suppliers]
        if staff:
            choices.insert(0, (self.SEVERAL, _("Several suppliers (from the “supplier” column)")))
        else:
            del self.fields["publish"]
        self.fields["supplier"].choices = choices
        self.fields["file"].widget.attrs["accept"] = (
            ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )


class IdListField(forms.Field):
    """Checked boxes named "ids": a list of whole numbers (anything else is ignored)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"required": _("Choose at least one material.")}

    def to_python(self, value) -> list[int]:
        ids = []
        for item in value or []:
            try:
                ids.append(int(str(item)[:12]))
            except ValueError:
                continue
        return list(dict.fromkeys(ids))[:1000]


class BulkForm(forms.Form):
    ids = IdListField()

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"] = forms.ChoiceField(choices=actions)


class ModerationForm(BulkForm):
    reason = forms.CharField(label=_("Reason for rejection"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the materials are rejected."))
        return data

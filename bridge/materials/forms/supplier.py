"""Forms of the supplier's dashboard (a listing and its composition), the import upload and
the moderators' bulk decisions. They only check input; the services do the writing."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from bridge.core.money import format_number
from bridge.materials.models import Certification, Material, PropertyUnit
from bridge.materials.models.materials import MAX_IMAGES
from bridge.materials.services.materials import EDITABLE_FIELDS, composition_errors
from bridge.materials.services.properties import property_value_error
from bridge.materials.terms import Term, term

# The fields the services let a supplier edit; techniques and colours are declared below, as text.
MATERIAL_FIELDS = [name for name in EDITABLE_FIELDS if name not in ("techniques", "colours")]
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


# The <datalist> of the fibres the thesaurus knows, which the fibre fields suggest from.
FIBRE_LIST = "fibre-names"


class FibreForm(forms.Form):
    """A fibre in any language or script («ipak», «шёлк», «silk»); one the thesaurus does not
    know is kept as written."""

    fibre = forms.CharField(
        label=_("Fibre"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"list": FIBRE_LIST, "autocomplete": "off"}),
    )
    percent = forms.DecimalField(
        label=_("Percent"), required=False, min_value=Decimal("0.01"), max_value=100,
        max_digits=5, decimal_places=2,
    )  # fmt: skip

    def clean_fibre(self) -> Term | None:
        written = self.cleaned_data.get("fibre", "").strip()
        return term(written, "fibre") if written else None

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

    def rows(self) -> list[tuple[Term, Decimal]]:
        return [
            (form.cleaned_data["fibre"], form.cleaned_data["percent"])
            for form in self.forms
            if form.cleaned_data.get("fibre") and not form.cleaned_data.get("DELETE")
        ]


CompositionFormSet = forms.formset_factory(
    FibreForm, formset=BaseCompositionFormSet, extra=2, max_num=12, can_delete=True
)


PROPERTY_PREFIX = "prop_"


class PropertiesForm(forms.Form):
    """One optional number per definition of the category's template (selectors_properties)."""

    def __init__(self, *args, definitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions = {d.code: d for d in definitions}
        for definition in definitions:
            places = definition.decimal_places
            step = "1" if places == 0 else f"{Decimal(1).scaleb(-places):f}"
            attrs = {"step": step}
            if definition.min_value is not None:
                attrs["min"] = f"{definition.min_value.normalize():f}"
            if definition.max_value is not None:
                attrs["max"] = f"{definition.max_value.normalize():f}"
            self.fields[PROPERTY_PREFIX + definition.code] = forms.DecimalField(
                label=_property_label(definition),
                required=False,
                max_digits=14,
                decimal_places=places,
                help_text=_bounds_text(definition),
                widget=forms.NumberInput(attrs=attrs),
            )
            # Stored with four decimals; shown with the definition's own ("1000", not "1000.0000").
            stored = self.initial.get(PROPERTY_PREFIX + definition.code)
            if isinstance(stored, Decimal):
                self.initial[PROPERTY_PREFIX + definition.code] = stored.quantize(
                    Decimal(1).scaleb(-places)
                )

    def clean(self):
        data = super().clean()
        for code, definition in self.definitions.items():
            name = PROPERTY_PREFIX + code
            value = data.get(name)
            if value is not None:
                message = property_value_error(definition, value)
                if message:
                    self.add_error(name, message)
        return data

    def values(self) -> dict[str, Decimal | None]:
        return {code: self.cleaned_data.get(PROPERTY_PREFIX + code) for code in self.definitions}


def _property_label(definition) -> str:
    if definition.unit == PropertyUnit.NONE:
        return definition.label()
    return _("%(property)s, %(unit)s") % {
        "property": definition.label(),
        "unit": definition.get_unit_display(),
    }


def _bounds_text(definition) -> str:
    low, high = definition.min_value, definition.max_value
    shown = {
        "low": "" if low is None else format_number(low.normalize()),
        "high": "" if high is None else format_number(high.normalize()),
    }
    if low is not None and high is not None:
        return _("From %(low)s to %(high)s.") % shown
    if low is not None:
        return _("At least %(low)s.") % shown
    if high is not None:
        return _("At most %(high)s.") % shown
    return ""


class CertificateForm(forms.Form):
    certification = forms.ModelChoiceField(
        label=_("Certification"),
        queryset=Certification.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label="—",
    )
    number = forms.CharField(label=_("Certificate number"), max_length=80, required=False)
    expires_on = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if self.cleaned_data.get("DELETE"):
            return data
        certification = data.get("certification")
        if not certification and (data.get("number") or data.get("expires_on")):
            self.add_error("certification", _("Choose the certification."))
        expires_on = data.get("expires_on")
        if certification and expires_on and expires_on < timezone.localdate():
            self.add_error(
                "expires_on",
                _("This certificate expired on %(date)s; renew it or remove the row.")
                % {"date": date_format(expires_on, "DATE_FORMAT")},
            )
        return data


class BaseCertificateFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            certification = form.cleaned_data.get("certification")
            if not certification or form.cleaned_data.get("DELETE"):
                continue
            if certification.pk in seen:
                raise forms.ValidationError(
                    _("%(certification)s is listed twice; keep one row for it.")
                    % {"certification": certification.name}
                )
            seen.add(certification.pk)

    def rows(self) -> list[tuple[str, str, object]]:
        """(certification code, number, expiry) as services.material_update takes them."""
        return [
            (
                form.cleaned_data["certification"].code,
                form.cleaned_data.get("number") or "",
                form.cleaned_data.get("expires_on"),
            )
            for form in self.forms
            if form.cleaned_data.get("certification") and not form.cleaned_data.get("DELETE")
        ]


CertificateFormSet = forms.formset_factory(
    CertificateForm, formset=BaseCertificateFormSet, extra=1, max_num=20, can_delete=True
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

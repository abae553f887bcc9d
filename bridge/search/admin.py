from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bridge.core.audited_admin import AuditedModelAdmin
from bridge.search.analysis.thesaurus import LABEL_LANGUAGES
from bridge.search.models import Concept
from bridge.search.thesaurus import thesaurus_invalidate


class LabelsField(forms.CharField):
    """A list of labels edited as one label per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        lines = (line.strip() for line in (value or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))


class ConceptForm(forms.ModelForm):
    ru = LabelsField(label=_("Russian labels"), required=False, help_text=_("One per line."))
    uz = LabelsField(label=_("Uzbek labels"), required=False, help_text=_("One per line."))
    en = LabelsField(label=_("English labels"), required=False, help_text=_("One per line."))

    class Meta:
        model = Concept
        fields = ["id", "kind", "broader", *LABEL_LANGUAGES]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(language) for language in LABEL_LANGUAGES):
            raise forms.ValidationError(_("Give the concept at least one label."))
        return cleaned


@admin.register(Concept)
class ConceptAdmin(AuditedModelAdmin):
    form = ConceptForm
    list_display = ["id", "kind", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["id", "ru", "uz", "en"]
    filter_horizontal = ["broader"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        thesaurus_invalidate()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        thesaurus_invalidate()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        thesaurus_invalidate()

"""Django admin for the Materials Center's staff work.

Moderation (publish, reject, archive) goes through the services, so it is checked, audited and
reflected in the search index exactly as from the pages and the API.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bridge.core.audited_admin import AuditedModelAdmin, each_through_service
from bridge.materials.models import (
    Category,
    Certification,
    ExchangeRate,
    Material,
    MaterialCertification,
    MaterialFibre,
    MaterialImage,
    MaterialImport,
    PropertyDefinition,
    RateSource,
)
from bridge.materials.rules import materials as rules
from bridge.materials.services import materials as services
from bridge.materials.services import rates as rate_services
from bridge.search.services import search_index_update


@admin.register(Category)
class CategoryAdmin(AuditedModelAdmin):
    list_display = ["code", "name_ru", "name_uz", "name_en", "parent", "position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name_ru", "name_uz", "name_en"]
    list_select_related = ["parent"]
    ordering = ["parent__code", "position", "code"]

    def get_readonly_fields(self, request, obj=None):
        # The top-level codes are the import contract: their codes cannot change.
        if obj is not None and obj.parent_id is None:
            return ["code", "parent"]
        return []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.parent_id is None:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Certification)
class CertificationAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "issuer", "website"]
    search_fields = ["code", "name", "issuer"]


class ExchangeRateForm(forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "date", "rate_to_usd"]

    def clean(self):
        cleaned = super().clean()
        if "currency" in cleaned and "rate_to_usd" in cleaned:
            errors = rate_services.rate_errors(
                currency=cleaned["currency"], rate_to_usd=cleaned["rate_to_usd"]
            )
            for name, message in errors.items():
                self.add_error(name, message)
        return cleaned


@admin.register(ExchangeRate)
class ExchangeRateAdmin(AuditedModelAdmin):
    """Every day's rate of every source, for explaining a price; staff add a rate by hand
    through the service (used before the banks' rates of its day, and audited). The banks'
    rows are their record and stay as fetched."""

    form = ExchangeRateForm
    list_display = ["date", "currency", "rate_to_usd", "source", "recorded_at"]
    list_filter = ["source", "currency"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.source != RateSource.STAFF:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = rate_services.exchange_rate_set(
            actor=request.user,
            currency=form.cleaned_data["currency"],
            day=form.cleaned_data["date"],
            rate_to_usd=form.cleaned_data["rate_to_usd"],
        )
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        """Nothing is related; the service saved the rate already."""


@admin.register(PropertyDefinition)
class PropertyDefinitionAdmin(AuditedModelAdmin):
    """The per-category property templates: a definition on a category applies to its
    subcategories as well."""

    list_display = ["code", "label_ru", "label_uz", "label_en", "unit", "min_value", "max_value",
                    "position"]  # fmt: skip
    list_filter = ["unit", ("categories", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "label_ru", "label_uz", "label_en"]
    filter_horizontal = ["categories"]
    fields = ["code", "label_ru", "label_uz", "label_en", "categories", "unit", "min_value",
              "max_value", "decimal_places", "position"]  # fmt: skip


class FibreFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        fibres = [
            (form.cleaned_data["fibre"], form.cleaned_data["percent"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        errors = services.composition_errors(fibres)
        if errors:
            raise ValidationError(errors)


class FibreInline(admin.TabularInline):
    model = MaterialFibre
    formset = FibreFormSet
    extra = 0
    fields = ["fibre", "percent", "position"]


class CertificateInline(admin.TabularInline):
    model = MaterialCertification
    extra = 0
    fields = ["certification", "number", "expires_on"]


class ImageInline(admin.TabularInline):
    model = MaterialImage
    extra = 0
    fields = ["image", "alt", "position"]
    readonly_fields = ["image"]

    # Photos are added through the service, which checks and re-encodes them.
    def has_add_permission(self, request, obj=None):
        return False


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The supplier sees it next to the listing."),
    )


@admin.register(Material)
class MaterialAdmin(AuditedModelAdmin):
    list_display = [
        "name",
        "sku",
        "supplier",
        "category",
        "price",
        "currency",
        "unit",
        "status",
        "updated_at",
    ]
    list_filter = ["status", "category", "currency", "language", "sample_available"]
    search_fields = ["name", "name_ru", "name_uz", "name_en", "sku", "supplier__name"]
    list_select_related = ["supplier", "category"]
    raw_id_fields = ["supplier"]
    readonly_fields = ["status", "rejection_reason", "published_at", "created_at", "updated_at"]
    inlines = [FibreInline, CertificateInline, ImageInline]
    actions = ["publish_selected", "reject_selected", "archive_selected"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["supplier", "sku", "category", "language", "name", "description"]}),
        (
            _("Translations"),
            {
                "classes": ["collapse"],
                "fields": [
                    "name_ru",
                    "name_uz",
                    "name_en",
                    "description_ru",
                    "description_uz",
                    "description_en",
                ],
            },
        ),
        (
            _("Properties"),
            {
                "fields": [
                    "techniques",
                    "colours",
                    "width_cm",
                    "weight_gsm",
                    "thickness_mm",
                    "origin_country",
                    "origin_region",
                    "sustainability_notes",
                ]
            },
        ),
        (
            _("Terms"),
            {
                "fields": [
                    "price",
                    "currency",
                    "unit",
                    "moq",
                    "lead_time_days",
                    "sample_available",
                    "sample_price",
                ]
            },
        ),
        (
            _("Moderation"),
            {"fields": ["status", "rejection_reason", "published_at", "created_at", "updated_at"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # A listing stays with its supplier (the services do not move it).
        if obj is not None:
            return [*self.readonly_fields, "supplier"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        """Through the same services as the supplier's pages: checked, audited and indexed."""
        if not change:
            fields = {
                n: form.cleaned_data[n] for n in services.EDITABLE_FIELDS if n in form.cleaned_data
            }
            saved = services.material_create(
                actor=request.user, supplier=form.cleaned_data["supplier"], **fields
            )
        else:
            changed = {
                n: form.cleaned_data[n] for n in form.changed_data if n in services.EDITABLE_FIELDS
            }
            saved = services.material_update(
                actor=request.user,
                material=Material.objects.select_related("supplier").get(pk=obj.pk),
                **changed,
            )
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The composition and certificates came through the inlines: the entry follows them.
        search_index_update(key=services.INDEX_KEY, objects=[form.instance])

    def has_moderate_permission(self, request):
        return rules.can_moderate_materials(request.user)

    def _each(self, request, queryset, action, done_message, **kwargs) -> None:
        count = each_through_service(
            self,
            request,
            queryset.select_related("supplier"),
            lambda material: action(actor=request.user, material=material, **kwargs),
        )
        if count:
            self.message_user(request, done_message(count), messages.SUCCESS)

    @admin.action(description=_("Publish the selected materials"), permissions=["moderate"])
    def publish_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            services.material_publish,
            lambda n: ngettext("%(count)d material published.", "%(count)d materials published.", n)
            % {"count": n},
        )

    @admin.action(description=_("Archive the selected materials"), permissions=["moderate"])
    def archive_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            services.material_archive,
            lambda n: ngettext("%(count)d material archived.", "%(count)d materials archived.", n)
            % {"count": n},
        )

    @admin.action(description=_("Reject the selected materials"), permissions=["moderate"])
    def reject_selected(self, request, queryset):
        """Asks for the reason on an intermediate page, then rejects each one with it."""
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._each(
                request,
                queryset,
                services.material_reject,
                lambda n: ngettext(
                    "%(count)d material rejected.", "%(count)d materials rejected.", n
                )
                % {"count": n},
                reason=form.cleaned_data["reason"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject materials"),
            "opts": self.model._meta,
            "form": form,
            "materials": queryset.select_related("supplier"),
            "action": "reject_selected",
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/materials/material/reject.html", context)


@admin.register(MaterialImport)
class MaterialImportAdmin(AuditedModelAdmin):
    list_display = [
        "created_at",
        "filename",
        "supplier",
        "created_by",
        "outcome",
        "rows",
        "created",
        "updated",
    ]
    list_filter = ["outcome", "dry_run", "publish"]
    list_select_related = ["supplier", "created_by"]
    search_fields = ["filename", "supplier__name", "created_by__email"]
    readonly_fields = [f.name for f in MaterialImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

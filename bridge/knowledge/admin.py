"""Django admin for the knowledge app. Events are created and changed here by staff, through the
same services as everywhere (capacity moves the waitlist, the search entry follows); the library
is read here and worked on through its pages, where the workflow and its audit live."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bridge.core.audited_admin import AuditedModelAdmin
from bridge.knowledge.attachments import attachment_clean
from bridge.knowledge.models import (
    Entry,
    Event,
    EventMaterial,
    EventStatus,
    Practice,
    Question,
    Registration,
    Revision,
    ThemeImage,
    ThemePage,
)
from bridge.knowledge.services import events as event_services
from bridge.knowledge.services.events import EVENT_FIELDS


class EventMaterialForm(forms.ModelForm):
    """Slides and handouts are checked by content like any attachment."""

    class Meta:
        model = EventMaterial
        fields = ("file",)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if "file" in self.changed_data:
            checked = attachment_clean(upload)
            self.instance.name, self.instance.kind = checked.name, checked.kind
            self.instance.size = checked.size
            return checked.content
        return upload


class EventMaterialInline(admin.TabularInline):
    model = EventMaterial
    form = EventMaterialForm
    extra = 0
    fields = ("file", "name", "kind", "size")
    readonly_fields = ("name", "kind", "size")


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("user", "status", "created_at", "promoted_at", "cancelled_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(AuditedModelAdmin):
    list_display = ("slug", "kind", "title_ru", "starts_at", "timezone", "capacity", "status")
    list_filter = ("kind", "status", "online", "language")
    search_fields = ("slug", "title_ru", "title_uz", "title_en")
    readonly_fields = ("slug", "practice", "created_by", "created_at", "updated_at")
    autocomplete_fields = ("organisation",)
    inlines = [EventMaterialInline, RegistrationInline]
    actions = ["publish", "cancel"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name] for name in EVENT_FIELDS if name in form.cleaned_data
        }
        sectors = form.cleaned_data.get("sectors")
        status = form.cleaned_data.get("status", obj.status)
        saved = event_services.event_save(
            actor=request.user, event=obj if change else None, sectors=sectors, **fields
        )
        if status == EventStatus.PUBLISHED and saved.status == EventStatus.DRAFT:
            event_services.event_publish(actor=request.user, event=saved)
        elif status == EventStatus.CANCELLED and saved.status != EventStatus.CANCELLED:
            event_services.event_cancel(actor=request.user, event=saved)
        obj.pk, obj.slug = saved.pk, saved.slug
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # Sectors were set by the service; the inlines are saved as usual.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description=_("Publish the chosen events"))
    def publish(self, request, queryset):
        for event in queryset.filter(status=EventStatus.DRAFT):
            try:
                event_services.event_publish(actor=request.user, event=event)
            except ValidationError as exc:
                self.message_user(request, f"{event}: {' '.join(exc.messages)}", messages.ERROR)

    @admin.action(description=_("Cancel the chosen events (registrants are told)"))
    def cancel(self, request, queryset):
        for event in queryset.exclude(status=EventStatus.CANCELLED):
            event_services.event_cancel(actor=request.user, event=event)


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    fields = ("language", "title", "status", "revision", "published_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Practice)
class PracticeAdmin(AuditedModelAdmin):
    list_display = (
        "slug",
        "kind",
        "organisation",
        "original_language",
        "useful_count",
        "first_published_at",
    )
    list_filter = ("kind", "original_language")
    search_fields = ("slug", "entries__title")
    readonly_fields = ("slug", "useful_count", "first_published_at", "created_by", "created_at")
    list_select_related = ("organisation",)
    inlines = [EntryInline]

    def has_add_permission(self, request):
        return False


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    fields = ("number", "title", "note", "author", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Entry)
class EntryAdmin(AuditedModelAdmin):
    list_display = ("title", "language", "practice", "status", "changed_after_review", "updated_at")
    list_filter = ("status", "language", "changed_after_review")
    search_fields = ("title", "practice__slug")
    readonly_fields = [field.name for field in Entry._meta.fields]
    inlines = [RevisionInline]

    def has_add_permission(self, request):
        return False


@admin.register(Question)
class QuestionAdmin(AuditedModelAdmin):
    list_display = ("practice", "asked_by", "status", "created_at", "answered_at")
    list_filter = ("status",)
    readonly_fields = [field.name for field in Question._meta.fields]

    def has_add_permission(self, request):
        return False


class ThemeImageInline(admin.TabularInline):
    model = ThemeImage
    extra = 0
    fields = ("image", "caption_ru", "caption_uz", "caption_en", "credit", "position")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ThemePage)
class ThemePageAdmin(AuditedModelAdmin):
    """Read here; staff edit the pages on the site (images are checked and re-encoded there)."""

    list_display = ("concept_id", "updated_at", "updated_by")
    readonly_fields = [field.name for field in ThemePage._meta.fields]
    inlines = [ThemeImageInline]

    def has_add_permission(self, request):
        return False

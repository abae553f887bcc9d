"""Django admin for partnering: a read-mostly fallback for staff. Validation happens in the
queue (partnering:queue) through the services; here the admin actions call the same services,
so every decision is audited and indexed the same way."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from bridge.core.audited_admin import AuditedModelAdmin
from bridge.partnering.models import (
    Attachment,
    Dismissal,
    Interest,
    InterestMessage,
    Listing,
    ListingImport,
    Match,
    PartnerProfile,
    SavedSearch,
)
from bridge.partnering.services.listings import listing_archive, listing_validate

READ_ONLY = ("created_at", "updated_at", "published_at", "first_published_at", "submitted_at")


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("name", "kind", "size", "created_at")
    readonly_fields = fields
    can_delete = False


@admin.register(Listing)
class ListingAdmin(AuditedModelAdmin):
    list_display = ("title", "organisation", "kind", "type", "language", "status", "expires_at")
    list_filter = ("status", "kind", "type", "language", "anonymous", "open_for_interest")
    search_fields = ("title", "summary", "ref", "organisation__name")
    raw_id_fields = ("organisation", "author")
    readonly_fields = (*READ_ONLY, "status", "status_reason", "renewed_at", "expiry_reminded_at")
    inlines = [AttachmentInline]
    actions = ["publish", "archive"]

    @admin.action(description=_("Publish the listings waiting for validation"))
    def publish(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda x: listing_validate(actor=request.user, listing=x, decision="publish"),
        )

    @admin.action(description=_("Archive"))
    def archive(self, request, queryset):
        self._each(request, queryset, lambda x: listing_archive(actor=request.user, listing=x))

    def _each(self, request, queryset, action) -> None:
        for listing in queryset:
            try:
                action(listing)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(
                    request, f"{listing}: {' '.join(getattr(exc, 'messages', [str(exc)]))}"
                )


@admin.register(Interest)
class InterestAdmin(AuditedModelAdmin):
    list_display = ("listing", "organisation", "status", "created_at", "answered_at")
    list_filter = ("status",)
    search_fields = ("listing__title", "organisation__name")
    raw_id_fields = ("listing", "organisation", "sender", "answered_by")
    readonly_fields = ("status", "created_at", "answered_at", "reminded_at")


@admin.register(InterestMessage)
class InterestMessageAdmin(AuditedModelAdmin):
    list_display = ("interest", "organisation", "author", "created_at")
    raw_id_fields = ("interest", "organisation", "author")


@admin.register(PartnerProfile)
class PartnerProfileAdmin(AuditedModelAdmin):
    list_display = ("organisation", "kind", "size")
    list_filter = ("kind", "size")
    raw_id_fields = ("organisation",)


@admin.register(Match)
class MatchAdmin(AuditedModelAdmin):
    list_display = ("listing", "counterpart", "score", "forward", "backward", "created_at")
    raw_id_fields = ("listing", "counterpart")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ListingImport)
class ListingImportAdmin(AuditedModelAdmin):
    list_display = ("filename", "outcome", "rows", "created", "updated", "created_by", "created_at")
    readonly_fields = [f.name for f in ListingImport._meta.fields]


admin.site.register(SavedSearch, AuditedModelAdmin)
admin.site.register(Dismissal, AuditedModelAdmin)

# Meeting days and joint projects have admin modules of their own; importing them registers them.
from bridge.partnering import admin_events, admin_projects  # noqa: E402, F401

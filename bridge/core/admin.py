from django.contrib import admin

from bridge.core.audited_admin import AuditedModelAdmin
from bridge.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditedModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "actor__email", "action"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"

    # The log is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

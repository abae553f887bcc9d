"""Django admin of joint projects: read-only for staff. Partners change their projects on the
project page or through the API (the services decide who may); staff read, filter and follow
the links here, so no change escapes the rules and the audit log."""

from django.contrib import admin

from bridge.core.audited_admin import AuditedModelAdmin
from bridge.partnering.models import JointProject, Milestone, ProjectPartner, ProjectStatusChange


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PartnerInline(ReadOnlyInline):
    model = ProjectPartner
    fields = ("organisation", "language", "invited_at", "confirmed_at", "consented_at")
    readonly_fields = fields


class HistoryInline(ReadOnlyInline):
    model = ProjectStatusChange
    fields = ("status", "recognition", "happened_on", "evidence_url", "note")
    readonly_fields = fields


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ("title", "due_on", "done_on")
    readonly_fields = fields


@admin.register(JointProject)
class JointProjectAdmin(AuditedModelAdmin):
    list_display = ("title", "type", "sector", "status", "created_at", "published_at")
    list_filter = ("status", "type", "sector")
    search_fields = ("title", "partners__organisation__name")
    inlines = [PartnerInline, HistoryInline, MilestoneInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

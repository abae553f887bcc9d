import json
from itertools import chain

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.audited_admin import AuditedModelAdmin
from bridge.core.models import AuditEntry
from bridge.core.spreadsheets import csv_lines


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditedModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "actor__email", "action"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"
    change_list_template = "admin/core/auditentry/change_list.html"

    # The log is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        export = path(
            "export.csv",
            self.admin_site.admin_view(self.export_view),
            name="core_auditentry_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request):
        """The entries the list shows (same filters, search and dates), as CSV, streamed."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:core_auditentry_changelist") + "?e=1")
        entries = changelist.get_queryset(request).select_related("actor")
        header = [_("when"), _("who"), _("action"), _("object type"), _("object id")]
        header += [_("object"), _("details")]
        rows = (
            [
                entry.created_at.isoformat(),
                entry.actor.email if entry.actor else "",
                entry.action,
                entry.target_type,
                entry.target_id,
                entry.target_repr,
                json.dumps(entry.data, ensure_ascii=False, sort_keys=True),
            ]
            for entry in entries.iterator(chunk_size=2000)
        )
        response = StreamingHttpResponse(
            csv_lines(chain([header], rows)),
            content_type="text/csv; charset=utf-8",
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
        return response

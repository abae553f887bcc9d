"""Django admin for meeting days: staff create an event (its grid is built from the form), see
the draft agenda, move a meeting to another slot or table, and publish. Every change goes
through the services, so the booking rules and the audit trail are the same as in the UI."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from bridge.core.audited_admin import AuditedModelAdmin
from bridge.partnering.models import (
    Event,
    Meeting,
    MeetingOutcome,
    MeetingRating,
    MeetingRequest,
    Registration,
)
from bridge.partnering.services import events as event_services
from bridge.partnering.services import meetings as meeting_services
from bridge.partnering.services.schedule import agenda_draft


def _report(modeladmin, request, action) -> None:
    try:
        result = action()
    except (ValidationError, PermissionDenied) as exc:
        text = "; ".join(getattr(exc, "messages", [])) or str(_("Not allowed."))
        modeladmin.message_user(request, text, level=messages.ERROR)
    else:
        modeladmin.message_user(request, str(result))


@admin.register(Event)
class EventAdmin(AuditedModelAdmin):
    list_display = ("name_en", "first_day", "days", "format", "time_zone", "status")
    list_filter = ("status", "format")
    search_fields = ("name_ru", "name_uz", "name_en", "slug")
    readonly_fields = ("status", "created_at")
    actions = ["publish", "schedule", "publish_agenda"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            if not obj.registrations.exists():
                event_services.event_grid_build(event=obj)
            return
        fields = {f: form.cleaned_data[f] for f in form.cleaned_data}
        created = event_services.event_create(actor=request.user, **fields)
        obj.pk = created.pk

    @admin.action(description=_("Publish the events"))
    def publish(self, request, queryset):
        for event in queryset:
            _report(
                self,
                request,
                lambda e=event: event_services.event_publish(actor=request.user, event=e),
            )

    @admin.action(description=_("Run the scheduler (draft agenda)"))
    def schedule(self, request, queryset):
        for event in queryset:
            _report(self, request, lambda e=event: agenda_draft(actor=request.user, event=e))

    @admin.action(description=_("Publish the agenda"))
    def publish_agenda(self, request, queryset):
        for event in queryset:
            _report(
                self,
                request,
                lambda e=event: event_services.agenda_publish(actor=request.user, event=e),
            )


@admin.register(Registration)
class RegistrationAdmin(AuditedModelAdmin):
    list_display = ("person", "organisation", "event", "checked_in_at")
    list_filter = ("event",)
    search_fields = ("person__email", "person__full_name", "organisation__name")
    raw_id_fields = ("event", "person", "organisation", "listings")
    readonly_fields = ("calendar_token", "checked_in_at", "created_at")
    actions = ["check_in"]

    @admin.action(description=_("Check in"))
    def check_in(self, request, queryset):
        for registration in queryset:
            _report(
                self,
                request,
                lambda r=registration: event_services.registration_check_in(
                    actor=request.user, registration=r
                ),
            )


@admin.register(MeetingRequest)
class MeetingRequestAdmin(AuditedModelAdmin):
    list_display = ("sender", "recipient", "event", "status", "created_at", "expires_at")
    list_filter = ("status", "event")
    raw_id_fields = ("event", "sender", "recipient")
    readonly_fields = ("status", "created_at", "answered_at", "reminded_at")

    def has_add_permission(self, request):
        return False


@admin.register(Meeting)
class MeetingAdmin(AuditedModelAdmin):
    """Staff adjust the draft agenda here: a new slot or table goes through the service, which
    books both people or refuses in words."""

    list_display = ("request", "event", "slot", "table", "status", "published")
    list_filter = ("event", "status", "published")
    raw_id_fields = ("event", "request", "slot", "table")
    readonly_fields = ("event", "request", "status", "published", "late_note", "sequence")
    fields = ("event", "request", "slot", "table", "status", "published", "late_note", "sequence")
    actions = ["mark_held", "mark_no_show"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if obj.slot_id is None:
            return
        _report(
            self,
            request,
            lambda: meeting_services.meeting_place(
                actor=request.user,
                meeting=Meeting.objects.get(pk=obj.pk),
                slot_id=obj.slot_id,
                table=obj.table if obj.table_id else None,
            ),
        )

    @admin.action(description=_("Mark held"))
    def mark_held(self, request, queryset):
        for meeting in queryset:
            _report(
                self,
                request,
                lambda m=meeting: meeting_services.meeting_status_set(
                    actor=request.user, meeting=m, status="held"
                ),
            )

    @admin.action(description=_("Mark no-show"))
    def mark_no_show(self, request, queryset):
        for meeting in queryset:
            _report(
                self,
                request,
                lambda m=meeting: meeting_services.meeting_status_set(
                    actor=request.user, meeting=m, status="no-show"
                ),
            )


SIDES = (
    "meeting__request__sender__person",
    "meeting__request__sender__organisation",
    "meeting__request__recipient__person",
    "meeting__request__recipient__organisation",
    "registration__person",
    "registration__organisation",
)


class _ReadOnly(AuditedModelAdmin):
    """What people said after the event: staff read it; only the people themselves change it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MeetingRating)
class MeetingRatingAdmin(_ReadOnly):
    list_display = ("meeting", "registration", "score", "created_at")
    list_filter = ("score", "meeting__event")
    list_select_related = SIDES
    search_fields = ("note", "registration__organisation__name")


@admin.register(MeetingOutcome)
class MeetingOutcomeAdmin(_ReadOnly):
    list_display = ("meeting", "registration", "answer", "answered_at")
    list_filter = ("answer", "meeting__event")
    list_select_related = SIDES
    search_fields = ("registration__organisation__name",)

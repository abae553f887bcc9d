"""The base of every project ModelAdmin: whatever staff change in the admin leaves an audit row
(bridge.core.audit) in the same transaction as the change.

The admin is a fallback beside the pages, so it must not become a way round their checks and their
audit trail. An admin whose model has services overrides `save_model`, `delete_model` or
`save_formset` to call them (the service audits and indexes, as from the pages); for the other
models the defaults here save as Django does and write the audit row themselves. Actions run in one
transaction, and the `delete_selected` action audits each object it deletes.

A service refusing the change (ValidationError, PermissionDenied) rolls the whole form back and
comes back to the same page with the service's message, never as a server error.
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import Model
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log


def admin_audit(*, request, action: str, target: Model, **data: Any) -> None:
    """An audit row for a change made in the admin: `<app>.<model>.<action>`, marked as such."""
    audit_log(
        actor=request.user,
        action=f"{target._meta.label_lower}.{action}",
        target=target,
        via="admin",
        **data,
    )


def refusal_text(exc: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(exc, "messages", [])) or str(exc) or _("You may not make this change.")


class AuditedAdminMixin:
    """Mix in before the Django admin class (`class X(AuditedAdminMixin, UserAdmin)`)."""

    def _atomic(self):
        return transaction.atomic(using=router.db_for_write(self.model))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, PermissionDenied) as exc:
            if request.method != "POST":
                raise
            # The admin's own transaction has been rolled back: nothing of the form is kept.
            self.message_user(request, refusal_text(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        with self._atomic():
            super().save_model(request, obj, form, change)
            admin_audit(
                request=request,
                action="update" if change else "create",
                target=obj,
                fields=sorted(form.changed_data),
            )

    def delete_model(self, request, obj):
        with self._atomic():
            # Before the delete, while the object still has its primary key.
            admin_audit(request=request, action="delete", target=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with self._atomic():
            for obj in queryset:
                admin_audit(request=request, action="delete", target=obj)
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        with self._atomic():
            deleted = [f.instance for f in formset.deleted_forms if f.instance.pk is not None]
            for obj in deleted:
                admin_audit(request=request, action="delete", target=obj, parent=str(form.instance))
            super().save_formset(request, form, formset, change)
            for obj in formset.new_objects:
                admin_audit(request=request, action="create", target=obj, parent=str(form.instance))
            for obj, fields in formset.changed_objects:
                admin_audit(
                    request=request,
                    action="update",
                    target=obj,
                    parent=str(form.instance),
                    fields=sorted(fields),
                )

    def response_action(self, request, queryset):
        with self._atomic():
            return super().response_action(request, queryset)


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """The base of a project ModelAdmin that has no other Django admin class to extend."""


def each_through_service(modeladmin, request, objects, call) -> int:
    """Run a service on each object of an action; a refusal is shown beside the object's name and
    does not stop the others (each service call has its own savepoint). Returns how many passed."""
    done = 0
    for obj in objects:
        try:
            call(obj)
        except (ValidationError, PermissionDenied) as exc:
            modeladmin.message_user(request, f"{obj}: {refusal_text(exc)}", messages.ERROR)
            continue
        done += 1
    return done

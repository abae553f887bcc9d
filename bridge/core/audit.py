from typing import Any

from django.db import models

from bridge.core.models import AuditEntry


def audit_log(*, actor: Any, action: str, target: models.Model, **data: Any) -> AuditEntry:
    """Record an action. Call it inside the service's transaction, after the change."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        data=data,
    )


def audit_trail(target: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")


def audit_backdate(entries: models.QuerySet[AuditEntry], *, when) -> int:
    """Move entries back in time: for demo data and tests that seed a history as if it had
    happened earlier. Nothing else changes an entry (the log is append-only)."""
    ids = list(entries.values_list("pk", flat=True))
    return AuditEntry._base_manager.filter(pk__in=ids).update(created_at=when)

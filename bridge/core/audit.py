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

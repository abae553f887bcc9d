from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """Raised on an attempt to change or delete an audit entry through the ORM."""


class AuditQuerySet(models.QuerySet):
    """The audit log's queryset: it reads and adds, it never changes or deletes.

    Django's deletion collector uses the plain base manager, so a person's account can still be
    deleted: `actor` is set to null (the entry stays, without the person)."""

    def update(self, **kwargs):
        raise AppendOnly("the audit log is append-only")

    def delete(self):
        raise AppendOnly("the audit log is append-only")


class AuditEntry(models.Model):
    """One staff or owner action: who did what to which object, with the details that matter.

    Rows are written by `bridge.core.audit.audit_log` inside the same transaction as the change,
    so a rolled-back change leaves no entry behind.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("object type"), max_length=64)
    target_id = models.CharField(_("object id"), max_length=64)
    target_repr = models.CharField(_("object"), max_length=255)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("the audit log is append-only")


class WorkerBeat(models.Model):
    """A task worker's sign of life, written every few seconds by `manage.py db_worker`.

    Lets a worker tell a task whose worker died (killed, machine lost) from one that is still
    running: the first goes back to the queue (`bridge.core.worker.tasks_requeue_abandoned`).
    """

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"))
    beat_at = models.DateTimeField(_("last seen"), db_index=True)
    # The task the worker is running now (DBTaskResult.id), empty when idle.
    task_id = models.CharField(_("running task"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"

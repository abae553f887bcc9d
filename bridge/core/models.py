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


class Delivery(models.TextChoices):
    """How a person hears about one kind of notification."""

    INSTANT = "instant", _("E-mail at once")
    DIGEST = "digest", _("Daily digest")
    IN_APP = "in_app", _("In-app only")


class Notification(models.Model):
    """One line in a person's notification centre: what `bridge.core.mail.notify` told them.

    The e-mail's template and JSON context are kept, so the line is rendered in the reader's
    language when shown. `delivery` records what was decided for the e-mail; a DIGEST row waits
    for the daily digest until `digest_sent_at` is set.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=32)
    template = models.CharField(_("template"), max_length=200)
    context = models.JSONField(_("context"), default=dict, blank=True)
    delivery = models.CharField(_("delivery"), max_length=16, choices=Delivery.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    digest_sent_at = models.DateTimeField(_("sent in a digest at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="core_notif_recipient_new"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="core_notif_unread",
            ),
            models.Index(
                fields=["recipient"],
                condition=models.Q(delivery="digest", digest_sent_at__isnull=True),
                name="core_notif_held",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} → {self.recipient_id}"


class NotificationPreference(models.Model):
    """A person's choice for one kind; no row means the default, e-mail at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=32)
    delivery = models.CharField(_("delivery"), max_length=16, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="core_notif_pref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} = {self.delivery}"


class Progress(models.Model):
    """One long run (an import, an index rebuild, an export, the insights rollup) as its owner
    follows it: how far it got, how long it has taken, and what it left behind.

    Written by `bridge.core.progress` at the start and the end of the run and now and then in
    between; while the run is inside a transaction its counts travel through the cache instead
    (docs/decisions/0016-progress-for-long-work.md). The errors and warnings are the run's
    report, offered as a CSV download."""

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=32, db_index=True)
    label = models.CharField(_("label"), max_length=255, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty for runs of the platform itself (commands, scheduled work)."),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.RUNNING
    )
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    # Where the run's own result lives (an import's report page), shown when it has finished.
    result_url = models.CharField(_("result address"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("long run")
        verbose_name_plural = _("long runs")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["owner", "-started_at"], name="core_progress_owner")]

    def __str__(self) -> str:
        return f"{self.kind} {self.label} ({self.state})"

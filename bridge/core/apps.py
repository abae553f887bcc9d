from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "bridge.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        from bridge.core.periodic import Job, register

        def requeue_abandoned_tasks():
            from bridge.core.worker import tasks_requeue_abandoned

            return len(tasks_requeue_abandoned())

        # The workers do this on every heartbeat; the timer covers a moment when none runs.
        register(Job("requeue-abandoned-tasks", requeue_abandoned_tasks, "minutely"))

        def notification_digest():
            from bridge.core.notifications.services import digests_send

            return digests_send()

        # One e-mail a day to each person who chose the digest for some kind (idempotent).
        register(Job("notification-digest", notification_digest, "daily"))

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "bridge.knowledge"
    label = "knowledge"
    verbose_name = _("Exchange of experience")

    def ready(self):
        from bridge.core.periodic import Job
        from bridge.core.periodic import register as register_job
        from bridge.knowledge import navigation
        from bridge.knowledge.roles import staff_roles_sync
        from bridge.knowledge.search_index import EventIndex, PracticeIndex
        from bridge.knowledge.services.reminders import event_reminders_send
        from bridge.search.registry import register

        register(PracticeIndex())
        register(EventIndex())
        navigation.register()
        # A day and an hour before each event; claimed row by row, so a run is never twice.
        register_job(Job("event-reminders", event_reminders_send, "minutely"))
        # After accounts' own sync (INSTALLED_APPS order), so the groups exist already.
        post_migrate.connect(staff_roles_sync, dispatch_uid="knowledge.staff_roles_sync")

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "bridge.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from bridge.insights import navigation
        from bridge.insights.roles import staff_roles_sync

        navigation.register()
        # After accounts' own sync (INSTALLED_APPS order), so the groups exist already.
        post_migrate.connect(staff_roles_sync, dispatch_uid="insights.staff_roles_sync")

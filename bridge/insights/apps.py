from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "bridge.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from bridge.core.periodic import Job
        from bridge.core.periodic import register as register_job
        from bridge.insights import navigation
        from bridge.insights.roles import staff_roles_sync
        from bridge.insights.services.rollup import rollup_run

        navigation.register()
        # Hourly is cheap: a run recomputes only the days whose rows changed.
        register_job(Job("insights-rollup", lambda: rollup_run(trigger="schedule"), "hourly"))
        # After accounts' own sync (INSTALLED_APPS order), so the groups exist already.
        post_migrate.connect(staff_roles_sync, dispatch_uid="insights.staff_roles_sync")

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "bridge.programs"
    label = "programs"
    verbose_name = _("Programmes")

    def ready(self):
        from bridge.programs import navigation, search_index
        from bridge.programs.roles import staff_roles_sync
        from bridge.search.registry import register

        navigation.register()
        from bridge.core.periodic import Job
        from bridge.core.periodic import register as register_job
        from bridge.programs.services.review import review_reminders

        register_job(Job("review-reminders", review_reminders, "daily"))
        # What the public programme and call pages show (not applications nor reviews, which
        # change all day and appear on no anonymous page).
        from bridge.core.versions import track
        from bridge.programs import models

        for model in (models.Programme, models.Call, models.Stage, models.Eligibility):
            track(model)
        register(search_index.ApplicationIndex())
        search_index.connect()

        # After accounts' own sync (INSTALLED_APPS order), so the groups exist already.
        post_migrate.connect(staff_roles_sync, dispatch_uid="programs.staff_roles_sync")

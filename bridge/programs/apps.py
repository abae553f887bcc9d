from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "bridge.programs"
    label = "programs"
    verbose_name = _("Programmes")

    def ready(self):
        from bridge.programs import navigation
        from bridge.programs.roles import staff_roles_sync

        navigation.register()

        # After accounts' own sync (INSTALLED_APPS order), so the groups exist already.
        post_migrate.connect(staff_roles_sync, dispatch_uid="programs.staff_roles_sync")

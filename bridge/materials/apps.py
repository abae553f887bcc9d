from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "bridge.materials"
    label = "materials"
    verbose_name = _("Materials Center")

    def ready(self):
        from bridge.materials import navigation
        from bridge.materials.roles import staff_roles_sync
        from bridge.materials.search_index import MaterialIndex
        from bridge.search.registry import register

        register(MaterialIndex())
        navigation.register()
        # After accounts' own sync (INSTALLED_APPS order), so the groups exist already.
        post_migrate.connect(staff_roles_sync, dispatch_uid="materials.staff_roles_sync")

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bridge.accounts"
    label = "accounts"
    verbose_name = _("People and organisations")

    def ready(self):
        from bridge.accounts import navigation
        from bridge.accounts.roles import staff_roles_sync
        from bridge.accounts.search_index import OrganisationIndex
        from bridge.search.registry import register

        register(OrganisationIndex())
        # What the public pages show (home, directory): cached pages built from it expire.
        from bridge.accounts.models import Organisation, Sector
        from bridge.core.versions import track

        track(Organisation)
        track(Sector)
        navigation.register()

        # Permissions only exist after post_migrate creates them, so the groups follow them.
        post_migrate.connect(staff_roles_sync, dispatch_uid="accounts.staff_roles_sync")

        from django.contrib.auth.signals import user_logged_in

        from bridge.accounts.second_factor import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="accounts.second_factor")

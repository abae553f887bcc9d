from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "bridge.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from bridge.search import registry
        from bridge.search.indexes import OrganisationIndex

        registry.register(OrganisationIndex())

        from bridge.accounts.signals import organisation_changed
        from bridge.search import receivers

        organisation_changed.connect(
            receivers.organisation_changed, dispatch_uid="search.organisation_changed"
        )

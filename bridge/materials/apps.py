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
        # What the catalog and the API show: cached pages built from it expire on a change.
        from bridge.core.versions import track
        from bridge.materials import models

        for model in (
            models.Category,
            models.Certification,
            models.ExchangeRate,
            models.Material,
            models.MaterialFibre,
            models.MaterialCertification,
            models.MaterialImage,
            models.PropertyDefinition,
            models.MaterialPropertyValue,
        ):
            track(model)
        # Suppliers' sample statistics (answer rate and time) on the material and supplier
        # pages: their own namespace, so a new request does not expire the catalog.
        track(models.SampleRequest, "samples")
        navigation.register()
        from bridge.core.periodic import Job
        from bridge.core.periodic import register as register_job
        from bridge.materials.services.samples import sample_requests_tick

        # Reminders to suppliers, then expiry, of unanswered sample requests.
        register_job(Job("sample-requests", sample_requests_tick, "hourly"))
        from bridge.materials.services.rates import exchange_rates_tick

        # The central banks' rates of the day (docs/decisions/0011).
        register_job(Job("exchange-rates", exchange_rates_tick, "daily"))
        # After accounts' own sync (INSTALLED_APPS order), so the groups exist already.
        post_migrate.connect(staff_roles_sync, dispatch_uid="materials.staff_roles_sync")

"""The catalog's entry in the main navigation and the first-steps checklist, from MaterialsConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bridge.accounts.onboarding import FirstWork, register_first_work
from bridge.core.navigation import Section
from bridge.core.navigation import register as register_section
from bridge.materials.models import Material


def _has_material(organisation_id: int) -> bool:
    return Material.objects.filter(supplier_id=organisation_id).exists()


def register() -> None:
    register_section(Section("materials", _("Materials"), "materials_catalog:catalog", position=10))
    # A first material ticks the new organisation's "first piece of work" (accounts/onboarding).
    register_first_work(
        FirstWork(
            "material",
            _("Add a material to the catalog"),
            _has_material,
            lambda organisation: reverse("materials_supplier:new", args=[organisation.slug]),
            position=10,
        )
    )

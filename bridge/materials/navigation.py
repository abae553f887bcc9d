"""The catalog's entry in the main navigation, registered from MaterialsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from bridge.core.navigation import Section
from bridge.core.navigation import register as register_section


def register() -> None:
    register_section(Section("materials", _("Materials"), "materials_catalog:catalog", position=10))

"""Insights' entry in the main navigation, registered from InsightsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from bridge.core.navigation import Section
from bridge.core.navigation import register as register_section


def register() -> None:
    register_section(Section("insights", _("Insights"), "insights:dashboard", position=50))

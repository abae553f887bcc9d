"""The knowledge app's entry in the main navigation, registered from KnowledgeConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from bridge.core.navigation import Section
from bridge.core.navigation import register as register_section


def register() -> None:
    register_section(Section("knowledge", _("Knowledge"), "knowledge:library", position=40))

"""The directory and the moderation queue in the main navigation, from AccountsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from bridge.core.navigation import Section
from bridge.core.navigation import register as register_section


def can_moderate(request) -> bool:
    user = request.user
    return user.is_authenticated and user.has_perm("accounts.verify_organisation")


def register() -> None:
    register_section(
        Section("organisations", _("Organisations"), "organisations:directory", position=60)
    )
    register_section(
        Section(
            "moderation", _("Moderation"), "organisations:moderation", can_moderate, position=90
        )
    )

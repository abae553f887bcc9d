"""Partnering's entries in the main navigation, registered from PartneringConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from bridge.core.navigation import Section
from bridge.core.navigation import register as register_section
from bridge.partnering import rules


def _validators(request) -> bool:
    return rules.can_validate(getattr(request, "user", None))


def register() -> None:
    register_section(Section("partnering", _("Partnering"), "partnering:browse", position=30))
    register_section(Section("meeting-days", _("Meeting days"), "partnering:events", position=31))
    register_section(
        Section(
            "partnering-staff",
            _("Listings to validate"),
            "partnering:queue",
            _validators,
            position=91,
        )
    )

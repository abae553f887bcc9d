"""Partnering's entries in the main navigation, registered from PartneringConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bridge.accounts.onboarding import FirstWork, register_first_work
from bridge.core.navigation import Section
from bridge.core.navigation import register as register_section
from bridge.partnering import rules
from bridge.partnering.models import Listing


def _validators(request) -> bool:
    return rules.can_validate(getattr(request, "user", None))


def _has_listing(organisation_id: int) -> bool:
    return Listing.objects.filter(organisation_id=organisation_id).exists()


def register() -> None:
    register_section(Section("partnering", _("Partnering"), "partnering:browse", position=30))
    register_first_work(
        FirstWork(
            "listing",
            _("Publish an offer or a request"),
            _has_listing,
            lambda organisation: reverse("partnering:listing_new"),
            position=20,
        )
    )
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

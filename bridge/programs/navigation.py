"""The programmes' entries in the main navigation, registered from ProgramsConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bridge.accounts.onboarding import FirstWork, register_first_work
from bridge.core.navigation import Section
from bridge.core.navigation import register as register_section
from bridge.programs.models import Application, Reviewer, ReviewerStatus


def is_reviewer(request) -> bool:
    """Invited to or reviewing some call (not declined). One cheap query, kept for the request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(request, "_programs_is_reviewer", None)
    if cached is None:
        cached = Reviewer.objects.filter(user=user).exclude(status=ReviewerStatus.DECLINED).exists()
        request._programs_is_reviewer = cached
    return cached


def _has_application(organisation_id: int) -> bool:
    return Application.objects.filter(organisation_id=organisation_id).exists()


def register() -> None:
    register_section(Section("programmes", _("Programmes"), "programs:programme_list", position=20))
    register_first_work(
        FirstWork(
            "application",
            _("Apply to a programme"),
            _has_application,
            lambda organisation: reverse("programs:programme_list"),
            position=30,
        )
    )
    register_section(
        Section("reviews", _("My reviews"), "programs_review:home", is_reviewer, position=25)
    )

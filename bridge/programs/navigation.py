"""The programmes' entries in the main navigation (bridge.core.navigation.SECTIONS).

Registered from ProgramsConfig.ready(), so that core does not import a domain app."""

from django.utils.translation import gettext_lazy as _

from bridge.programs.models import Reviewer, ReviewerStatus


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


def register() -> None:
    from bridge.core.navigation import SECTIONS, Section

    if any(section.key == "reviews" for section in SECTIONS):
        return
    entry = Section("reviews", _("My reviews"), "programs_review:home", is_reviewer)
    keys = [section.key for section in SECTIONS]
    at = keys.index("programmes") + 1 if "programmes" in keys else len(SECTIONS)
    SECTIONS.insert(at, entry)

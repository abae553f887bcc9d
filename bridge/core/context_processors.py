from functools import cache

from django.conf import settings

from bridge.core.navigation import sections
from bridge.core.notifications.selectors import unread_count


def site(request):
    context = {"SITE_NAME": settings.SITE_NAME, "nav_sections": sections(request)}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # A callable: the number is counted only where a template shows the bell, at most once
        # per request (one count over a partial index).
        context["notification_unread"] = cache(lambda: unread_count(user))
    return context

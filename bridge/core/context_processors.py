from django.conf import settings

from bridge.core.navigation import sections
from bridge.core.notifications.selectors import unread_count


def site(request):
    context = {"SITE_NAME": settings.SITE_NAME, "nav_sections": sections(request)}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # A callable: the template asks for the number only where it shows the bell (cached).
        context["notification_unread"] = lambda: unread_count(user)
    return context

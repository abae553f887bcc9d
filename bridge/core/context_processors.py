from django.conf import settings

from bridge.core.navigation import sections


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "nav_sections": sections(request)}

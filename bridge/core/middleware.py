import contextlib
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation


class PersonPreferencesMiddleware:
    """Apply a signed-in person's remembered language and time zone to every request.

    Runs after AuthenticationMiddleware; LocaleMiddleware has already chosen a language from the
    cookie or the browser, which a person's own choice overrides. The time zone is reset before
    and after each request, so one person's zone never leaks into the next request on the thread.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.deactivate()
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language in dict(settings.LANGUAGES):
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            if user.timezone:
                # An unknown zone (a tzdata update removed it) falls back to the site's.
                with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
                    timezone.activate(zoneinfo.ZoneInfo(user.timezone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

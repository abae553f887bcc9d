import zoneinfo

from django.utils import timezone, translation


class PersonPreferencesMiddleware:
    """Apply a signed-in person's remembered language and time zone to every request.

    Runs after AuthenticationMiddleware; LocaleMiddleware has already chosen a language from the
    cookie or the browser, which a person's own choice overrides.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            if user.timezone:
                try:
                    timezone.activate(zoneinfo.ZoneInfo(user.timezone))
                except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                    timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)

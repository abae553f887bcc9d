import contextlib
import zoneinfo

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _


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


class RejectNulMiddleware:
    """Refuse requests that carry a NUL character in the path, the query or a form field.

    No legitimate input contains one, and PostgreSQL refuses to store or even compare text with
    it; answering 400 here keeps every view from having to guard against it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            message = _("The request contains a character that is not allowed.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            return True
        if request.method in ("POST", "PUT", "PATCH"):
            # The raw body, not request.POST: parsing the form here would leave nothing for an
            # API view that reads the body itself. Multipart bodies carry files, where NUL is
            # ordinary, and are left to the forms.
            content_type = request.META.get("CONTENT_TYPE", "")
            if content_type.startswith("application/json"):
                return b"\x00" in request.body or b"\\u0000" in request.body
            if content_type.startswith("application/x-www-form-urlencoded"):
                return b"%00" in request.body or b"\x00" in request.body
        return False

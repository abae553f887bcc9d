import contextlib
import time
import zoneinfo

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, JsonResponse, QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bridge.core import metrics


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
    """Keep NUL characters away from the views: no legitimate input contains one, and PostgreSQL
    refuses to store or even compare text with it.

    A path with one names nothing (404); query values lose theirs, so pages treat them like any
    other odd value; form and JSON bodies with one are refused (400). Multipart bodies carry
    files, where NUL is ordinary; their text fields are checked by the forms (Django's CharField
    refuses NUL).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Not found.")}, status=404)
            from bridge.core.views import page_not_found

            return page_not_found(request, Http404())
        if "%00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in value for _key, values in request.GET.lists() for value in values
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        if self._body_has_nul(request):
            message = _("The request contains a character that is not allowed.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _body_has_nul(request) -> bool:
        if request.method not in ("POST", "PUT", "PATCH"):
            return False
        # The raw body, not request.POST: parsing the form here would leave nothing for an API
        # view that reads the body itself.
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/json"):
            return b"\x00" in request.body or b"\\u0000" in request.body
        if content_type.startswith("application/x-www-form-urlencoded"):
            return b"%00" in request.body or b"\x00" in request.body
        return False


class MetricsMiddleware:
    """Count every request by URL name, method and status, and time it (bridge.core.metrics).

    The URL name, not the path, labels the series: paths are unbounded, names are few."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match else "<unmatched>"
        metrics.observe_request(
            view=view,
            method=request.method if request.method in _METHODS else "other",
            status=response.status_code,
            seconds=time.perf_counter() - start,
        )
        return response


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every answer (Django sets the other security headers itself):
    no page here needs the camera, the microphone or the location."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

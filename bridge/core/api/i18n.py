"""Response language: `?lang=` wins, then whatever LocaleMiddleware chose (cookie,
Accept-Language), so a script can pin a language without touching headers."""

from functools import wraps

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def requested_language(request) -> str | None:
    raw = request.GET.get("lang", "")
    if not raw:
        return None
    try:
        return translation.get_supported_language_variant(raw[:16])
    except LookupError:
        return None


def with_request_language(view):
    """Wraps the whole operation, serialisation included, where the translated labels are made."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = requested_language(request)
        if language is None:
            return view(request, *args, **kwargs)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
        response.headers.setdefault("Content-Language", language)
        return response

    return wrapper

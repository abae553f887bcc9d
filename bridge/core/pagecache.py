"""Whole pages for anonymous visitors, cached by address, language and data version.

An anonymous page depends only on its address (path and query), the language, whether htmx
asked for a fragment, what the view names in ``vary`` (the catalog's currency), and the data
it shows. The key holds all of these but the data, and the entry holds the versions of the
namespaces the view reads (`bridge.core.versions`) when it was built; they are read together
in one round trip and an entry of older versions is not served, so an edit anywhere on the site
makes the old entries useless at once and no entry is ever served stale beyond ``timeout`` (which only bounds
what the versions cannot see: the passing of time, e.g. a call that closes).

Nothing personal can enter an entry: a request is served from the cache only when nobody is
signed in and no message waits to be shown, and a response is stored only when it is a plain
200 that set no cookie, changed no session and carries no CSRF token (a page with a POST form
renders one; such pages are never stored).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from bridge.core import metrics
from bridge.core.versions import CACHE_ALIAS, keys, versions_from

logger = logging.getLogger(__name__)

# Headers worth keeping: what the view set on purpose. Cookies never; middleware adds the rest
# (Vary on Cookie and Accept-Language, Content-Language, security headers) on the way out.
_KEPT_HEADERS = {"content-type", "vary", "hx-push-url", "cache-control", "content-language"}


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _servable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    if "HTTP_AUTHORIZATION" in request.META:  # API tokens: the caller is someone
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    storage = getattr(request, "_messages", None)
    # len() loads the messages without marking them shown.
    return not (storage is not None and len(storage))


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page rendered a CSRF token
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and len(storage):  # the view left a message for the next page
        return False
    return "private" not in response.get("Cache-Control", "") and "no-store" not in response.get(
        "Cache-Control", ""
    )


def page_key(request: HttpRequest, *, view: str, extra: str) -> str:
    """Everything but the data versions, which are stored in the entry (so that the versions and
    the page are read in one round trip to the cache)."""
    htmx = request.headers.get("HX-Request", "") + request.headers.get(
        "HX-History-Restore-Request", ""
    )
    # Scheme and host too: API answers hold absolute URLs.
    raw = "\n".join(
        [
            view,
            get_language() or "",
            htmx,
            extra,
            request.scheme,
            request.get_host(),
            request.get_full_path(),
        ]
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def anonymous_page(
    *,
    namespaces: Iterable[str],
    timeout: int | None = None,
    vary: Callable[[HttpRequest], str] | None = None,
    name: str | None = None,
):
    """Serve the view's anonymous responses from the cache.

    ``namespaces``: the data versions the page is built from. ``timeout``: at most this many
    seconds (else PAGE_CACHE_SECONDS). ``vary``: what else the page depends on, read from the
    request before the cache is asked (any side effect it has, such as remembering a choice in
    the session, happens on hits too). ``name``: the label in the key and the metrics (default:
    the view's dotted path).
    """
    namespaces = tuple(namespaces)
    version_keys = keys(namespaces)

    def decorator(view):
        label = name or f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _servable(request):
                metrics.page_cache(label, "bypass")
                return view(request, *args, **kwargs)
            extra = vary(request) if vary else ""
            cache = caches[CACHE_ALIAS]
            try:
                key = page_key(request, view=label, extra=extra)
                found = cache.get_many([key, *version_keys])
                current = versions_from(found, namespaces)
            except Exception:
                # A cache that is down costs speed, never the page.
                logger.warning("Page cache unavailable", exc_info=True)
                metrics.page_cache(label, "error")
                return view(request, *args, **kwargs)
            entry = found.get(key)
            # An entry built from older data is simply not a hit; the next store replaces it.
            if entry is not None and entry[0] == current:
                metrics.page_cache(label, "hit")
                return _thaw(entry[1])
            response = view(request, *args, **kwargs)
            if not _storable(request, response):
                metrics.page_cache(label, "uncacheable")
                return response
            seconds = min(timeout or settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_SECONDS)
            try:
                cache.set(key, (current, _freeze(response)), timeout=seconds)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
            metrics.page_cache(label, "miss")
            return response

        return wrapped

    return decorator


def _freeze(response: HttpResponse) -> tuple:
    headers = [(k, v) for k, v in response.headers.items() if k.lower() in _KEPT_HEADERS]
    return (response.status_code, response.content, headers)


def _thaw(frozen: tuple) -> HttpResponse:
    status, content, headers = frozen
    response = HttpResponse(content, status=status)
    for header, value in headers:
        response.headers[header] = value
    return response

"""Rate limits (issue 16): requests per caller and fixed window, counted in Django's cache.

A caller is a personal API token (its hash: a made-up token buys nothing, the API answers it
401 at once), else a signed-in person, else an IP address (an IPv6 address by its /64, which one
machine usually holds whole). Each scope has a limit for anonymous callers and one for tokens and
signed-in people; settings.RATE_LIMITS holds them as "requests/seconds" (empty: no limit).

The counter is a fixed window: `cache.add` opens it, `cache.incr` counts (atomic in Redis and
in the local-memory cache). A caller may burst to twice the limit across a window's edge; in
exchange a request costs one round trip. When the cache is down, requests pass: a rate limit
must not turn a cache outage into an outage of the site.
"""

import hashlib
import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from bridge.core.api.i18n import requested_language

logger = logging.getLogger(__name__)

# Pages limited on every method, and pages limited only when a form is sent (POST).
SEARCH_VIEWS = {"site:search", "site:search_suggest"}
# The catalog is a search only when it is given words; browsing its facets is not limited.
SEARCH_WHEN_QUERIED = {"materials_catalog:catalog"}
POST_VIEWS = {"accounts:signup": "signup", "accounts:password_reset": "password_reset"}
API_PREFIX = "/api/v1/"


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int


def parse_limit(text: str) -> Limit | None:
    """ "100/60" is 100 requests a minute; "" (or "0/…") is no limit."""
    text = (text or "").strip()
    if not text:
        return None
    requests, _sep, seconds = text.partition("/")
    limit = Limit(int(requests), int(seconds or 60))
    if limit.requests < 0 or limit.seconds <= 0:
        raise ValueError(f"Not a rate limit: {text!r} (write requests/seconds, e.g. 100/60)")
    return limit if limit.requests else None


def client_ip(request) -> str:
    """REMOTE_ADDR, or the right-most address of RATE_LIMIT_IP_HEADER when a proxy sets it."""
    raw = request.META.get("REMOTE_ADDR", "")
    header = settings.RATE_LIMIT_IP_HEADER
    if header:
        forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        raw = forwarded.split(",")[-1].strip() or raw
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def caller(request) -> tuple[str, bool]:
    """(key, identified): identified callers (token or signed-in person) get the higher limit."""
    scheme, _sep, credential = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() == "bearer" and credential.strip():
        digest = hashlib.sha256(credential.strip().encode()).hexdigest()[:32]
        return f"token:{digest}", True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}", True
    return f"ip:{client_ip(request)}", False


def hit(*, scope: str, key: str, limit: Limit, now: float | None = None) -> int | None:
    """Count one request; the seconds to wait when it is over the limit, else None."""
    now = time.time() if now is None else now
    window = int(now // limit.seconds)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    try:
        cache.add(cache_key, 0, timeout=limit.seconds + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the window expired between add and incr
            cache.set(cache_key, 1, timeout=limit.seconds + 1)
            count = 1
    except Exception:  # the cache is down: let the request through
        logger.warning("rate limit not counted: the cache is unavailable", exc_info=True)
        return None
    if count <= limit.requests:
        return None
    return max(1, (window + 1) * limit.seconds - int(now))


def scope_of(request) -> str | None:
    if request.path_info.startswith(API_PREFIX):
        return "api"
    match = request.resolver_match
    name = match.view_name if match else ""
    if name in SEARCH_VIEWS or (name in SEARCH_WHEN_QUERIED and request.GET.get("q", "").strip()):
        return "search"
    if request.method == "POST":
        return POST_VIEWS.get(name)
    return None


def too_many_requests(request, *, scope: str, retry_after: int):
    message = _(
        "Too many requests. Please wait a little before trying again "
        "(seconds to wait: %(seconds)s)."
    ) % {"seconds": retry_after}
    if scope == "api":
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Answers 429 with Retry-After before the view runs (after the URL is resolved, so the
    scopes are URL names; after authentication and the language, so the caller and the message
    are known)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.RATE_LIMITS_ENABLED:
            return None
        scope = scope_of(request)
        if scope is None:
            return None
        key, identified = caller(request)
        if scope in ("signup", "password_reset"):
            key, identified = f"ip:{client_ip(request)}", False
        anonymous_limit, identified_limit = settings.RATE_LIMITS.get(scope, ("", ""))
        limit = parse_limit(identified_limit if identified else anonymous_limit)
        if limit is None:
            return None
        retry_after = hit(scope=scope, key=key, limit=limit)
        if retry_after is None:
            return None
        language = requested_language(request) if scope == "api" else None
        with translation.override(language or translation.get_language()):
            return too_many_requests(request, scope=scope, retry_after=retry_after)

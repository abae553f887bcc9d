import ipaddress
import secrets

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from bridge.core import health, metrics


@never_cache
@require_GET
def healthz(request):
    """The database, the cache and the task queue, each with its own status; 503 when one is
    down (or the queue is late). ``?scope=web`` (for load balancers) leaves the queue out of
    the verdict: a stuck worker is no reason to stop serving pages."""
    healthy, body = health.report(web_only=request.GET.get("scope") == "web")
    return JsonResponse(body, status=200 if healthy else 503)


def _metrics_allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and given.startswith("Bearer "):
        return secrets.compare_digest(given[7:].strip().encode(), token.encode())
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.METRICS_ALLOWED_IPS
    )


@never_cache
@require_GET
def metrics_view(request):
    """Prometheus text format, for a bearer of METRICS_TOKEN or an address in
    METRICS_ALLOWED_IPS (loopback by default); 403 for anyone else."""
    if not _metrics_allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain; charset=utf-8")
    return HttpResponse(
        metrics.exposition(), content_type="text/plain; version=0.0.4; charset=utf-8"
    )


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)

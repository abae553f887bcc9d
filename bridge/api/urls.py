"""The API: one NinjaAPI per version, assembled from each app's router.

Version 1 lives under /api/v1/ and its interactive docs at /api/docs. A breaking change gets a
new NinjaAPI (and namespace) beside this one, never an edit here; see docs/api-changelog.md.
"""

from functools import wraps

from csp.decorators import csp_update
from django.core.signals import setting_changed
from django.urls import path, re_path
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView
from ninja import NinjaAPI, Swagger

from bridge.api.openapi import ObjectParser, document_common_responses
from bridge.core.api.errors import install_error_handlers
from bridge.core.api.i18n import with_request_language

DESCRIPTION = _(
    "Public data of Creative Bridge. Anonymous callers may use every public endpoint; "
    "personal endpoints need a token (`Authorization: Bearer cb_…`, created on your profile "
    'page) or a signed-in browser session. Lists answer `{"count": N, "items": [...]}` and '
    "take `page` and `page_size` (at most 100). Labels follow `?lang=ru|uz|en`, else the "
    'Accept-Language header. Errors answer `{"detail": message}`, with `errors` for bad input.'
)


class BridgeAPI(NinjaAPI):
    """ninja's API, plus what every operation may answer besides its own responses: the rate
    limit's 429, the 401/403 of credentials and the second factor, 400/404/422 of bad input
    (bridge.api.openapi). New operations inherit them."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        # Building it walks ~200 operations and their models: 0.6 s of CPU per request of
        # /api/v1/openapi.json. It changes only with the code, the language of its texts and
        # the settings it quotes (the rate limits), so each process keeps one per language.
        key = (path_prefix, tuple(sorted((path_params or {}).items())), get_language())
        if key not in self._schemas:
            schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
            self._schemas[key] = document_common_responses(schema)
        return self._schemas[key]

    @cached_property
    def _schemas(self) -> dict:
        setting_changed.connect(self._forget_schemas, weak=False)
        return {}

    def _forget_schemas(self, **_kwargs):
        self._schemas.clear()


api = BridgeAPI(
    title="Creative Bridge API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    parser=ObjectParser(),
    openapi_url="/openapi.json",
    # The docs page sits beside the versions (/api/docs), not inside one; see `docs` below.
    # Its Swagger UI files come from ninja's static folder (ninja is in INSTALLED_APPS), and
    # the online validator is off, so the page makes no request outside this site.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url=None,
)
install_error_handlers(api)
api.add_decorator(with_request_language, mode="view")

# Each app contributes one router; the order is the order of the docs.
api.add_router("", "bridge.accounts.api.verification.router")
api.add_router("", "bridge.accounts.api.organisations.router")
api.add_router("", "bridge.accounts.api.members.router")
api.add_router("", "bridge.materials.api.catalog.router")
api.add_router("", "bridge.materials.api.samples.router")
api.add_router("", "bridge.materials.api.supplier.router")
api.add_router("", "bridge.materials.api.imports.router")
api.add_router("", "bridge.materials.api.collections.router")
api.add_router("", "bridge.materials.api.exports.router")
api.add_router("", "bridge.materials.api.moderation.router")
api.add_router("", "bridge.programs.api.review.router")
api.add_router("", "bridge.programs.api.reviewer_roles.router")
api.add_router("", "bridge.programs.api.staff.router")
api.add_router("", "bridge.programs.api.decisions.router")
api.add_router("", "bridge.programs.api.cohort.router")
api.add_router("/programmes", "bridge.programs.api.applications.router")
api.add_router("/programmes", "bridge.programs.api.application_edits.router")
api.add_router("/partnering", "bridge.partnering.api.staff.router")
api.add_router("/partnering", "bridge.partnering.api.listings.router")
api.add_router("/partnering", "bridge.partnering.api.interest.router")
api.add_router("/partnering", "bridge.partnering.api.projects.router")
api.add_router("/partnering", "bridge.partnering.api.events.router")
api.add_router("/partnering", "bridge.partnering.api.events_staff.router")
api.add_router("/partnering", "bridge.partnering.api.listing_actions.router")
api.add_router("/partnering", "bridge.partnering.api.searches.router")
api.add_router("/partnering", "bridge.partnering.api.project_partners.router")
api.add_router("/partnering", "bridge.partnering.api.event_registration.router")
api.add_router("/partnering", "bridge.partnering.api.meeting_feedback.router")
api.add_router("/partnering", "bridge.partnering.api.listing_files.router")
api.add_router("", "bridge.knowledge.api.library.router")
api.add_router("", "bridge.knowledge.api.events.router")
api.add_router("", "bridge.knowledge.api.themes.router")
api.add_router("", "bridge.knowledge.api.authoring.router")
api.add_router("", "bridge.knowledge.api.engagement.router")
api.add_router("", "bridge.knowledge.api.review.router")
api.add_router("", "bridge.knowledge.api.theme_writes.router")
api.add_router("/insights", "bridge.insights.api.router")


def _json_method_not_allowed(view):
    """ninja answers a wrong method with plain text; clients get the API's JSON shape."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        message = gettext("The method %(method)s is not allowed here; use %(allowed)s.") % {
            "method": request.method[:10],
            "allowed": response.get("Allow", ""),
        }
        json_response = api.create_response(request, {"detail": message}, status=405)
        json_response["Allow"] = response.get("Allow", "")
        return json_response

    return wrapper


def _versioned_urls():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _json_method_not_allowed(pattern.callback)
    return patterns, app_name, namespace


def not_found(request, rest=""):
    """Any other path under the API answers in the API's shape, not with the HTML 404 page."""
    return api.create_response(request, {"detail": gettext("Not found.")}, status=404)


# Swagger UI sets inline styles and draws its icons as data: images; its scripts stay 'self'.
@csp_update({"style-src": ["'unsafe-inline'"], "img-src": ["data:"]})
@require_GET
def docs(request):
    return api.docs.render_page(request, api)


urlpatterns = [
    path("v1/", _versioned_urls()),
    re_path(r"^v1/(?P<rest>.*)$", not_found),
    path("docs", docs, name="api-docs"),
    path("docs/", RedirectView.as_view(pattern_name="api-docs", permanent=True)),
]

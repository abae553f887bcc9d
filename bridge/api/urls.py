"""The API: one NinjaAPI per version, assembled from each app's router.

Version 1 lives under /api/v1/ and its interactive docs at /api/docs. A breaking change gets a
new NinjaAPI (and namespace) beside this one, never an edit here; see docs/api-changelog.md.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from bridge.api.errors import install_error_handlers
from bridge.api.i18n import with_request_language

DESCRIPTION = _(
    "Public data of Creative Bridge. Anonymous callers may use every public endpoint; "
    "personal endpoints need a token (`Authorization: Bearer cb_…`, created on your profile "
    "page) or a signed-in browser session. Lists answer `{\"count\": N, \"items\": [...]}` and "
    "take `page` and `page_size` (at most 100). Labels follow `?lang=ru|uz|en`, else the "
    "Accept-Language header. Errors answer `{\"detail\": message}`, with `errors` for bad input."
)

api = NinjaAPI(
    title="Creative Bridge API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    # The docs page sits beside the versions (/api/docs), not inside one; see `docs` below.
    docs_url=None,
)
install_error_handlers(api)
api.add_decorator(with_request_language, mode="view")

# Each app contributes one router; the order is the order of the docs.
api.add_router("", "bridge.accounts.api.router")


def docs(request):
    return api.docs.render_page(request, api)


urlpatterns = [
    path("v1/", api.urls),
    path("docs", docs, name="api-docs"),
]

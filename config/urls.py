from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("bridge.core.urls")),
    path("", include("bridge.site.urls")),
    path("accounts/", include("bridge.accounts.urls.people")),
    path("organisations/", include("bridge.accounts.urls.organisations")),
    path("materials/collections/", include("bridge.materials.urls.collections")),
    path("materials/samples/", include("bridge.materials.urls.samples")),
    path("materials/", include("bridge.materials.urls.supplier")),
    path("materials/", include("bridge.materials.urls.catalog")),
    # programmes/review/… and programmes/staff/… (reviewers, ranking, decisions).
    path("programmes/", include("bridge.programs.urls.review")),
    # After any "programmes/review/" and "programmes/staff/" includes (bridge.programs.urls.public has
    # no bare-slug pattern, so it cannot swallow theirs either way).
    path("programmes/", include("bridge.programs.urls.public")),
    path("partnering/", include("bridge.partnering.urls.pages")),
    path("knowledge/", include("bridge.knowledge.urls")),
    path("insights/", include("bridge.insights.urls")),
    path("api/", include("bridge.api.urls")),
    path("staff/admin/", admin.site.urls),
]

if settings.DEBUG or not settings.PRODUCTION:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "bridge.core.views.page_not_found"
handler500 = "bridge.core.views.server_error"

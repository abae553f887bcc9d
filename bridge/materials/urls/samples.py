from django.urls import path
from django.views.generic import RedirectView

from bridge.materials.views import samples

app_name = "materials_samples"

urlpatterns = [
    path("", samples.inbox, name="inbox"),
    path("new/", samples.new, name="new"),
    # The page's own notification lines moved to the notification centre (issue 17): an old
    # form or bookmark lands there.
    path(
        "notifications/read/",
        RedirectView.as_view(pattern_name="core:notifications", permanent=True),
        name="mark_read",
    ),
    path("<int:pk>/", samples.detail, name="detail"),
    path("<int:pk>/message/", samples.message, name="message"),
    path("<int:pk>/<slug:action>/", samples.transition, name="transition"),
]

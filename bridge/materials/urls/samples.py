from django.urls import path

from bridge.materials.views import samples

app_name = "materials_samples"

urlpatterns = [
    path("", samples.inbox, name="inbox"),
    path("new/", samples.new, name="new"),
    path("notifications/read/", samples.mark_read, name="mark_read"),
    path("<int:pk>/", samples.detail, name="detail"),
    path("<int:pk>/message/", samples.message, name="message"),
    path("<int:pk>/<slug:action>/", samples.transition, name="transition"),
]

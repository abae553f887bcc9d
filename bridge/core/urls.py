from django.urls import path

from bridge.core import progress_views, views
from bridge.core.notifications import views as notifications

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.metrics_view, name="metrics"),
    path("notifications/", notifications.centre, name="notifications"),
    path("notifications/<int:pk>/read/", notifications.mark_read, name="notification_read"),
    path("notifications/read-all/", notifications.mark_all_read, name="notifications_read_all"),
    path("notifications/settings/", notifications.preferences, name="notification_settings"),
    path(
        "notifications/unsubscribe/<str:token>/",
        notifications.unsubscribe,
        name="unsubscribe",
    ),
    path("runs/<int:pk>/", progress_views.page, name="progress"),
    path("runs/<int:pk>/status/", progress_views.poll, name="progress_poll"),
    path("runs/<int:pk>/report.csv", progress_views.report, name="progress_report"),
]

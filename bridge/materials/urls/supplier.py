from django.urls import path

from bridge.materials.views import dashboard, exports, imports, moderation

app_name = "materials_supplier"
urlpatterns = [
    path("dashboard/", dashboard.home, name="home"),
    path("dashboard/<slug:slug>/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<slug:slug>/bulk/", dashboard.bulk, name="bulk"),
    path("dashboard/<slug:slug>/new/", dashboard.edit, name="new"),
    path("dashboard/<slug:slug>/<int:pk>/edit/", dashboard.edit, name="edit"),
    path("import/", imports.upload, name="import"),
    path("import/<int:pk>/", imports.report, name="import_report"),
    path("import/<int:pk>/commit/", imports.commit, name="import_commit"),
    path("export.<str:fmt>", exports.export, name="export"),
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/decide/", moderation.decide, name="moderation_decide"),
    path("moderation/<int:pk>/history/", moderation.history, name="moderation_history"),
]

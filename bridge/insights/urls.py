from django.urls import path, re_path

from bridge.insights.views import dashboard, opendata, report, staff

app_name = "insights"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("data/", opendata.index, name="data"),
    re_path(
        r"^data/dictionary/(?P<key>[a-z0-9-]{1,60})\.(?P<fmt>csv|json)$",
        opendata.dictionary,
        name="dictionary",
    ),
    re_path(
        r"^data/(?P<key>[a-z0-9-]{1,60})\.(?P<fmt>csv|json|xlsx)$",
        opendata.download,
        name="download",
    ),
    path("report/", report.latest, name="report_latest"),
    re_path(r"^report/(?P<quarter>\d{4}-Q[1-4])/$", report.report, name="report"),
    re_path(r"^report/(?P<quarter>\d{4}-Q[1-4])\.pdf$", report.report_pdf, name="report_pdf"),
    path("staff/", staff.index, name="staff"),
    path("staff/moderation/", staff.moderation, name="staff_moderation"),
    path("staff/suppliers/", staff.suppliers, name="staff_suppliers"),
    path("staff/reviewers/", staff.reviewers, name="staff_reviewers"),
    path("staff/cohorts/", staff.cohorts, name="staff_cohorts"),
    re_path(
        r"^staff/(?P<report>moderation|suppliers|reviewers|cohorts)\.(?P<fmt>csv|xlsx)$",
        staff.export,
        name="staff_export",
    ),
    path("staff/recompute/", staff.recompute, name="staff_recompute"),
]

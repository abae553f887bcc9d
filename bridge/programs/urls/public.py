"""Public programme pages, the applicant's pages, the cohort and the figures.

Mounted at /programmes/ after the review and staff pages (/programmes/review/, /programmes/staff/),
and no pattern here starts with a bare slug, so none can swallow theirs."""

from django.urls import path

from bridge.programs import ids  # noqa: F401  (registers the <dbid:…> converter)
from bridge.programs.views import application_form, applications, cohort, figures, files, public

app_name = "programs"

urlpatterns = [
    path("", public.programme_list, name="programme_list"),
    path("calls/<slug:slug>/", public.call_detail, name="call_detail"),
    path("calls/<slug:slug>/apply/", applications.start, name="application_start"),
    path("calls/<slug:slug>/cohort/", cohort.board, name="cohort_board"),
    path("calls/<slug:slug>/figures/", figures.figures, name="figures"),
    path("calls/<slug:slug>/export.<str:fmt>", figures.export, name="export"),
    path("applications/", applications.my_applications, name="my_applications"),
    path("applications/<dbid:pk>/", applications.detail, name="application_detail"),
    path("applications/<dbid:pk>/edit/", application_form.edit, name="application_edit"),
    path(
        "applications/<dbid:pk>/autosave/", application_form.autosave, name="application_autosave"
    ),
    path("applications/<dbid:pk>/submit/", applications.submit, name="application_submit"),
    path("applications/<dbid:pk>/withdraw/", applications.withdraw, name="application_withdraw"),
    path("applications/<dbid:pk>/cohort/", cohort.team, name="cohort_team"),
    # Applicants' files: a permission-checked download (what their `.url` points at).
    path("files/<path:name>", files.download, name="file"),
]

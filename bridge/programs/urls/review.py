"""Reviewer pages under /programmes/review/ and staff review pages under /programmes/staff/.

Mounted once at /programmes/ (config/urls.py), so one namespace serves both."""

from django.urls import path

from bridge.programs import ids  # noqa: F401  (registers the <dbid:…> converter)
from bridge.programs.views import review, staff

app_name = "programs_review"

urlpatterns = [
    path("review/", review.home, name="home"),
    path("review/invitations/<str:token>/", review.invitation, name="invitation"),
    path("review/applications/<dbid:pk>/", review.application, name="application"),
    path("review/applications/<dbid:pk>/pitch-deck/", review.pitch_deck, name="pitch_deck"),
    path(
        "review/applications/<dbid:pk>/answers/<dbid:question>/file/",
        review.answer_file,
        name="answer_file",
    ),
    path("review/applications/<dbid:pk>/conflict/", review.conflict, name="conflict"),
    path("staff/calls/<slug:slug>/reviewers/", staff.reviewers, name="staff_reviewers"),
    path("staff/calls/<slug:slug>/assignments/", staff.assignments, name="staff_assignments"),
    path(
        "staff/calls/<slug:slug>/assignments/run/",
        staff.assignments_run,
        name="staff_assignments_run",
    ),
    path(
        "staff/calls/<slug:slug>/assignments/add/",
        staff.assignment_add,
        name="staff_assignment_add",
    ),
    path(
        "staff/calls/<slug:slug>/assignments/<dbid:pk>/remove/",
        staff.assignment_remove,
        name="staff_assignment_remove",
    ),
    path(
        "staff/calls/<slug:slug>/conflicts/detect/",
        staff.conflicts_detect,
        name="staff_conflicts_detect",
    ),
    path("staff/calls/<slug:slug>/eligibility/", staff.eligibility, name="staff_eligibility"),
    path("staff/calls/<slug:slug>/ranking/", staff.ranking, name="staff_ranking"),
    path(
        "staff/calls/<slug:slug>/applications/<dbid:pk>/shortlist/",
        staff.shortlist,
        name="staff_shortlist",
    ),
    path(
        "staff/calls/<slug:slug>/applications/<dbid:pk>/decide/", staff.decide, name="staff_decide"
    ),
    path("staff/calls/<slug:slug>/outbox/", staff.outbox, name="staff_outbox"),
    path("staff/calls/<slug:slug>/outbox/send-all/", staff.outbox_send_all, name="staff_send_all"),
    path("staff/calls/<slug:slug>/outbox/<dbid:pk>/send/", staff.outbox_send, name="staff_send"),
    path(
        "staff/calls/<slug:slug>/outbox/<dbid:pk>/withdraw/",
        staff.outbox_withdraw,
        name="staff_withdraw",
    ),
]

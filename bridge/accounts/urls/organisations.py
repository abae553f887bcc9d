from django.urls import path

from bridge.accounts.views import members, moderation
from bridge.accounts.views import organisations as views

app_name = "organisations"
# Fixed paths come before "<slug>/"; services.organisations.RESERVED_SLUGS keeps them free.
urlpatterns = [
    path("", views.directory, name="directory"),
    path("new/", views.create, name="create"),
    path("legal-forms/", views.legal_forms, name="legal_forms"),
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/<slug:slug>/", moderation.decide, name="moderation_decide"),
    path("invitations/<slug:token>/", members.invitation, name="invitation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path(
        "<slug:slug>/request-verification/",
        views.request_verification,
        name="request_verification",
    ),
    path("<slug:slug>/members/", members.members, name="members"),
    path("<slug:slug>/members/invite/", members.invite, name="invite"),
    path("<slug:slug>/members/<int:pk>/role/", members.member_role, name="member_role"),
    path("<slug:slug>/members/<int:pk>/remove/", members.member_remove, name="member_remove"),
    path(
        "<slug:slug>/invitations/<int:pk>/revoke/",
        members.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/leave/", members.leave, name="leave"),
    path("<slug:slug>/transfer/", members.transfer, name="transfer"),
]

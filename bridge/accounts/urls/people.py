from django.contrib.auth import views as auth_views
from django.urls import path

from bridge.accounts.views import language, security
from bridge.accounts.views import people as views

app_name = "accounts"
urlpatterns = [
    path("language/", language.set_language, name="set_language"),
    path("signup/", views.signup, name="signup"),
    path("confirm/", views.confirm_resend, name="confirm_resend"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("profile/", views.profile, name="profile"),
    path("two-factor/setup/", security.setup, name="two_factor_setup"),
    path("two-factor/verify/", security.verify, name="two_factor_verify"),
    path("two-factor/recovery-codes/", security.recovery_codes, name="two_factor_codes"),
    path("two-factor/disable/", security.disable, name="two_factor_disable"),
    path("sessions/end-all/", security.sign_out_everywhere, name="sign_out_everywhere"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]

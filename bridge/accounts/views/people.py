"""Pages where a person looks after their own account. Thin: parse, authorise, call, respond."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from bridge.accounts.forms.people import (
    DUPLICATE_EMAIL,
    ApiTokenCreateForm,
    EmailLoginForm,
    LocalisedPasswordResetForm,
    ProfileForm,
    ResendConfirmationForm,
    SignUpForm,
)
from bridge.accounts.models import ApiToken
from bridge.accounts.selectors import organisations_for_user, second_factor_summary
from bridge.accounts.services.people import (
    ConfirmationError,
    api_token_create,
    api_token_revoke,
    email_confirmation_resend,
    user_confirm_email,
    user_login_throttle_reset,
    user_sign_up,
    user_update_preferences,
)

_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
_SIGNUP_EMAIL = "accounts:signup-email"
_SIGNUP_NEXT = "accounts:signup-next"


def safe_next(request, url: str | None = None) -> str:
    """The page to return to, from `next`, or "" when it points off the site."""
    if url is None:
        url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _remember_language(response, language: str):
    """The middleware applies a signed-in person's language; the cookie keeps it after sign-out."""
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
    return response


# --- Sign-up and e-mail confirmation ---------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    next_url = safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "accounts:profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user_sign_up(
                email=data["email"],
                password=data["password1"],
                full_name=data["full_name"],
                language=data["language"],
            )
        except IntegrityError:  # the same address signed up a moment ago
            form.add_error("email", DUPLICATE_EMAIL)
        else:
            request.session[_SIGNUP_EMAIL] = data["email"]
            if next_url:
                # Back to where they were once the link from the e-mail signs them in.
                request.session[_SIGNUP_NEXT] = next_url
            return _remember_language(redirect("accounts:confirm_resend"), data["language"])
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_resend(request):
    """ "Check your e-mail" after sign-up, and the form to ask for a new link."""
    email = request.session.get(_SIGNUP_EMAIL, "")
    form = ResendConfirmationForm(request.POST or None, initial={"email": email})
    if request.method == "POST" and form.is_valid():
        email_confirmation_resend(email=form.cleaned_data["email"])
        messages.success(
            request,
            _(
                "If an account with that address is waiting for confirmation, "
                "a new link is on its way. It may take a few minutes to arrive."
            ),
        )
        return redirect("accounts:confirm_resend")
    return render(request, "accounts/confirm_sent.html", {"form": form, "email": email})


@never_cache
@require_http_methods(["GET"])
def confirm(request, token: str):
    started = timezone.now()
    try:
        user = user_confirm_email(token=token)
    except ConfirmationError:
        form = ResendConfirmationForm(initial={"email": request.session.get(_SIGNUP_EMAIL, "")})
        return render(request, "accounts/confirm_invalid.html", {"form": form}, status=400)
    request.session.pop(_SIGNUP_EMAIL, None)
    next_url = safe_next(request, request.session.pop(_SIGNUP_NEXT, ""))
    if user.email_confirmed_at < started:
        # A link that was used before confirms nothing new and does not sign anyone in again.
        if request.user == user:
            return redirect("accounts:profile")
        messages.info(request, _("Your e-mail address is already confirmed. Please sign in."))
        return redirect("accounts:login")
    if not user.is_active:
        messages.info(request, _("Your e-mail address is confirmed."))
        return redirect("accounts:login")
    login(request, user, backend=_MODEL_BACKEND)
    messages.success(request, _("Thank you — your e-mail address is confirmed. Welcome!"))
    return _remember_language(redirect(next_url or "accounts:profile"), user.language)


# --- Signing in and out ----------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        return _remember_language(response, form.get_user().language)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if form.is_bound and form.unconfirmed:
            context["resend_form"] = ResendConfirmationForm(
                initial={"email": form.cleaned_data.get("username", "")}
            )
        return context


class PasswordResetView(auth_views.PasswordResetView):
    form_class = LocalisedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The locked-out page sends people here; a new password lifts the lock at once.
        user_login_throttle_reset(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


# --- Profile ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm.for_user(user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_update_preferences(
            user=user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
            timezone_name=form.cleaned_data["timezone"],
        )
        messages.success(request, _("Your profile is saved."))
        return _remember_language(redirect("accounts:profile"), user.language)
    context = {
        "form": form,
        "memberships": organisations_for_user(user=user),
        "second_factor": second_factor_summary(user=user),
    }
    return render(request, "accounts/profile.html", context)


# --- API tokens ------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = ApiTokenCreateForm(request.POST or None)
    secret = new_token = None
    if request.method == "POST" and form.is_valid():
        # Rendered, not redirected: the secret must not travel through a URL or the session.
        data = form.cleaned_data
        new_token, secret = api_token_create(
            user=request.user, name=data["name"], days=data["days"], scope=data["scope"]
        )
        form = ApiTokenCreateForm()
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_token": new_token,
        "secret": secret,
    }
    return render(request, "accounts/tokens.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, token_id: int):
    if request.method == "POST":
        try:
            token = api_token_revoke(user=request.user, token_id=token_id)
        except ApiToken.DoesNotExist as exc:
            raise Http404 from exc
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return redirect("accounts:tokens")
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    return render(request, "accounts/token_revoke.html", {"token": token})

"""The second factor and sessions: set-up, the code after the password, recovery codes, turning
it off, and signing out everywhere. Thin: parse, authorise, call, respond."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from bridge.accounts import second_factor
from bridge.accounts.forms.security import CodeForm, SetupCodeForm
from bridge.accounts.selectors import second_factor_summary
from bridge.accounts.services import security as services
from bridge.accounts.views.people import safe_next


def _signed_in_fully(request) -> None:
    """The session now carries the second factor: mark it and give it a new key."""
    second_factor.mark(request, second_factor.VERIFIED)
    request.session.cycle_key()


def _codes_page(request, codes, *, next_url=""):
    context = {"codes": codes, "next": next_url}
    return render(request, "accounts/two_factor_codes.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    state = second_factor.session_state(request)
    if state == second_factor.PENDING_VERIFY:
        # A device exists: its code comes first, so a stolen password cannot add another one.
        return redirect("accounts:two_factor_verify")
    next_url = safe_next(request)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_setup_confirm(user=request.user, token=form.cleaned_data["code"])
        except services.SecondFactorError as exc:
            form.add_error("code", str(exc.message))
        else:
            _signed_in_fully(request)
            messages.success(request, _("Two-factor authentication is on."))
            return _codes_page(request, codes, next_url=next_url)
    device = services.totp_setup_begin(user=request.user)
    context = {
        "form": form,
        "next": next_url,
        "required": state == second_factor.PENDING_SETUP,
        "secret": _grouped(device),
        "qr": _qr_svg(device.config_url),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _grouped(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    next_url = safe_next(request)
    state = second_factor.session_state(request)
    if state == second_factor.PENDING_SETUP:
        return redirect("accounts:two_factor_setup")
    if state != second_factor.PENDING_VERIFY:
        return redirect(next_url or "accounts:profile")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_factor_verify(user=request.user, token=form.cleaned_data["code"])
        except services.SecondFactorError as exc:
            form.add_error("code", str(exc.message))
        else:
            _signed_in_fully(request)
            return redirect(next_url or "accounts:profile")
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
@require_POST
def recovery_codes(request):
    try:
        codes = services.recovery_codes_regenerate(user=request.user)
    except PermissionDenied:
        messages.error(request, _("Turn on two-factor authentication first."))
        return redirect("accounts:profile")
    messages.success(request, _("New recovery codes are ready; the old ones no longer work."))
    return _codes_page(request, codes)


@login_required
@require_http_methods(["GET", "POST"])
def disable(request):
    summary = second_factor_summary(user=request.user)
    if summary["required"]:
        messages.error(request, _("Staff must keep two-factor authentication on."))
        return redirect("accounts:profile")
    if request.method == "POST":
        services.second_factor_disable(user=request.user)
        second_factor.mark(request, second_factor.NOT_NEEDED)
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:profile")
    return render(request, "accounts/two_factor_disable.html", {"summary": summary})


@login_required
@require_POST
def sign_out_everywhere(request):
    count = services.user_sessions_end_all(user=request.user)
    logout(request)
    messages.success(
        request,
        ngettext(
            "You are signed out everywhere: %(count)d session ended.",
            "You are signed out everywhere: %(count)d sessions ended.",
            count,
        )
        % {"count": count},
    )
    return redirect("accounts:login")


def _qr_svg(url: str):
    # segno draws only paths from the URL's bits; nothing of the URL is written as text.
    # Without width/height (a viewBox instead) the drawing scales to its CSS box.
    return mark_safe(segno.make(url, error="m").svg_inline(scale=5, omitsize=True))  # noqa: S308

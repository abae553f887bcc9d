"""Staff (and anyone who turned the second factor on) go no further than the second-factor pages
until they have typed a code in this session."""

from urllib.parse import quote

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from bridge.accounts import second_factor

# Open to a session that still owes its second factor: the pages that settle it, signing out,
# the language switch, and files.
_OPEN_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/accounts/language/")


def _is_open(path: str) -> bool:
    files = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p != "/")
    return path.startswith(_OPEN_PREFIXES + files)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _is_open(request.path_info):
            state = second_factor.session_state(request)
            if state in second_factor.PENDING:
                return self._stop(request, state)
        return self.get_response(request)

    @staticmethod
    def _stop(request, state: str):
        if request.path_info.startswith("/api/"):
            message = _("Confirm your sign-in with a code from your authenticator app first.")
            return JsonResponse({"detail": message, "code": "second_factor_required"}, status=403)
        name = "accounts:two_factor_verify"
        if state == second_factor.PENDING_SETUP:
            name = "accounts:two_factor_setup"
        return redirect(f"{reverse(name)}?next={quote(request.get_full_path())}")

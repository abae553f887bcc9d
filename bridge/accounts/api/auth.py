"""Who is calling: a personal API token, a browser session, or nobody.

Tokens come first so scripts never need a CSRF token; the session is only trusted together
with a valid CSRF token on unsafe methods, because a browser sends its cookie to any site's form.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from bridge.accounts.services.people import api_token_check

_READING = ("GET", "HEAD", "OPTIONS")


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer cb_…` with a personal token from the profile page."""

    def authenticate(self, request: HttpRequest, token: str):
        api_token = api_token_check(raw=token.strip()) if token.strip() else None
        if api_token is None:
            # A wrong, expired or revoked token is an error even on public endpoints: silently
            # treating the caller as anonymous would hide a broken script behind plausible answers.
            raise AuthenticationError(
                message=str(_("The API token is not valid, has expired or was revoked."))
            )
        if api_token.read_only and request.method not in _READING:
            raise HttpError(
                403,
                str(
                    _(
                        "This API token is read-only: it may not change anything. Create a "
                        "read-and-write token on your profile page for this."
                    )
                ),
            )
        request.user = api_token.user
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; CSRF is checked for unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest):
        # Only a signed-in session carries authority worth forging, so anonymous browsers are
        # not asked for a CSRF token they may not have.
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                str(
                    _(
                        "CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken "
                        "header, or use an API token instead of the session."
                    )
                ),
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key):
        return request.user if request.user.is_authenticated else None


def anonymous(request: HttpRequest):
    """Lets public endpoints run for callers without credentials (AnonymousUser is truthy)."""
    return request.user


token_auth = ApiTokenAuth()
session_auth = SessionAuth()

# For endpoints anyone may call; `request.auth` is the caller (possibly anonymous).
PUBLIC = [token_auth, session_auth, anonymous]
# ninja lists only the credential schemes in the OpenAPI schema; an empty requirement added
# beside them (pass as `openapi_extra`) tells clients the credentials are optional.
PUBLIC_OPENAPI = {"security": [{}]}
# For endpoints that need a person; anonymous callers get 401.
SIGNED_IN = [token_auth, session_auth]

"""Where a signed-in session stands with the second factor, kept in the session itself.

The state is worked out once, when the person signs in (or on the first request of an older
session), so ordinary requests cost no query. A role change or "sign out everywhere" ends the
person's sessions (see services.security), so a session never outlives the facts it was based on.
"""

from django_otp import user_has_device

from bridge.accounts import rules

SESSION_KEY = "accounts.second_factor"
VERIFIED = "verified"  # the person typed a code (or set up their device) in this session
NOT_NEEDED = "none"  # no device and no staff role: the password is enough
PENDING_VERIFY = "verify"  # has a device: must type a code before going on
PENDING_SETUP = "setup"  # staff without a device: must set one up before going on
PENDING = (PENDING_VERIFY, PENDING_SETUP)


def state_at_sign_in(user) -> str:
    if user_has_device(user, confirmed=True):
        return PENDING_VERIFY
    if rules.must_use_two_factor(user):
        return PENDING_SETUP
    return NOT_NEEDED


def session_state(request) -> str:
    state = request.session.get(SESSION_KEY)
    if state is None:
        state = state_at_sign_in(request.user)
        request.session[SESSION_KEY] = state
    return state


def mark(request, state: str) -> None:
    request.session[SESSION_KEY] = state


def on_sign_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: every way in (the sign-in page, the admin's, an e-mail link,
    a test's force_login) starts the session in the right state."""
    if request is not None and hasattr(request, "session"):
        mark(request, state_at_sign_in(user))

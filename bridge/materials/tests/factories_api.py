"""Helpers for the API tests of the Materials Center: a bearer token per person and scope."""

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory


def bearer(user, *, read_only: bool = False) -> dict:
    """Client headers with a token of this person (read-only or read-write)."""
    scope = TokenScope.READ if read_only else TokenScope.READ_WRITE
    raw = f"cb_test_{user.pk:08d}_{scope}"
    if not user.api_tokens.filter(scope=scope).exists():
        ApiTokenFactory(user=user, raw=raw, scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

"""One-click unsubscribe links: a signed (not expiring) token naming a person and a kind."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "bridge.core.notifications.unsubscribe"


def make_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) for a token this site signed; None for anything else."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, kind = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or not isinstance(kind, str):
        return None
    return user_id, kind


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    path = reverse("core:unsubscribe", args=[make_token(user_id=user_id, kind=kind)])
    return settings.SITE_URL.rstrip("/") + path

"""Writes about people: sign-up, e-mail confirmation, preferences, API tokens."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from bridge.accounts.models import ApiToken, User
from bridge.accounts.models.tokens import TOKEN_LIFETIMES, TokenScope, hash_token
from bridge.core.audit import audit_log
from bridge.core.mail import notify

_CONFIRM_SALT = "accounts.confirm-email"


class ConfirmationError(Exception):
    """The link is expired, altered, or for an address that has changed since."""


def email_confirmation_token(*, user: User) -> str:
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign_object({"u": user.pk, "e": user.email})


def email_confirmation_send(*, user: User) -> None:
    path = reverse("accounts:confirm", kwargs={"token": email_confirmation_token(user=user)})
    notify(
        to=user,
        template="accounts/email/confirm",
        context={"name": user.display_name, "url": settings.SITE_URL + path},
    )


@transaction.atomic
def user_sign_up(*, email: str, password: str, full_name: str = "", language: str = "") -> User:
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name.strip(), language=language
    )
    transaction.on_commit(lambda: email_confirmation_send(user=user))
    return user


@transaction.atomic
def user_confirm_email(*, token: str) -> User:
    max_age = settings.EMAIL_CONFIRMATION_MAX_AGE
    try:
        data = signing.TimestampSigner(salt=_CONFIRM_SALT).unsign_object(token, max_age=max_age)
        user = User.objects.select_for_update().get(pk=data["u"], email=data["e"])
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError) as exc:
        raise ConfirmationError from exc
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


@transaction.atomic
def user_update_preferences(
    *, user: User, full_name: str, language: str, timezone_name: str
) -> User:
    user.full_name = full_name.strip()
    user.language = language
    user.timezone = timezone_name
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "language", "timezone"])
    return user


def user_login_throttle_reset(*, user: User) -> None:
    """Forget failed sign-in attempts for this person's address (after a password reset)."""
    from axes.utils import reset

    from bridge.accounts.throttle import axes_username

    reset(username=axes_username(None, {"username": user.email}))


def user_set_language(*, user: User, language: str) -> None:
    if user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def api_token_create(
    *, user: User, name: str, days: int = 90, scope: str = TokenScope.READ_WRITE
) -> tuple[ApiToken, str]:
    """Returns the token row and the secret, which is never retrievable again."""
    if days not in TOKEN_LIFETIMES or scope not in TokenScope.values:
        raise ValueError("unknown lifetime or scope")
    raw = "cb_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=raw[:10],
        key_hash=hash_token(raw),
        expires_at=timezone.now() + timedelta(days=days),
        scope=scope,
    )
    audit_log(
        actor=user,
        action="token.create",
        target=token,
        prefix=token.prefix,
        scope=scope,
        expires_at=token.expires_at.isoformat(),
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=user, action="token.revoke", target=token, prefix=token.prefix)
    return token


def api_token_authenticate(*, raw: str) -> User | None:
    token = api_token_check(raw=raw)
    return token.user if token is not None else None


def api_token_check(*, raw: str) -> ApiToken | None:
    """The live token with this secret (not revoked, not expired, its person active), noting
    when it was used; None otherwise."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if token is None:
        return None
    # Writing on every request would turn reads into writes; a minute's precision is enough.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def email_confirmation_resend(*, email: str) -> bool:
    """Send a fresh confirmation link if the address belongs to an unconfirmed account.

    Returns whether a message went out; callers answer the same either way, so the form cannot
    be used to learn who has an account. One message per address per minute at most.
    """
    user = User.objects.filter(
        email__iexact=email.strip(), email_confirmed_at__isnull=True, is_active=True
    ).first()
    if user is None:
        return False
    if not cache.add(f"accounts:confirm-resend:{user.pk}", 1, timeout=60):
        return False
    email_confirmation_send(user=user)
    return True

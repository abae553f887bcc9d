"""Writes about signing in safely: the second factor, recovery codes, and ending sessions."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bridge.accounts import rules
from bridge.accounts.models import User
from bridge.core.audit import audit_log

RECOVERY_CODES = 10
WRONG_CODE = _("This code is not right, or it was used already. Try the next one.")


class SecondFactorError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def totp_setup_begin(*, user: User) -> TOTPDevice:
    """The device being set up: kept unconfirmed until the person types a code from it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_setup_confirm(*, user: User, token: str) -> list[str]:
    """Confirms the device with a code from it; returns the new recovery codes (shown once)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        raise SecondFactorError(WRONG_CODE)
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_replace(user)
    audit_log(actor=user, action="second_factor.enable", target=user)
    return codes


def second_factor_verify(*, user: User, token: str):
    """The device a code belongs to; a recovery code works once, a TOTP code never twice."""
    device = match_token(user, token.strip().lower().replace(" ", "")) if token else None
    if device is None:
        raise SecondFactorError(WRONG_CODE)
    return device


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise PermissionDenied
    codes = _recovery_codes_replace(user)
    audit_log(actor=user, action="second_factor.recovery_codes", target=user)
    return codes


@transaction.atomic
def second_factor_disable(*, user: User) -> None:
    if rules.must_use_two_factor(user):
        raise PermissionDenied
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_log(actor=user, action="second_factor.disable", target=user)


def _recovery_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


# --- Sessions --------------------------------------------------------------------------------


def user_sessions_invalidate(*, user: User) -> None:
    """Every session of the person stops matching on its next request (any session backend).
    The caller keeps its own session, if it is the person's, with update_session_auth_hash."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


@transaction.atomic
def user_sessions_end_all(*, user: User) -> int:
    """Sign out everywhere: ends every session of the person, returns how many were stored."""
    user_sessions_invalidate(user=user)
    keys = _stored_session_keys(user)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in keys:
        store(session_key=key).delete()
    audit_log(actor=user, action="sessions.end_all", target=user, count=len(keys))
    return len(keys)


def _stored_session_keys(user: User) -> list[str]:
    """Keys of the person's unexpired sessions, for backends that keep them in the database."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return []
    model = store.get_model_class()
    keys = []
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            keys.append(session.session_key)
    return keys

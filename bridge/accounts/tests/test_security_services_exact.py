"""Second-factor and session services, to the exact row: the authenticator being set up (one at a
time, never someone else's), confirming it with a code (the old device replaced, ten recovery
codes stored and returned, the audit row) and the exact message a wrong code gets with nothing
changed; which codes sign in (typed in any case and spacing, a recovery code once); who may not
regenerate codes or switch the second factor off (and that nothing is removed then); and ending
sessions (the generation counter, which stored sessions end — the person's unexpired ones, both
edges of the expiry — the count returned and audited). Written for the mutation score of issue 18."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from bridge.accounts.models import User
from bridge.accounts.services import security as services
from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, trail

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

WRONG = "This code is not right, or it was used already. Try the next one."
TICK = timedelta(microseconds=1)


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    # django-otp slows guessing after a wrong code; the tests that type a right one after would wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def person(db):
    return UserFactory()


def code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def wrong(device: TOTPDevice) -> str:
    return f"{(int(code(device)) + 1) % 1_000_000:06d}"


def devices(user) -> list[tuple]:
    return sorted(
        TOTPDevice.objects.filter(user=user).values_list("pk", "name", "confirmed"),
        key=lambda d: d[0],
    )


def recovery_codes(user) -> list[str]:
    return sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def with_codes(user, *tokens) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    for token in tokens:
        StaticToken.objects.create(device=device, token=token)
    return device


# --- setting up ------------------------------------------------------------------------------


def test_setting_up_makes_one_unconfirmed_authenticator_and_reuses_it(person):
    first = services.totp_setup_begin(user=person)
    assert (first.user, first.name, first.confirmed) == (person, "authenticator", False)
    again = services.totp_setup_begin(user=person)
    assert again.pk == first.pk
    assert devices(person) == [(first.pk, "authenticator", False)]


def test_setting_up_beside_a_confirmed_device_makes_a_new_one(person):
    old = TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    new = services.totp_setup_begin(user=person)
    assert new.pk != old.pk
    assert devices(person) == [(old.pk, "phone", True), (new.pk, "authenticator", False)]


def test_setting_up_never_takes_someone_else_s_device(person):
    theirs = TOTPDevice.objects.create(user=UserFactory(), name="authenticator", confirmed=False)
    mine = services.totp_setup_begin(user=person)
    assert mine.pk != theirs.pk
    assert mine.user == person


def test_a_right_code_confirms_the_device_replaces_the_old_one_and_gives_ten_codes(person):
    old = TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    with_codes(person, "oldcode1")
    theirs = TOTPDevice.objects.create(user=UserFactory(), name="phone", confirmed=True)
    device = services.totp_setup_begin(user=person)
    codes = services.totp_setup_confirm(user=person, token=code(device))
    assert devices(person) == [(device.pk, "authenticator", True)]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.filter(pk=theirs.pk, confirmed=True).exists()
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert recovery_codes(person) == sorted(codes)
    assert list(StaticDevice.objects.filter(user=person).values_list("name", "confirmed")) == [
        ("recovery codes", True)
    ]
    assert trail(person) == [("second_factor.enable", person, {})]


@pytest.mark.parametrize("typed", ["wrong", ""])
def test_a_wrong_code_confirms_nothing_and_says_so(person, typed):
    device = services.totp_setup_begin(user=person)
    with pytest.raises(services.SecondFactorError) as refused:
        services.totp_setup_confirm(user=person, token=wrong(device) if typed else "")
    assert str(refused.value) == WRONG
    assert str(refused.value.message) == WRONG
    assert devices(person) == [(device.pk, "authenticator", False)]
    assert not StaticDevice.objects.exists()
    assert not AuditEntry.objects.exists()


def test_confirming_without_a_device_being_set_up_is_refused(person):
    confirmed = TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    with pytest.raises(services.SecondFactorError, match=WRONG):
        services.totp_setup_confirm(user=person, token=code(confirmed))
    assert devices(person) == [(confirmed.pk, "phone", True)]
    assert not AuditEntry.objects.exists()


def test_a_code_from_someone_else_s_device_does_not_confirm_mine(person):
    services.totp_setup_begin(user=person)
    theirs = services.totp_setup_begin(user=UserFactory())
    mine = TOTPDevice.objects.get(user=person)
    while code(theirs) == code(mine):  # one chance in a million: draw their key again
        theirs.key = random_hex()
        theirs.save(update_fields=["key"])
    their_code = code(theirs)
    with pytest.raises(services.SecondFactorError):
        services.totp_setup_confirm(user=person, token=their_code)


# --- signing in with a code ------------------------------------------------------------------


def test_a_right_code_names_its_device_and_never_works_twice(person):
    device = TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    typed = code(device)
    assert services.second_factor_verify(user=person, token=typed) == device
    with pytest.raises(services.SecondFactorError, match=WRONG):
        services.second_factor_verify(user=person, token=typed)


def test_a_recovery_code_works_in_any_case_and_spacing_once(person):
    device = with_codes(person, "abcdefgh", "ijklmnop")
    assert services.second_factor_verify(user=person, token="  ABCD EFGH ") == device
    assert recovery_codes(person) == ["ijklmnop"]
    with pytest.raises(services.SecondFactorError, match=WRONG):
        services.second_factor_verify(user=person, token="abcdefgh")


@pytest.mark.parametrize("typed", ["", "zzzzzzzz"])
def test_an_empty_or_unknown_code_is_refused(person, typed):
    with_codes(person, "abcdefgh")
    with pytest.raises(services.SecondFactorError) as refused:
        services.second_factor_verify(user=person, token=typed)
    assert str(refused.value) == WRONG
    assert recovery_codes(person) == ["abcdefgh"]


def test_someone_else_s_recovery_code_is_refused(person):
    with_codes(UserFactory(), "abcdefgh")
    with pytest.raises(services.SecondFactorError):
        services.second_factor_verify(user=person, token="abcdefgh")


# --- recovery codes and switching off --------------------------------------------------------


def test_new_recovery_codes_replace_the_old_ones(person):
    TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    with_codes(person, "oldcode1", "oldcode2")
    theirs = with_codes(UserFactory(), "theirs01")
    codes = services.recovery_codes_regenerate(user=person)
    assert len(codes) == 10
    assert recovery_codes(person) == sorted(codes)
    assert "oldcode1" not in codes
    assert StaticDevice.objects.filter(user=person).count() == 1
    assert list(theirs.token_set.values_list("token", flat=True)) == ["theirs01"]
    assert trail(person) == [("second_factor.recovery_codes", person, {})]


def test_no_recovery_codes_without_a_confirmed_device(person):
    TOTPDevice.objects.create(user=person, name="authenticator", confirmed=False)
    with_codes(person, "oldcode1")
    with pytest.raises(PermissionDenied):
        services.recovery_codes_regenerate(user=person)
    assert recovery_codes(person) == ["oldcode1"]
    assert not AuditEntry.objects.exists()


def test_someone_else_s_device_does_not_allow_my_codes(person):
    TOTPDevice.objects.create(user=UserFactory(), name="phone", confirmed=True)
    with pytest.raises(PermissionDenied):
        services.recovery_codes_regenerate(user=person)


def test_a_person_may_switch_the_second_factor_off(person):
    TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    TOTPDevice.objects.create(user=person, name="authenticator", confirmed=False)
    with_codes(person, "oldcode1")
    other = UserFactory()
    TOTPDevice.objects.create(user=other, name="phone", confirmed=True)
    with_codes(other, "theirs01")
    assert services.second_factor_disable(user=person) is None
    assert devices(person) == []
    assert not StaticDevice.objects.filter(user=person).exists()
    assert TOTPDevice.objects.filter(user=other).count() == 1
    assert recovery_codes(other) == ["theirs01"]
    assert trail(person) == [("second_factor.disable", person, {})]


@pytest.mark.parametrize(
    "staff",
    [{"is_staff": True}, {"is_superuser": True}, {"groups": ["analyst"]}],
    ids=["staff", "superuser", "role"],
)
def test_staff_may_not_switch_the_second_factor_off(db, staff):
    user = UserFactory(**staff)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    with_codes(user, "oldcode1")
    with pytest.raises(PermissionDenied):
        services.second_factor_disable(user=user)
    assert devices(user) == [(device.pk, "phone", True)]
    assert recovery_codes(user) == ["oldcode1"]
    assert not AuditEntry.objects.exists()


# --- sessions --------------------------------------------------------------------------------


def stored_session(user=None, *, expires=NOW + timedelta(days=1)) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    if user is not None:
        store[SESSION_KEY] = str(user.pk)
    store["seen"] = True
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
    return store.session_key


def generation(user) -> int:
    return User.objects.get(pk=user.pk).session_generation


def test_invalidating_moves_the_person_s_generation_on_by_one(person):
    other = UserFactory()
    services.user_sessions_invalidate(user=person)
    assert (person.session_generation, generation(person), generation(other)) == (1, 1, 0)
    services.user_sessions_invalidate(user=person)
    assert (person.session_generation, generation(person)) == (2, 2)


def test_signing_out_everywhere_ends_the_person_s_unexpired_sessions(person, clock):
    phone = stored_session(person)
    laptop = stored_session(person, expires=NOW + TICK)
    expired = stored_session(person, expires=NOW)
    theirs = stored_session(UserFactory())
    anonymous = stored_session()
    assert services.user_sessions_end_all(user=person) == 2
    remaining = set(Session.objects.values_list("session_key", flat=True))
    assert phone not in remaining
    assert laptop not in remaining
    assert {expired, theirs, anonymous} <= remaining
    assert (person.session_generation, generation(person)) == (1, 1)
    assert trail(person) == [("sessions.end_all", person, {"count": 2})]


def test_signing_out_everywhere_with_no_stored_session_still_moves_the_generation(person, clock):
    stored_session(person, expires=NOW)
    assert services.user_sessions_end_all(user=person) == 0
    assert generation(person) == 1
    assert trail(person) == [("sessions.end_all", person, {"count": 0})]


def test_with_sessions_kept_in_cookies_only_the_generation_ends_them(person, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    assert services.user_sessions_end_all(user=person) == 0
    assert generation(person) == 1
    assert trail(person) == [("sessions.end_all", person, {"count": 0})]

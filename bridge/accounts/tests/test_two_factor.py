"""Two-factor sign-in: staff must have it, everyone else may; codes work once; recovery codes."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bridge.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.integration

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
PROFILE = reverse("accounts:profile")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
CODES = reverse("accounts:two_factor_codes")
DISABLE = reverse("accounts:two_factor_disable")
ADMIN = "/staff/admin/"
QUEUE = reverse("organisations:moderation")
ME = "/api/v1/me"
WRONG = "This code is not right, or it was used already. Try the next one."


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    # django-otp slows down guessing (1 s, 2 s, 4 s… after each wrong code); the tests that type
    # a right code after a wrong one would otherwise wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += steps_ahead * device.step
    return f"{totp.token():06d}"


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _sign_in(client, user, **extra):
    return client.post(LOGIN, {"username": user.email, "password": PASSWORD}, **extra)


def _redirect_path(response) -> str:
    return response["Location"].split("?")[0]


# --- Who must, who may -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["moderator", "programme manager", "analyst"])
def test_staff_role_without_a_device_is_sent_to_set_one_up(client, db, kind):
    staff = UserFactory(is_staff=True, groups=[kind])
    _sign_in(client, staff)
    for path in (ADMIN, QUEUE, PROFILE, "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert _redirect_path(response) == SETUP
    # The session is signed in, but the page says why nothing else opens.
    page = client.get(SETUP)
    assert "Agency staff sign in with a password and a code" in page.text


def test_superuser_without_a_device_is_sent_to_set_one_up(client, db):
    boss = UserFactory(is_staff=True, is_superuser=True)
    _sign_in(client, boss)
    assert _redirect_path(client.get(ADMIN)) == SETUP


def test_staff_group_without_is_staff_still_counts(client, db):
    staff = UserFactory(groups=["analyst"])
    _sign_in(client, staff)
    assert _redirect_path(client.get(PROFILE)) == SETUP


def test_staff_api_work_through_the_session_waits_for_the_code(client, moderator):
    _device(moderator)
    _sign_in(client, moderator)
    response = client.get(ME)
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"


def test_member_without_a_device_signs_in_with_the_password_alone(client, member):
    response = _sign_in(client, member)
    assert _redirect_path(response) == PROFILE
    page = client.get(PROFILE)
    assert page.status_code == 200
    assert "Set up two-factor authentication" in page.text
    assert client.get(ME).status_code == 200
    # The admin still turns people who are not staff away, as before.
    assert "/login/" in client.get(ADMIN)["Location"]


def test_member_with_a_device_types_the_code_too(client, member):
    device = _device(member)
    _sign_in(client, member)
    assert _redirect_path(client.get(PROFILE)) == VERIFY
    response = client.post(VERIFY + "?next=/accounts/tokens/", {"code": _code(device)})
    assert response["Location"] == "/accounts/tokens/"
    assert client.get(PROFILE).status_code == 200


# --- Setting up ------------------------------------------------------------------------------


def test_staff_set_up_the_app_and_see_recovery_codes_once(client, moderator):
    _sign_in(client, moderator)
    page = client.get(SETUP + "?next=" + QUEUE)
    assert "<svg" in page.text  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    secret = re.search(r'id="totp-secret"[^>]*value="([A-Z2-7 ]+)"', page.text).group(1)
    assert len(secret.replace(" ", "")) == 32

    wrong = client.post(SETUP, {"code": "000000"})
    assert WRONG in wrong.text
    assert _redirect_path(client.get(QUEUE)) == SETUP

    done = client.post(SETUP, {"code": _code(device), "next": QUEUE})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.text)
    assert len(codes) == 10
    assert client.get(QUEUE).status_code == 200
    assert client.get(ADMIN).status_code == 200
    # Shown once: the profile says how many are left, never the codes.
    profile = client.get(PROFILE).text
    assert "10 recovery codes left" in profile
    assert codes[0] not in profile


def test_the_qr_code_scales_to_its_box_whole(client, member):
    """The page draws the code 12rem wide: without a viewBox the drawing would be cut, not
    scaled, and an authenticator app could not read it."""
    _sign_in(client, member)
    svg = re.search(r"<svg[^>]*class=\"segno\"[^>]*>", client.get(SETUP).text).group(0)
    assert "viewBox=" in svg
    assert "width=" not in svg


def test_setup_refuses_a_code_that_is_not_six_digits(client, member):
    _sign_in(client, member)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "abc"})
    assert "Type the 6 digits the app shows." in response.text


def test_a_stolen_password_cannot_add_a_second_device(client, member):
    _device(member)
    _sign_in(client, member)
    assert _redirect_path(client.get(SETUP)) == VERIFY
    assert TOTPDevice.objects.filter(user=member).count() == 1


# --- Codes: wrong, replayed, recovery ----------------------------------------------------------


def test_wrong_code_keeps_the_door_shut(client, moderator):
    _device(moderator)
    _sign_in(client, moderator)
    response = client.post(VERIFY, {"code": "123456"})
    assert WRONG in response.text
    assert _redirect_path(client.get(ADMIN)) == VERIFY


def test_a_code_works_only_once(client, moderator):
    device = _device(moderator)
    _sign_in(client, moderator)
    code = _code(device)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(LOGOUT)
    _sign_in(client, moderator)
    response = client.post(VERIFY, {"code": code})
    assert WRONG in response.text
    # The next step's code still works.
    assert client.post(VERIFY, {"code": _code(device, steps_ahead=1)}).status_code == 302


def test_a_recovery_code_works_once(client, moderator):
    _device(moderator)
    _sign_in(client, moderator)
    client.get(PROFILE)  # pending
    StaticToken.objects.all().delete()
    static = StaticDevice.objects.create(user=moderator, name="recovery codes")
    static.token_set.create(token="abcdefgh")
    assert client.post(VERIFY, {"code": "ABCD EFGH"}).status_code == 302
    assert client.get(ADMIN).status_code == 200
    client.post(LOGOUT)
    _sign_in(client, moderator)
    assert WRONG in client.post(VERIFY, {"code": "abcdefgh"}).text


def test_new_recovery_codes_replace_the_old_ones(client, member):
    device = _device(member)
    _sign_in(client, member)
    client.post(VERIFY, {"code": _code(device)})
    first = re.findall(r"<li><code>([a-z2-7]+)</code></li>", client.post(CODES).text)
    second = re.findall(r"<li><code>([a-z2-7]+)</code></li>", client.post(CODES).text)
    assert len(first) == len(second) == 10
    client.post(LOGOUT)
    _sign_in(client, member)
    assert WRONG in client.post(VERIFY, {"code": first[0]}).text
    assert client.post(VERIFY, {"code": second[0]}).status_code == 302


def test_new_recovery_codes_need_a_device(client, member):
    client.force_login(member)
    response = client.post(CODES, follow=True)
    assert "Turn on two-factor authentication first." in response.text


# --- Turning it off --------------------------------------------------------------------------


def test_member_may_turn_it_off(client, member):
    device = _device(member)
    _sign_in(client, member)
    client.post(VERIFY, {"code": _code(device)})
    assert client.get(DISABLE).status_code == 200
    client.post(DISABLE)
    assert not TOTPDevice.objects.filter(user=member).exists()
    client.post(LOGOUT)
    assert _redirect_path(_sign_in(client, member)) == PROFILE
    assert client.get(PROFILE).status_code == 200


def test_staff_may_not_turn_it_off(client, moderator):
    device = _device(moderator)
    _sign_in(client, moderator)
    client.post(VERIFY, {"code": _code(device)})
    assert "Turn off" not in client.get(PROFILE).text
    response = client.post(DISABLE, follow=True)
    assert "Staff must keep two-factor authentication on." in response.text
    assert TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()


@pytest.mark.real_second_factor
def test_pages_of_the_second_factor_need_a_signed_in_person(client):
    for path in (SETUP, VERIFY, DISABLE):
        assert "/accounts/login/" in client.get(path)["Location"]
    assert "/accounts/login/" in client.post(CODES)["Location"]


def test_verify_page_without_a_device_sends_a_member_on(client, member):
    _sign_in(client, member)
    assert client.get(VERIFY)["Location"] == PROFILE

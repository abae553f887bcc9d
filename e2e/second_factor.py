"""Staff journeys pass the second factor the way a person does: a confirmed authenticator device
(made here, as if set up before), and the code it shows typed after the password."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bridge.accounts.models import User
from bridge.accounts.rules import must_use_two_factor


def prepare(email: str) -> TOTPDevice | None:
    """Before the password: a device for staff, so the sign-in asks for its code."""
    user = User.objects.get(email__iexact=email)
    if not must_use_two_factor(user):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="e2e phone", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The app's code now, or the next step's when this one was used (a code works once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    ahead = max(0, device.last_t + 1 - totp.t())
    totp.time += ahead * device.step
    return f"{totp.token():06d}"


def pass_it(page, device: TOTPDevice | None) -> None:
    """After the password: type the code on the verification page, if there is one."""
    if device is None or "/accounts/two-factor/verify/" not in page.url:
        return
    page.fill("input[name=code]", current_code(device))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

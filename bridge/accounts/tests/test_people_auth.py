"""Signing in and out, the login throttle, password reset and change, the password hasher."""

import re
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from bridge.accounts.models import User
from bridge.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.integration

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
PROFILE = reverse("accounts:profile")
RESET = reverse("accounts:password_reset")
RESET_DONE = reverse("accounts:password_reset_done")
CHANGE = reverse("accounts:password_change")
NEW_PASSWORD = "violet-lantern-orchard-42"
WRONG_LOGIN = "The e-mail address or the password is not correct."


def _signed_in_as(client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None


def _login(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


@pytest.fixture
def ada(db):
    return UserFactory(email="ada@example.org", full_name="Ada Lovelace", language="en")


# --- Signing in ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["ada@example.org", "ADA@Example.ORG", "  Ada@example.org "])
def test_login_by_email_ignores_case(client, ada, typed):
    response = _login(client, typed)
    assert response.status_code == 302
    assert response.url == PROFILE
    assert _signed_in_as(client) == ada.pk


def test_wrong_password_says_so_without_signing_in(client, ada):
    response = _login(client, "ada@example.org", "not-the-password")
    assert response.status_code == 200
    assert WRONG_LOGIN in response.text
    assert _signed_in_as(client) is None


def test_unknown_address_gets_the_same_answer_as_a_wrong_password(client, ada):
    unknown = _login(client, "nobody@example.org")
    wrong = _login(client, "ada@example.org", "not-the-password")
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


def test_login_page_is_translated(client, db):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="ru")
    assert '<html lang="ru">' in response.text
    with translation.override("ru"):
        assert gettext("Forgot your password?") in response.text


def test_unconfirmed_account_is_refused_with_a_way_to_get_a_new_link(client, db):
    UserFactory(email="new@example.org", email_confirmed_at=None)
    response = _login(client, "new@example.org")
    assert response.status_code == 200
    assert _signed_in_as(client) is None
    assert response.context["form"].has_error("__all__", "unconfirmed")
    assert "Please confirm your e-mail address first" in response.text
    resend = response.context["resend_form"]
    assert resend["email"].value() == "new@example.org"
    assert f'action="{reverse("accounts:confirm_resend")}"' in response.text


def test_unconfirmed_account_with_wrong_password_reveals_nothing(client, db):
    UserFactory(email="new@example.org", email_confirmed_at=None)
    response = _login(client, "new@example.org", "not-the-password")
    assert WRONG_LOGIN in response.text
    assert "resend_form" not in response.context


def test_deactivated_account_cannot_sign_in(client, db):
    UserFactory(email="gone@example.org", is_active=False)
    response = _login(client, "gone@example.org")
    assert response.status_code == 200
    assert _signed_in_as(client) is None


def test_login_remembers_the_persons_language_in_a_cookie(client, db):
    UserFactory(email="rus@example.org", language="ru")
    response = _login(client, "rus@example.org")
    assert response.cookies["django_language"].value == "ru"


def test_signed_in_person_visiting_login_goes_to_profile(client, ada):
    client.force_login(ada)
    assert client.get(LOGIN).url == PROFILE


# --- Signing out -----------------------------------------------------------------------------


def test_logout_by_get_is_refused_and_keeps_the_session(client, ada):
    client.force_login(ada)
    response = client.get(LOGOUT)
    assert response.status_code == 405
    assert _signed_in_as(client) == ada.pk


def test_logout_by_post_signs_out_and_goes_home(client, ada):
    client.force_login(ada)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response.url == reverse("site:home")
    assert _signed_in_as(client) is None
    assert client.get(PROFILE).status_code == 302


def test_header_offers_a_post_logout_button_to_a_signed_in_person(client, ada):
    client.force_login(ada)
    page = client.get(reverse("site:home")).text
    assert re.search(rf'<form action="{LOGOUT}" method="post">', page)
    assert "Ada Lovelace" in page
    assert f'href="{reverse("accounts:tokens")}"' in page


def test_header_offers_sign_in_and_join_to_anonymous(client, db):
    page = client.get(reverse("site:home")).text
    assert f'href="{LOGIN}"' in page
    assert f'href="{reverse("accounts:signup")}"' in page
    assert LOGOUT not in page


# --- Throttling (django-axes) ----------------------------------------------------------------


@pytest.fixture
def axes_on(settings):
    axes_reset()
    with override_settings(AXES_ENABLED=True):
        yield
    axes_reset()


def test_repeated_failures_lock_the_address_out_with_a_translated_page(
    client, ada, axes_on, settings
):
    limit = settings.AXES_FAILURE_LIMIT
    # Changing the case of the address does not buy more attempts.
    for attempt in range(limit - 1):
        typed = "ada@example.org" if attempt % 2 else "ADA@example.org"
        response = _login(client, typed, f"wrong-{attempt}", HTTP_ACCEPT_LANGUAGE="ru")
        assert response.status_code == 200
    response = _login(client, "Ada@Example.org", "wrong-last", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert '<html lang="ru">' in response.text
    with translation.override("ru"):
        assert gettext("Too many attempts") in response.text
    assert f'href="{RESET}"' in response.text

    # Even the right password is refused while the lock holds.
    response = _login(client, "ada@example.org", PASSWORD)
    assert response.status_code == 429
    assert _signed_in_as(client) is None


def test_locked_out_page_says_when_to_try_again(client, ada, axes_on, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "ada@example.org", f"wrong-{attempt}")
    assert response.status_code == 429
    assert "Please try again in 15 minutes." in response.text
    assert "Reset your password" in response.text


def test_lock_is_per_address(client, ada, axes_on, settings):
    UserFactory(email="bob@example.org")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "ada@example.org", f"wrong-{attempt}")
    assert _login(client, "bob@example.org").status_code == 302


def test_success_before_the_limit_clears_the_count(client, ada, axes_on, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "ada@example.org", f"wrong-{attempt}")
    assert _login(client, "ada@example.org").status_code == 302
    client.post(LOGOUT)
    response = _login(client, "ada@example.org", "wrong-again")
    assert response.status_code == 200
    assert WRONG_LOGIN in response.text


def test_password_reset_lifts_the_lock(client, ada, axes_on, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "ada@example.org", f"wrong-{attempt}")
    assert AccessAttempt.objects.exists()
    _reset_password(client, "ada@example.org", NEW_PASSWORD)
    response = _login(client, "ada@example.org", NEW_PASSWORD)
    assert response.status_code == 302
    assert _signed_in_as(client) == ada.pk


# --- Password reset --------------------------------------------------------------------------


def _without_csrf(html: str) -> str:
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _link_path(message) -> str:
    return urlsplit(re.search(r"https?://\S+", message.body).group(0)).path


def _reset_password(client, typed_email: str, new_password: str):
    mail.outbox.clear()
    client.post(RESET, {"email": typed_email})
    assert len(mail.outbox) == 1
    form_page = client.get(_link_path(mail.outbox[0]), follow=True)
    assert form_page.context["validlink"]
    set_password_url = form_page.redirect_chain[-1][0]
    return client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )


def test_password_reset_full_flow_with_the_link_from_the_mail(client, ada):
    response = client.post(RESET, {"email": "ADA@example.org"})
    assert response.status_code == 302
    assert response.url == RESET_DONE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "Ada Lovelace" in message.body
    path = _link_path(message)
    assert path.startswith("/accounts/password/reset/")

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    assert 'name="new_password1"' in form_page.text
    set_url = form_page.redirect_chain[-1][0]
    assert "set-password" in set_url  # the token left the address bar

    weak = client.post(set_url, {"new_password1": "short", "new_password2": "short"})
    assert weak.status_code == 200
    assert weak.context["form"].has_error("new_password2", "password_too_short")

    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.url == reverse("accounts:password_reset_complete")

    ada.refresh_from_db()
    assert ada.check_password(NEW_PASSWORD)
    assert ada.password.startswith("argon2$")
    assert _login(client, "ada@example.org", PASSWORD).status_code == 200
    assert _login(client, "ada@example.org", NEW_PASSWORD).status_code == 302

    # The link works once.
    client.post(LOGOUT)
    again = client.get(path, follow=True)
    assert not again.context["validlink"]
    assert "This link does not work" in again.text


def test_reset_mail_is_in_the_persons_language(client, db):
    UserFactory(email="rus@example.org", language="ru")
    client.post(RESET, {"email": "rus@example.org"})
    with translation.override("ru"):
        subject = gettext("Set a new password for %(SITE_NAME)s") % {"SITE_NAME": "Creative Bridge"}
    assert mail.outbox[0].subject == subject


def test_reset_for_unknown_address_answers_the_same_and_sends_nothing(client, ada):
    known = client.post(RESET, {"email": "ada@example.org"}, follow=True)
    mail.outbox.clear()
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert mail.outbox == []
    assert unknown.redirect_chain == known.redirect_chain == [(RESET_DONE, 302)]
    assert _without_csrf(unknown.text) == _without_csrf(known.text)


def test_reset_with_a_malformed_address_is_a_form_error(client, db):
    response = client.post(RESET, {"email": "not an address"})
    assert response.status_code == 200
    assert response.context["form"].has_error("email", "invalid")


def test_altered_reset_link_is_refused_without_a_500(client, ada):
    client.post(RESET, {"email": "ada@example.org"})
    path = _link_path(mail.outbox[0])
    response = client.get(path[:-4] + "zzz/", follow=True)
    assert response.status_code == 200
    assert not response.context["validlink"]
    assert client.get("/accounts/password/reset/xx/yy/").status_code == 200


# --- Password change -------------------------------------------------------------------------


def test_password_change_keeps_the_person_signed_in(client, ada):
    client.force_login(ada)
    response = client.post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    ada.refresh_from_db()
    assert ada.check_password(NEW_PASSWORD)
    assert ada.password.startswith("argon2$")
    assert client.get(PROFILE).status_code == 200  # session survived the change


def test_password_change_signs_out_other_sessions(client, ada, django_user_model):
    other = type(client)()
    other.force_login(ada)
    client.force_login(ada)
    client.post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert other.get(PROFILE).status_code == 302


def test_password_change_needs_the_old_password(client, ada):
    client.force_login(ada)
    response = client.post(
        CHANGE,
        {"old_password": "guess", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("old_password", "password_incorrect")
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)


def test_password_change_is_for_signed_in_people_only(client, db):
    response = client.get(CHANGE)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


# --- Hashing ---------------------------------------------------------------------------------


def test_new_passwords_are_hashed_with_argon2(client, db, django_capture_on_commit_callbacks):
    client.post(
        reverse("accounts:signup"),
        {
            "email": "hash@example.org",
            "full_name": "Hash Test",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "language": "en",
        },
    )
    password = User.objects.get(email="hash@example.org").password
    assert password.startswith("argon2$argon2id$")
    assert NEW_PASSWORD not in password

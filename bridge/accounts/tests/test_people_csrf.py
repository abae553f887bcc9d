"""Every people form refuses a POST that lacks the CSRF token, and accepts it with one."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from bridge.accounts.models import ApiToken, User
from bridge.accounts.tests.factories import PASSWORD, ApiTokenFactory, UserFactory

pytestmark = pytest.mark.integration

NEW_PASSWORD = "violet-lantern-orchard-42"


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def ada(db):
    return UserFactory(email="ada@example.org", language="en")


def _token_from(client, url) -> str:
    page = client.get(url)
    assert page.status_code == 200
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _reset_url(client, user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    url = reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )
    return client.get(url, follow=True).redirect_chain[-1][0]  # the set-password form


ANONYMOUS_FORMS = {
    "signup": (
        reverse("accounts:signup"),
        {
            "email": "new@example.org",
            "full_name": "New",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "language": "en",
        },
    ),
    "login": (reverse("accounts:login"), {"username": "ada@example.org", "password": PASSWORD}),
    "password reset": (reverse("accounts:password_reset"), {"email": "ada@example.org"}),
    "resend confirmation": (reverse("accounts:confirm_resend"), {"email": "ada@example.org"}),
}

SIGNED_IN_FORMS = {
    "password change": (
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    ),
    "profile": (
        reverse("accounts:profile"),
        {"full_name": "Changed", "language": "ru", "timezone": "UTC"},
    ),
    "token create": (reverse("accounts:tokens"), {"name": "sync"}),
    "set language": (reverse("accounts:set_language"), {"language": "uz", "next": "/"}),
    "logout": (reverse("accounts:logout"), {}),
}


@pytest.mark.parametrize("name", list(ANONYMOUS_FORMS))
def test_anonymous_form_without_token_is_refused(csrf_client, ada, name):
    url, data = ANONYMOUS_FORMS[name]
    response = csrf_client.post(url, data)
    assert response.status_code == 403
    assert User.objects.count() == 1
    assert "_auth_user_id" not in csrf_client.session
    assert "django_language" not in response.cookies


@pytest.mark.parametrize("name", list(ANONYMOUS_FORMS))
def test_anonymous_form_with_token_is_accepted(csrf_client, ada, name):
    url, data = ANONYMOUS_FORMS[name]
    token = _token_from(csrf_client, url)
    response = csrf_client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_visitor_switches_language_without_a_token(csrf_client, db):
    """A visitor's page carries no token (it is cached whole); the switch only sets their
    language cookie, so a forged post could at worst change the language they read."""
    home = csrf_client.get("/")
    assert "csrfmiddlewaretoken" not in home.text

    response = csrf_client.post(reverse("accounts:set_language"), {"language": "uz", "next": "/"})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "uz"
    assert '<html lang="uz">' in csrf_client.get("/").text


@pytest.mark.parametrize("name", list(SIGNED_IN_FORMS))
def test_signed_in_form_without_token_is_refused(csrf_client, ada, name):
    csrf_client.force_login(ada)
    url, data = SIGNED_IN_FORMS[name]
    response = csrf_client.post(url, data)
    assert response.status_code == 403
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)
    assert (ada.full_name != "Changed") and ada.language == "en"
    assert not ApiToken.objects.exists()
    assert csrf_client.session.get("_auth_user_id") == str(ada.pk)


@pytest.mark.parametrize("name", list(SIGNED_IN_FORMS))
def test_signed_in_form_with_token_is_accepted(csrf_client, ada, name):
    csrf_client.force_login(ada)
    url, data = SIGNED_IN_FORMS[name]
    # A signed-in person's pages carry the token, the header's language switch included.
    page = "/" if name in {"set language", "logout"} else url
    token = _token_from(csrf_client, page)
    response = csrf_client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == (200 if name == "token create" else 302)


def test_token_revoke_without_token_is_refused(csrf_client, ada):
    token = ApiTokenFactory(user=ada)
    csrf_client.force_login(ada)
    url = reverse("accounts:token_revoke", args=[token.pk])
    assert csrf_client.post(url).status_code == 403
    token.refresh_from_db()
    assert token.is_active
    response = csrf_client.post(url, {"csrfmiddlewaretoken": _token_from(csrf_client, url)})
    assert response.status_code == 302
    token.refresh_from_db()
    assert not token.is_active


def test_password_reset_confirm_without_token_is_refused(csrf_client, ada):
    url = _reset_url(csrf_client, ada)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert csrf_client.post(url, data).status_code == 403
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)
    response = csrf_client.post(url, {**data, "csrfmiddlewaretoken": _token_from(csrf_client, url)})
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.check_password(NEW_PASSWORD)

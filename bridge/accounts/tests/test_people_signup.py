"""Sign-up, the confirmation e-mail and its link, asking for a new link."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from bridge.accounts.models import User
from bridge.accounts.services.people import email_confirmation_token
from bridge.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.integration

SIGNUP = reverse("accounts:signup")
RESEND = reverse("accounts:confirm_resend")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _form(**overrides):
    data = {
        "email": "Ada@Example.org",
        "full_name": "Ada Lovelace",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "language": "en",
    }
    data.update(overrides)
    return data


def _link_path(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return urlsplit(url).path


def test_signup_page_for_anonymous_defaults_language_to_current(client, db):
    response = client.get(SIGNUP, HTTP_ACCEPT_LANGUAGE="uz")
    assert response.status_code == 200
    assert response.context["form"]["language"].value() == "uz"
    assert 'name="password2"' in response.text


def test_signup_page_for_signed_in_person_goes_to_profile(client, outsider):
    client.force_login(outsider)
    assert client.get(SIGNUP).url == reverse("accounts:profile")


def test_signup_sends_link_which_confirms_and_signs_in(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, _form(language="ru"))
    assert response.status_code == 302
    assert response.url == RESEND
    user = User.objects.get()
    assert user.email == "ada@example.org"
    assert user.full_name == "Ada Lovelace"
    assert user.language == "ru"
    assert not user.email_confirmed
    assert user.check_password(PASSWORD)
    assert response.cookies["django_language"].value == "ru"

    page = client.get(RESEND)
    assert "ada@example.org" in page.text
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    path = _link_path(message)
    assert path.startswith("/accounts/confirm/")

    response = client.get(path)
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.email_confirmed
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_used_link_does_not_sign_in_again(client, db):
    user = UserFactory()  # already confirmed
    response = client.get(reverse("accounts:confirm", args=[email_confirmation_token(user=user)]))
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_duplicate_email_in_another_case_is_refused_at_the_field(client, db):
    UserFactory(email="ada@example.org")
    response = client.post(SIGNUP, _form(email="ADA@example.ORG"))
    assert response.status_code == 200
    assert "already exists" in " ".join(response.context["form"].errors["email"])
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_duplicate_email_message_is_translated(client, db):
    UserFactory(email="ada@example.org")
    response = client.post(SIGNUP, _form(), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.context["form"].has_error("email", "duplicate_email")


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short1", "password_too_short"),
        ("password123", "password_too_common"),
        ("4815162342108", "password_entirely_numeric"),
        ("ada.example.org", "password_too_similar"),
    ],
)
def test_weak_password_is_refused(client, db, password, code):
    response = client.post(SIGNUP, _form(password1=password, password2=password))
    assert response.status_code == 200
    assert response.context["form"].has_error("password1", code)
    assert not User.objects.exists()


def test_passwords_must_match(client, db):
    response = client.post(SIGNUP, _form(password2=PASSWORD + "x"))
    assert response.context["form"].has_error("password2", "mismatch")


def test_altered_link_shows_page_with_resend_form(client, db):
    user = UserFactory(email_confirmed_at=None)
    token = email_confirmation_token(user=user)
    response = client.get(reverse("accounts:confirm", args=[token[:-3] + "abc"]))
    assert response.status_code == 400
    assert response.templates[0].name == "accounts/confirm_invalid.html"
    assert 'name="email"' in response.text
    user.refresh_from_db()
    assert not user.email_confirmed


def test_garbage_link_is_not_a_500(client, db):
    response = client.get(reverse("accounts:confirm", args=["not-a-token"]))
    assert response.status_code == 400


def test_expired_link_shows_page_with_resend_form(client, db, settings):
    user = UserFactory(email_confirmed_at=None)
    token = email_confirmation_token(user=user)
    settings.EMAIL_CONFIRMATION_MAX_AGE = timedelta(seconds=-1)
    response = client.get(reverse("accounts:confirm", args=[token]))
    assert response.status_code == 400
    assert "does not work" in response.text
    assert "_auth_user_id" not in client.session


def test_resend_sends_new_link_to_unconfirmed(client, db):
    UserFactory(email="bob@example.org", email_confirmed_at=None)
    response = client.post(RESEND, {"email": "BOB@example.org"})
    assert response.url == RESEND
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bob@example.org"]
    client.post(RESEND, {"email": "bob@example.org"})
    assert len(mail.outbox) == 1  # at most one a minute


@pytest.mark.parametrize("email", ["nobody@example.org", "confirmed@example.org"])
def test_resend_answers_the_same_for_unknown_or_confirmed(client, db, email):
    UserFactory(email="confirmed@example.org")
    response = client.post(RESEND, {"email": email}, follow=True)
    assert response.status_code == 200
    assert "a new link is on its way" in response.text
    assert mail.outbox == []


def test_resend_page_for_signed_in_person(client, outsider):
    client.force_login(outsider)
    assert client.get(RESEND).status_code == 200


def test_confirmation_email_is_plain_text_with_a_site_link(client, db, settings):
    settings.SITE_URL = "https://bridge.example"
    UserFactory(email="zed@example.org", email_confirmed_at=None, full_name="Seán O'Brien")
    client.post(RESEND, {"email": "zed@example.org"})
    body = mail.outbox[0].body
    assert "https://bridge.example/accounts/confirm/" in body
    assert "Seán O'Brien" in body


@pytest.mark.parametrize("typed", ["ADA@EXAMPLE.ORG", "Ada@example.org", "  ada@Example.org  "])
def test_duplicate_email_in_any_case_gets_a_clear_message_at_the_field(client, db, typed):
    UserFactory(email="ada@example.org")
    response = client.post(SIGNUP, _form(email=typed))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("email", "duplicate_email")
    assert list(form.errors) == ["email"]
    assert "Sign in, or reset your password." in response.text
    assert User.objects.count() == 1


def test_full_name_with_markup_is_shown_escaped(client, db, django_capture_on_commit_callbacks):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, _form(full_name=payload))
    assert User.objects.get().full_name == payload  # stored as typed
    client.get(_link_path(mail.outbox[0]))
    for url in (reverse("accounts:profile"), reverse("site:home")):
        page = client.get(url).text
        assert "<script>alert(" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_invalid_form_keeps_no_password_in_the_page(client, db):
    response = client.post(SIGNUP, _form(password2="something-else-entirely"))
    assert response.status_code == 200
    assert PASSWORD not in response.text
    assert 'value="Ada@Example.org"' in response.text or 'value="ada@example.org"' in response.text

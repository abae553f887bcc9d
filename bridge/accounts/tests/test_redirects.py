"""`next=` never sends anyone off the site: login, sign-up and the language switcher."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from bridge.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.integration

LOGIN = reverse("accounts:login")
SIGNUP = reverse("accounts:signup")
SET_LANGUAGE = reverse("accounts:set_language")
PROFILE = reverse("accounts:profile")
DIRECTORY = reverse("organisations:directory")

EVIL = [
    "https://evil.example",
    "https://evil.example/accounts/profile/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "///evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "https://testserver@evil.example/",
]


def _stays_on_site(url: str) -> bool:
    parts = urlsplit(url)
    return (
        not parts.scheme
        and not parts.netloc
        and url.startswith("/")
        and not url.startswith(("//", "/\\"))
    )


def _page_keeps_visitors_on_site(page: str) -> bool:
    """Every link, and every `next` a form or link on the page carries, points into the site."""
    targets = [html.unescape(v) for v in re.findall(r'(?:href|action)="([^"]*)"', page)]
    nexts = [html.unescape(v) for v in re.findall(r'name="next" value="([^"]*)"', page)]
    for target in targets:
        nexts += parse_qs(urlsplit(target).query).get("next", [])
    leaves = [t for t in targets if t.strip().lower().startswith("javascript:") or "evil" in t]
    return not leaves and all(_stays_on_site(n) for n in nexts)


@pytest.mark.parametrize("url", ["/", PROFILE, f"{DIRECTORY}?country=UZ", "/accounts/tokens/"])
def test_the_check_lets_site_paths_through(url):
    assert _stays_on_site(url)


@pytest.mark.parametrize("url", EVIL)
def test_the_check_catches_every_attempt(url):
    assert not _stays_on_site(url)
    assert not _page_keeps_visitors_on_site(f'<a href="/x/?next={url}">')
    assert not _page_keeps_visitors_on_site(f'<input name="next" value="{url}">')


# --- Login -----------------------------------------------------------------------------------


@pytest.mark.parametrize("evil", EVIL)
def test_login_refuses_an_outside_next(client, db, evil):
    user = UserFactory()
    page = client.get(LOGIN, {"next": evil})
    assert _page_keeps_visitors_on_site(page.text)
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD, "next": evil})
    assert response.status_code == 302
    assert _stays_on_site(response.url)
    assert response.url == PROFILE


@pytest.mark.parametrize("evil", EVIL)
def test_signed_in_person_on_login_is_not_sent_away(client, outsider, evil):
    client.force_login(outsider)
    response = client.get(LOGIN, {"next": evil})
    assert response.status_code == 302
    assert response.url == PROFILE


def test_login_follows_a_site_next(client, db):
    user = UserFactory()
    target = f"{DIRECTORY}?country=UZ"
    page = client.get(LOGIN, {"next": target})
    assert 'name="next" value="/organisations/?country=UZ"' in page.text
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD, "next": target})
    assert response.url == target


# --- Sign-up ---------------------------------------------------------------------------------


def _signup(client, next_url, email="ada@example.org"):
    return client.post(
        SIGNUP,
        {
            "email": email,
            "full_name": "Ada",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "language": "en",
            "next": next_url,
        },
    )


def _confirm_from_mail(client):
    url = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    return client.get(urlsplit(url).path)


@pytest.mark.parametrize("evil", EVIL)
def test_signup_refuses_an_outside_next(client, db, evil, django_capture_on_commit_callbacks):
    page = client.get(SIGNUP, {"next": evil})
    assert _page_keeps_visitors_on_site(page.text)
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, evil)
    assert response.url == reverse("accounts:confirm_resend")
    response = _confirm_from_mail(client)
    assert response.status_code == 302
    assert response.url == PROFILE


@pytest.mark.parametrize("evil", EVIL)
def test_signed_in_person_on_signup_is_not_sent_away(client, outsider, evil):
    client.force_login(outsider)
    response = client.get(SIGNUP, {"next": evil})
    assert response.url == PROFILE


def test_signup_returns_to_a_site_next_after_confirmation(
    client, db, django_capture_on_commit_callbacks
):
    page = client.get(SIGNUP, {"next": DIRECTORY})
    assert f'name="next" value="{DIRECTORY}"' in page.text
    assert f'href="{LOGIN}?next=/organisations/"' in page.text
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client, DIRECTORY)
    response = _confirm_from_mail(client)
    assert response.url == DIRECTORY


def test_login_page_passes_next_on_to_signup(client, db):
    page = client.get(LOGIN, {"next": DIRECTORY})
    assert f'href="{SIGNUP}?next=/organisations/"' in page.text


# --- Language switcher -----------------------------------------------------------------------


@pytest.mark.parametrize("evil", EVIL)
def test_set_language_refuses_an_outside_next(client, db, evil):
    response = client.post(SET_LANGUAGE, {"language": "uz", "next": evil})
    assert response.status_code == 302
    assert response.url == "/"
    assert response.cookies["django_language"].value == "uz"


@pytest.mark.parametrize("evil", EVIL)
def test_set_language_refuses_an_outside_next_when_signed_in(client, outsider, evil):
    client.force_login(outsider)
    response = client.post(SET_LANGUAGE, {"language": "ru", "next": evil})
    assert response.url == "/"


def test_set_language_returns_to_the_page(client, db):
    target = f"{DIRECTORY}?country=UZ&page=2"
    response = client.post(SET_LANGUAGE, {"language": "ru", "next": target})
    assert response.url == target


def test_set_language_by_get_is_refused(client, db):
    assert client.get(SET_LANGUAGE, {"language": "ru", "next": "/"}).status_code == 405

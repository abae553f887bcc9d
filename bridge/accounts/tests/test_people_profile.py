"""The profile page: name, language and time zone, and how they follow the person around."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bridge.accounts.models import ApiToken, Membership, Role
from bridge.accounts.tests.factories import (
    PASSWORD,
    ApiTokenFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.integration

PROFILE = reverse("accounts:profile")
TOKENS = reverse("accounts:tokens")
HOME = reverse("site:home")


def _form(**overrides):
    data = {"full_name": "Ada Lovelace", "language": "en", "timezone": ""}
    data.update(overrides)
    return data


@pytest.fixture
def ada(db):
    return UserFactory(email="ada@example.org", full_name="Ada", language="en")


def test_profile_is_for_signed_in_people(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={PROFILE}"


def test_profile_shows_current_values(client, ada):
    ada.timezone = "Asia/Tashkent"
    ada.save()
    client.force_login(ada)
    form = client.get(PROFILE).context["form"]
    assert form["full_name"].value() == "Ada"
    assert form["language"].value() == "en"
    assert form["timezone"].value() == "Asia/Tashkent"


def test_profile_saves_name_language_and_time_zone(client, ada):
    client.force_login(ada)
    response = client.post(
        PROFILE, _form(full_name="  Ada King  ", language="ru", timezone="Asia/Tashkent")
    )
    assert response.status_code == 302
    assert response.url == PROFILE
    assert response.cookies["django_language"].value == "ru"
    ada.refresh_from_db()
    assert (ada.full_name, ada.language, ada.timezone) == ("Ada King", "ru", "Asia/Tashkent")


def test_new_language_applies_on_the_next_request_whatever_the_browser_says(client, ada):
    client.force_login(ada)
    client.post(PROFILE, _form(language="uz"))
    client.cookies.pop("django_language", None)  # only the saved preference is left
    page = client.get(HOME, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="uz">' in page.text
    assert page["Content-Language"] == "uz"


def test_language_is_remembered_across_logins(ada):
    first = Client()
    first.force_login(ada)
    first.post(PROFILE, _form(language="ru"))
    first.post(reverse("accounts:logout"))

    # Another browser, which asks for English and has no cookie.
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in other.get(HOME).text
    response = other.post(reverse("accounts:login"), {"username": ada.email, "password": PASSWORD})
    assert response.cookies["django_language"].value == "ru"
    other.cookies.pop("django_language")
    assert '<html lang="ru">' in other.get(HOME).text


def test_language_switcher_is_remembered_on_the_person(client, ada):
    client.force_login(ada)
    client.post(reverse("accounts:set_language"), {"language": "uz", "next": PROFILE})
    ada.refresh_from_db()
    assert ada.language == "uz"
    other = Client(HTTP_ACCEPT_LANGUAGE="ru")
    other.force_login(ada)
    assert '<html lang="uz">' in other.get(HOME).text


def test_language_switcher_for_anonymous_uses_a_cookie(client, db):
    response = client.post(reverse("accounts:set_language"), {"language": "uz", "next": "/"})
    assert response.cookies["django_language"].value == "uz"
    assert '<html lang="uz">' in client.get(HOME, HTTP_ACCEPT_LANGUAGE="en").text


def test_language_switcher_ignores_unknown_languages(client, ada):
    client.force_login(ada)
    response = client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert "django_language" not in response.cookies
    ada.refresh_from_db()
    assert ada.language == "en"


def test_language_switcher_offers_the_three_languages_by_their_own_names(client, db):
    page = client.get(HOME).text
    for code, own_name in [("ru", "Русский"), ("uz", "Oʻzbekcha"), ("en", "English")]:
        assert f'value="{code}" lang="{code}"' in page
        assert f'title="{own_name}"' in page


@pytest.mark.parametrize(
    ("zone", "shown"),
    [("", "3 p.m."), ("Asia/Tashkent", "5 p.m."), ("America/New_York", "7 a.m.")],
)
def test_time_zone_changes_how_a_datetime_is_shown(client, ada, zone, shown):
    token = ApiTokenFactory(user=ada, name="sync")
    ApiToken.objects.filter(pk=token.pk).update(created_at=datetime(2030, 1, 15, 12, 0, tzinfo=UTC))
    client.force_login(ada)
    client.post(PROFILE, _form(timezone=zone))
    assert f"01/15/2030 {shown}" in client.get(TOKENS).text


def test_time_zone_does_not_leak_into_later_requests(client, ada):
    ada.timezone = "Asia/Tashkent"
    ada.save()
    client.force_login(ada)
    client.get(PROFILE)
    # The test client runs the request on this thread: nothing of it may stay active.
    assert timezone.get_current_timezone_name() == "Europe/Moscow"


@pytest.mark.parametrize("zone", ["Mars/Olympus", "Asia/tashkent ", "../etc/passwd", "x" * 500])
def test_bad_time_zone_is_refused_at_the_field(client, ada, zone):
    client.force_login(ada)
    response = client.post(PROFILE, _form(timezone=zone, language="ru"))
    assert response.status_code == 200
    assert response.context["form"].has_error("timezone", "invalid_choice")
    ada.refresh_from_db()
    assert (ada.timezone, ada.language) == ("", "en")


def test_bad_language_is_refused_at_the_field(client, ada):
    client.force_login(ada)
    response = client.post(PROFILE, _form(language="de"))
    assert response.context["form"].has_error("language", "invalid_choice")


def test_name_is_required(client, ada):
    client.force_login(ada)
    response = client.post(PROFILE, _form(full_name="   "))
    assert response.context["form"].has_error("full_name", "required")


def test_name_with_markup_is_shown_escaped(client, ada):
    client.force_login(ada)
    client.post(PROFILE, _form(full_name='<script>alert("x")</script>'))
    page = client.get(PROFILE).text
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_header_shows_the_persons_name_and_account_links(client, ada):
    client.force_login(ada)
    page = client.get(HOME).text
    assert '<span class="account-name">Ada</span>' in page
    assert f'href="{PROFILE}"' in page
    assert f'href="{PROFILE}#organisations"' in page
    assert f'href="{TOKENS}"' in page


def test_profile_lists_the_persons_organisations_in_constant_queries(client, ada):
    client.force_login(ada)

    def add(count):
        for _ in range(count):
            Membership.objects.create(
                organisation=OrganisationFactory(), user=ada, role=Role.MEMBER
            )

    add(2)
    with CaptureQueriesContext(connection) as few:
        page = client.get(PROFILE)
    assert page.text.count('class="badge">') >= 2
    add(4)
    with CaptureQueriesContext(connection) as many:
        page = client.get(PROFILE)
    assert len(page.context["memberships"]) == 6
    assert len(many) == len(few)

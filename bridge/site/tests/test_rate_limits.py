"""Rate limits (issue 16, item 5): per token, per signed-in person, per IP for everyone else, on
the API, the searches, the sign-up and the password reset. Over the limit: 429, Retry-After, and
a message in the caller's language (JSON for the API, a page for pages)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from bridge.accounts.tests.factories import ApiTokenFactory, UserFactory
from bridge.core.ratelimit import Limit, hit, parse_limit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/materials"


@pytest.fixture
def limits(settings):
    cache.clear()
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMITS = {
        "api": ("3/60", "5/60"),
        "search": ("2/60", "2/60"),
        "signup": ("2/3600", "2/3600"),
        "password_reset": ("1/900", "1/900"),
    }
    yield settings.RATE_LIMITS
    cache.clear()


def from_ip(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def assert_too_many(response, *, window: int = 60):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= window


def test_the_fourth_anonymous_api_call_in_a_minute_gets_429_in_the_api_shape(limits):
    client = from_ip("203.0.113.5")
    assert [client.get(API).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(API)
    assert_too_many(response)
    assert response["Content-Type"].startswith("application/json")
    assert "Too many requests" in response.json()["detail"]
    # Another address is counted on its own.
    assert from_ip("203.0.113.6").get(API).status_code == 200


def test_a_token_has_its_own_count_apart_from_its_address_and_other_tokens(limits):
    first, second = ApiTokenFactory(raw="cb_first_token"), ApiTokenFactory(raw="cb_second_token")
    client = from_ip("203.0.113.7")
    bearer = {"HTTP_AUTHORIZATION": "Bearer cb_first_token"}
    assert [client.get(API, **bearer).status_code for _ in range(5)] == [200] * 5
    assert_too_many(client.get(API, **bearer))
    assert client.get(API, HTTP_AUTHORIZATION="Bearer cb_second_token").status_code == 200
    assert client.get(API).status_code == 200  # the address itself has used nothing
    assert first.pk != second.pk


def test_the_api_message_follows_lang_and_the_page_message_the_browser(limits):
    client = from_ip("203.0.113.8")
    for _ in range(3):
        client.get(API)
    russian = client.get(API + "?lang=ru")
    assert_too_many(russian)
    assert "Слишком много запросов" in russian.json()["detail"]
    search = from_ip("203.0.113.9")
    url = reverse("site:search") + "?q=atlas"
    for _ in range(2):
        assert search.get(url, HTTP_ACCEPT_LANGUAGE="uz").status_code == 200
    page = search.get(url, HTTP_ACCEPT_LANGUAGE="uz")
    assert_too_many(page)
    assert page["Content-Type"].startswith("text/html")
    assert "Soʻrovlar juda koʻp" in page.content.decode()


def test_suggestions_share_the_search_count_and_browsing_the_catalog_is_not_counted(limits):
    client = from_ip("203.0.113.10")
    catalog = reverse("materials_catalog:catalog")
    assert [client.get(catalog).status_code for _ in range(4)] == [200] * 4
    assert client.get(reverse("site:search_suggest") + "?q=at").status_code == 200
    assert client.get(catalog + "?q=atlas").status_code == 200
    assert_too_many(client.get(reverse("site:search") + "?q=atlas"))
    assert from_ip("203.0.113.11").get(catalog + "?q=atlas").status_code == 200


def test_a_signed_in_person_is_counted_apart_from_the_address(limits):
    person = UserFactory()
    client = from_ip("203.0.113.12")
    client.force_login(person)
    url = reverse("site:search") + "?q=silk"
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    assert_too_many(client.get(url))
    assert from_ip("203.0.113.12").get(url).status_code == 200


def test_sign_up_forms_sent_are_counted_per_address_and_the_form_itself_is_not(limits):
    client = from_ip("198.51.100.1")
    url = reverse("accounts:signup")
    assert [client.get(url).status_code for _ in range(3)] == [200] * 3
    for _ in range(2):
        assert client.post(url, {"email": "not-an-address"}).status_code == 200
    assert_too_many(client.post(url, {"email": "not-an-address"}), window=3600)
    assert from_ip("198.51.100.2").post(url, {"email": "x"}).status_code == 200


def test_a_second_password_reset_from_one_address_waits(limits):
    client = from_ip("198.51.100.3")
    url = reverse("accounts:password_reset")
    assert client.post(url, {"email": "someone@example.org"}).status_code == 302
    response = client.post(url, {"email": "someone@example.org"})
    assert_too_many(response, window=900)
    assert from_ip("198.51.100.4").post(url, {"email": "a@example.org"}).status_code == 302


def test_switched_off_nothing_is_limited(limits, settings):
    settings.RATE_LIMITS_ENABLED = False
    client = from_ip("198.51.100.5")
    assert {client.get(API).status_code for _ in range(6)} == {200}


def test_ipv6_callers_are_counted_by_their_64_network(limits):
    assert [from_ip(f"2001:db8::{n}").get(API).status_code for n in range(1, 4)] == [200] * 3
    assert_too_many(from_ip("2001:db8::99").get(API))
    assert from_ip("2001:db8:0:1::1").get(API).status_code == 200


def test_a_new_window_starts_the_count_again(limits):
    limit = Limit(requests=1, seconds=60)
    assert hit(scope="t", key="k", limit=limit, now=120.0) is None
    assert hit(scope="t", key="k", limit=limit, now=150.0) == 30
    assert hit(scope="t", key="k", limit=limit, now=180.0) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("100/60", Limit(100, 60)), ("5/900", Limit(5, 900)), ("", None), ("0/60", None)],
)
def test_limits_are_written_requests_per_seconds(text, expected):
    assert parse_limit(text) == expected


@pytest.mark.parametrize("text", ["many", "5/0", "-1/60"])
def test_a_mistyped_limit_is_refused(text):
    with pytest.raises(ValueError):
        parse_limit(text)

"""Personal API tokens on the account page: create (secret shown once), list, revoke."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.accounts.models import ApiToken
from bridge.accounts.services.people import api_token_authenticate
from bridge.accounts.tests.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.integration

TOKENS = reverse("accounts:tokens")


def _revoke_url(token) -> str:
    return reverse("accounts:token_revoke", args=[token.pk])


def _secret_on(page: str) -> str:
    return re.search(r'id="token-secret" class="secret" value="([^"]+)"', page).group(1)


@pytest.mark.parametrize("url", [TOKENS, "/accounts/tokens/1/revoke/"])
def test_anonymous_is_sent_to_login(client, db, url):
    for response in (client.get(url), client.post(url, {"name": "x"})):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login") + "?next=")
    assert not ApiToken.objects.exists()


def test_create_shows_the_secret_once_and_stores_only_its_hash(client, outsider):
    client.force_login(outsider)
    response = client.post(TOKENS, {"name": "price-list sync", "days": 90, "scope": "read-write"})
    assert response.status_code == 200
    secret = _secret_on(response.text)
    assert secret.startswith("cb_")
    assert "shown only this once" in response.text
    assert response["Cache-Control"].startswith("max-age=0")

    token = ApiToken.objects.get(user=outsider)
    assert token.name == "price-list sync"
    assert secret not in (token.key_hash, token.prefix)
    assert secret.startswith(token.prefix)
    assert api_token_authenticate(raw=secret) == outsider

    again = client.get(TOKENS)
    assert secret not in again.text
    assert 'id="token-secret"' not in again.text


def test_list_shows_prefix_only(client, outsider):
    ApiTokenFactory(user=outsider, name="nightly import", raw="cb_ABCDEFGsecretpart123")
    client.force_login(outsider)
    page = client.get(TOKENS).text
    assert "nightly import" in page
    assert "<code>cb_ABCDEFG…</code>" in page
    assert "secretpart123" not in page


def test_list_shows_only_own_tokens(client, outsider):
    ApiTokenFactory(user=UserFactory(), name="someone else's")
    ApiTokenFactory(user=outsider, name="mine")
    client.force_login(outsider)
    page = client.get(TOKENS).text
    assert "mine" in page
    assert "someone else" not in page


def test_token_name_is_required_and_limited(client, outsider):
    client.force_login(outsider)
    for name, code in [("", "required"), ("x" * 101, "max_length")]:
        response = client.post(TOKENS, {"name": name})
        assert response.status_code == 200
        assert response.context["form"].has_error("name", code)
        assert 'id="token-secret"' not in response.text
    assert not ApiToken.objects.exists()


def test_token_name_with_markup_is_shown_escaped(client, outsider):
    client.force_login(outsider)
    response = client.post(TOKENS, {"name": "<img src=x onerror=alert(1)>"})
    assert "<img src=x" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text


def test_owner_revokes_after_confirming(client, outsider):
    token = ApiTokenFactory(user=outsider, name="old script", raw="cb_revoke_me_000001")
    client.force_login(outsider)
    confirm = client.get(_revoke_url(token))
    assert confirm.status_code == 200
    assert "old script" in confirm.text
    token.refresh_from_db()
    assert token.is_active  # looking at the page changes nothing

    response = client.post(_revoke_url(token), follow=True)
    assert response.redirect_chain == [(TOKENS, 302)]
    assert "is revoked" in response.text
    token.refresh_from_db()
    assert not token.is_active
    assert api_token_authenticate(raw="cb_revoke_me_000001") is None
    # Revoking twice is harmless and still shows the token as revoked.
    assert client.post(_revoke_url(token)).status_code == 302
    assert "already revoked" in client.get(_revoke_url(token)).text


def test_another_persons_token_is_a_404_both_ways(client, outsider):
    theirs = ApiTokenFactory(user=UserFactory(), raw="cb_not_yours_000001")
    client.force_login(outsider)
    assert client.get(_revoke_url(theirs)).status_code == 404
    assert client.post(_revoke_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


def test_unknown_token_is_a_404(client, outsider):
    client.force_login(outsider)
    assert client.get("/accounts/tokens/999999/revoke/").status_code == 404
    assert client.post("/accounts/tokens/999999/revoke/").status_code == 404
    assert client.get("/accounts/tokens/99999999999999999999/revoke/").status_code == 404


def test_token_list_needs_constant_queries(client, outsider, django_assert_num_queries):
    client.force_login(outsider)
    ApiTokenFactory.create_batch(2, user=outsider)
    with CaptureQueriesContext(connection) as few:
        client.get(TOKENS)
    ApiTokenFactory.create_batch(4, user=outsider)
    with django_assert_num_queries(len(few)):
        page = client.get(TOKENS)
    assert page.text.count(">Revoke<span") == 6

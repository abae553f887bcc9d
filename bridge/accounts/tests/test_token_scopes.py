"""API tokens: chosen lifetime and scope; an expired token is refused, a read-only one may not write."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bridge.accounts.models import ApiToken
from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory

pytestmark = pytest.mark.integration

TOKENS = reverse("accounts:tokens")
ME = "/api/v1/me"
# A writing operation; the slug does not exist, so a token let through gets 404, not 201.
WRITE = "/api/v1/knowledge/events/no-such-event/registration"
READ_ONLY = (
    "This API token is read-only: it may not change anything. Create a read-and-write token on "
    "your profile page for this."
)


def _bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.parametrize("days", [30, 90, 365])
def test_the_person_chooses_lifetime_and_scope(client, outsider, days):
    client.force_login(outsider)
    response = client.post(TOKENS, {"name": "sync", "days": days, "scope": "read"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=outsider)
    assert token.scope == TokenScope.READ
    expected = timezone.now() + timedelta(days=days)
    assert abs((token.expires_at - expected).total_seconds()) < 60
    page = client.get(TOKENS).text
    assert "read only" in page
    assert "never" in page  # not used yet


@pytest.mark.parametrize("field,value", [("days", "7"), ("days", "x"), ("scope", "admin")])
def test_a_lifetime_or_scope_not_offered_is_refused_at_the_field(client, outsider, field, value):
    client.force_login(outsider)
    data = {"name": "sync", "days": 90, "scope": "read"} | {field: value}
    response = client.post(TOKENS, data)
    assert response.status_code == 200
    assert re.search(r"Select a valid choice", response.text)
    assert not ApiToken.objects.exists()


def test_a_read_only_token_reads_but_may_not_write(client, outsider):
    ApiTokenFactory(user=outsider, raw="cb_read_only_000001", scope=TokenScope.READ)
    assert client.get(ME, **_bearer("cb_read_only_000001")).status_code == 200
    refused = client.post(WRITE, **_bearer("cb_read_only_000001"))
    assert refused.status_code == 403
    assert refused.json() == {"detail": READ_ONLY}
    assert client.delete(WRITE, **_bearer("cb_read_only_000001")).status_code == 403


def test_a_read_write_token_may_write(client, outsider):
    ApiTokenFactory(user=outsider, raw="cb_read_write_00001", scope=TokenScope.READ_WRITE)
    assert client.post(WRITE, **_bearer("cb_read_write_00001")).status_code == 404


def test_an_expired_token_is_refused_and_shown_as_expired(client, outsider):
    ApiTokenFactory(
        user=outsider,
        name="old sync",
        raw="cb_expired_00000001",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    refused = client.get(ME, **_bearer("cb_expired_00000001"))
    assert refused.status_code == 401
    assert refused.json() == {"detail": "The API token is not valid, has expired or was revoked."}
    client.force_login(outsider)
    assert ">expired</span>" in client.get(TOKENS).text


def test_using_a_token_records_when(client, outsider):
    token = ApiTokenFactory(user=outsider, raw="cb_used_0000000001")
    client.get(ME, **_bearer("cb_used_0000000001"))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_command_makes_a_script_token_for_a_year(outsider, capsys):
    call_command("api_token", outsider.email, "--scope", "read")
    token = ApiToken.objects.get(user=outsider)
    assert token.scope == TokenScope.READ
    assert (token.expires_at - timezone.now()).days in (364, 365)
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("cb_")

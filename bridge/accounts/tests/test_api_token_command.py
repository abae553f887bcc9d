"""Tokens for scripts (docs/DESIGN.md): `api_token EMAIL` prints a working token last, and
`createsuperuser --noinput --email` works with DJANGO_SUPERUSER_PASSWORD."""

import pytest
from django.core.management import CommandError, call_command

from bridge.accounts.models import User
from bridge.accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_api_token_prints_a_working_token_last(client, capsys):
    person = UserFactory(email="script@example.org")
    call_command("api_token", "Script@Example.org")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert token.startswith("cb_")
    response = client.get("/api/v1/partnering/interests", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert person.api_tokens.count() == 1


def test_api_token_for_an_unknown_person_fails_clearly():
    with pytest.raises(CommandError):
        call_command("api_token", "nobody@example.org")


def test_createsuperuser_without_input(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-enough-password-1")
    call_command("createsuperuser", "--noinput", "--email", "root@example.org", verbosity=0)
    user = User.objects.get(email="root@example.org")
    assert user.is_superuser and user.check_password("a-long-enough-password-1")

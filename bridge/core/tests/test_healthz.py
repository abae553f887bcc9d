"""/healthz: what a load balancer asks before sending traffic."""

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.integration


def test_healthz_is_200_when_the_database_answers(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(client, db, monkeypatch):
    from bridge.core import views

    class BrokenConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(views, "connection", BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_healthz_needs_no_login_and_no_language(client, db):
    response = client.get("/healthz", headers={"accept-language": "ru"})

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405

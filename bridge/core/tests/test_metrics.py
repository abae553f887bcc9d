"""/metrics: Prometheus text for a token bearer or an allowed address, 403 for anyone else."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

pytestmark = pytest.mark.integration

OUTSIDE = "203.0.113.7"


def _value(text: str, series: str) -> float:
    match = re.search(rf"^{re.escape(series)} ([0-9.e+-]+)$", text, re.MULTILINE)
    assert match, f"{series} not in the metrics"
    return float(match.group(1))


def test_loopback_reads_request_counts_and_latencies(client, db):
    client.get("/")
    client.get("/")
    before = client.get("/metrics").text
    client.get("/")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    series = 'bridge_http_requests_total{method="GET",status="200",view="site:home"}'
    assert _value(response.text, series) == _value(before, series) + 1
    assert 'bridge_http_request_duration_seconds_bucket{le="0.1",view="site:home"}' in response.text


def test_an_outside_address_without_a_token_is_refused(client, db):
    response = client.get("/metrics", REMOTE_ADDR=OUTSIDE)
    assert response.status_code == 403
    assert "bridge_http" not in response.text


def test_the_token_opens_it_from_anywhere_and_a_wrong_one_does_not(client, db, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    good = client.get(
        "/metrics", REMOTE_ADDR=OUTSIDE, headers={"authorization": "Bearer s3cret-scrape-token"}
    )
    wrong = client.get("/metrics", REMOTE_ADDR=OUTSIDE, headers={"authorization": "Bearer nope"})
    # A wrong token is refused even from an allowed address: the caller meant the token.
    wrong_local = client.get("/metrics", headers={"authorization": "Bearer nope"})

    assert good.status_code == 200
    assert (wrong.status_code, wrong_local.status_code) == (403, 403)


def test_allowed_networks_are_cidr_and_can_shut_loopback_out(client, db, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.2.3.4").status_code == 200
    assert client.get("/metrics").status_code == 403


def test_search_timings_and_page_cache_results_are_counted(client, db):
    client.get("/organisations/?q=studio")
    client.get("/organisations/?q=studio")  # from the cache

    text = client.get("/metrics").text

    assert _value(text, 'bridge_search_duration_seconds_count{index="organisations"}') >= 1
    hits = (
        'bridge_page_cache_total{result="hit",view="bridge.accounts.views.organisations.directory"}'
    )
    assert _value(text, hits) >= 1


def test_the_task_queue_is_read_at_scrape_time(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="bridge.core.tasks.send_templated_email",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=result.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=90)
    )

    text = client.get("/metrics").text

    assert 89 <= _value(text, "bridge_task_queue_lag_seconds") < 200
    assert _value(text, 'bridge_tasks{status="ready"}') == 1
    assert _value(text, "bridge_task_workers") == 0


def test_metrics_refuses_writes(client, db):
    assert client.post("/metrics").status_code == 405

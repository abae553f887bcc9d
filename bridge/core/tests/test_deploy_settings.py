"""The deploy recipe's settings: media storage by environment, gunicorn from the environment,
and the systemd units calling commands that exist."""

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands

from config.storage import media_storage

pytestmark = pytest.mark.unit

S3 = {
    "MEDIA_STORAGE": "s3",
    "S3_BUCKET": "bridge-media",
    "S3_ACCESS_KEY_ID": "key",
    "S3_SECRET_ACCESS_KEY": "secret",
}


def test_media_stay_on_the_file_system_by_default():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_takes_its_bucket_keys_endpoint_and_domain_from_the_environment():
    entry = media_storage(
        {**S3, "S3_ENDPOINT_URL": "https://s3.example.org", "S3_CUSTOM_DOMAIN": "media.example.org"}
    )
    assert entry["BACKEND"] == "storages.backends.s3.S3Storage"
    options = entry["OPTIONS"]
    assert (options["bucket_name"], options["access_key"], options["secret_key"]) == (
        "bridge-media",
        "key",
        "secret",
    )
    assert options["endpoint_url"] == "https://s3.example.org"
    assert options["custom_domain"] == "media.example.org"
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    assert "region_name" not in options


@pytest.mark.parametrize("missing", ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"])
def test_s3_without_a_required_value_is_refused_by_name(missing):
    with pytest.raises(ImproperlyConfigured, match=missing):
        media_storage({k: v for k, v in S3.items() if k != missing})


def test_an_unknown_media_storage_is_refused():
    with pytest.raises(ImproperlyConfigured, match="filesystem or s3"):
        media_storage({"MEDIA_STORAGE": "ftp"})


def test_gunicorn_reads_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:8080")
    gunicorn = importlib.reload(importlib.import_module("config.gunicorn"))
    assert (gunicorn.workers, gunicorn.bind, gunicorn.worker_class) == (3, "0.0.0.0:8080", "sync")
    assert gunicorn.max_requests_jitter > 0


@pytest.mark.django_db
def test_the_units_and_the_procfile_call_commands_that_exist():
    deploy = Path(settings.BASE_DIR) / "deploy"
    text = "\n".join(
        path.read_text() for path in [deploy / "Procfile", *sorted(deploy.glob("systemd/*"))]
    )
    called = set(re.findall(r"manage\.py (\w+)", text))
    assert {"db_worker", "run_periodic", "migrate", "collectstatic"} <= called
    assert called <= set(get_commands())
    # db_worker is core's (heartbeats, recovery), not django_tasks_db's.
    assert get_commands()["db_worker"] == "bridge.core"


def test_the_redis_cache_keeps_one_client_per_pool():
    from bridge.core.cache import BridgeRedisCache

    cache = BridgeRedisCache("redis://127.0.0.1:1/0", {})  # nothing connects until a command
    assert cache._cache.get_client("a") is cache._cache.get_client("b", write=True)


def test_production_trusts_no_address_for_metrics_unless_told(tmp_path):
    from bridge.core.tests.test_settings import production_env, run_manage

    code = "from django.conf import settings; print(settings.METRICS_ALLOWED_IPS)"
    default = run_manage(["manage.py", "shell", "-c", code], production_env(), tmp_path)
    listed = run_manage(
        ["manage.py", "shell", "-c", code],
        {**production_env(), "METRICS_ALLOWED_IPS": "10.0.0.0/8"},
        tmp_path,
    )
    assert default.stdout.strip().splitlines()[-1] == "[]", default.stderr
    assert listed.stdout.strip().splitlines()[-1] == "['10.0.0.0/8']"

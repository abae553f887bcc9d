"""Settings: production mode passes `check --deploy`; the embedded default is SQLite in WAL mode
with immediate transactions, and tasks run inline."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import OperationalError, connection
from django.db.backends.sqlite3.base import DatabaseWrapper

BASE_DIR = Path(settings.BASE_DIR)


def run_manage(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    # A clean environment: only what the test sets, so the developer's shell cannot leak in.
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        **env,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_env() -> dict[str, str]:
    return {
        "PRODUCTION": "true",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "bridge.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://bridge.example.org",
        "SITE_URL": "https://bridge.example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/creative_bridge",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_URL": "smtp://bridge:secret@smtp.example.org:587",
        "TASKS_BACKEND": "database",
    }


@pytest.mark.unit
def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run_manage(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(), tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr and "WARNINGS" not in result.stdout
    assert "no issues" in result.stdout


@pytest.mark.unit
def test_check_deploy_does_fail_when_production_hardening_is_off(tmp_path):
    # The same variables without PRODUCTION=true: HTTPS redirect, HSTS and secure cookies are
    # off, and check --deploy must say so (this is what makes the test above meaningful).
    env = production_env()
    env["PRODUCTION"] = "false"
    result = run_manage(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env, tmp_path
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


@pytest.mark.unit
def test_production_settings_use_the_configured_services(tmp_path):
    probe = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
        "'cache': s.CACHES['default']['BACKEND'], 'email': s.EMAIL_BACKEND, "
        "'email_host': s.EMAIL_HOST, 'tasks': s.TASKS['default']['BACKEND'], "
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'debug': s.DEBUG}))"
    )
    env = {**production_env(), "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = run_manage(["-c", probe], env, tmp_path)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout.strip().splitlines()[-1])
    assert got == {
        "db": "django.db.backends.postgresql",
        # Django's Redis cache with one client per pool (bridge/core/cache.py).
        "cache": "bridge.core.cache.BridgeRedisCache",
        "email": "django.core.mail.backends.smtp.EmailBackend",
        "email_host": "smtp.example.org",
        "tasks": "django_tasks_db.DatabaseBackend",
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "debug": False,
    }


@pytest.mark.unit
def test_embedded_default_is_sqlite_in_wal_mode_with_inline_tasks(tmp_path):
    probe = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "from django.db import connection as c; cur = c.cursor(); "
        "cur.execute('PRAGMA journal_mode'); mode = cur.fetchone()[0]; "
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'journal': mode, "
        "'transaction_mode': c.transaction_mode, 'name': str(s.DATABASES['default']['NAME']), "
        "'tasks': s.TASKS['default']['BACKEND'], 'email': s.EMAIL_BACKEND, "
        "'media': str(s.MEDIA_ROOT)}))"
    )
    result = run_manage(["-c", probe], {"DJANGO_SETTINGS_MODULE": "config.settings"}, tmp_path)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout.strip().splitlines()[-1])
    var = tmp_path / "var"
    assert got["db"] == "django.db.backends.sqlite3"
    assert got["journal"] == "wal"
    assert got["transaction_mode"] == "IMMEDIATE"
    assert got["name"] == str(var / "db.sqlite3")
    assert got["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert got["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert got["media"] == str(var / "media")


def _file_connection(path: Path, **options) -> DatabaseWrapper:
    params = {**settings.DATABASES["default"], "NAME": str(path)}
    params["OPTIONS"] = {**params.get("OPTIONS", {}), **options}
    return DatabaseWrapper(params, alias=f"probe-{path.stem}")


@pytest.mark.integration
def test_sqlite_connections_use_wal_and_writers_take_the_lock_at_begin(db, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the embedded SQLite default only; this run uses another database")
    first = _file_connection(tmp_path / "probe.sqlite3")
    # The second writer gives up at once instead of waiting the configured 20 s.
    second = _file_connection(tmp_path / "probe.sqlite3", timeout=0)
    try:
        with first.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("CREATE TABLE t (n integer)")
        # atomic() on SQLite opens with BEGIN <transaction_mode>: IMMEDIATE takes the write
        # lock now, so a second writer is stopped at its BEGIN, before it has done any work
        # it would have to throw away (with DEFERRED both BEGINs would succeed).
        first._start_transaction_under_autocommit()
        second.ensure_connection()
        with pytest.raises(OperationalError, match="locked"):
            second._start_transaction_under_autocommit()
        # Readers are not blocked by the writer (WAL).
        with second.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM t")
            assert cursor.fetchone()[0] == 0
    finally:
        first.close()
        second.close()


@pytest.mark.integration
def test_tasks_run_inline_by_default(db):
    from django_tasks import task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    from bridge.core.tasks import send_templated_email

    assert isinstance(task_backends["default"], ImmediateBackend)
    result = send_templated_email.enqueue(
        to=["someone@example.org"],
        template="accounts/email/confirm",
        context={"name": "Someone", "url": "http://testserver/x"},
        language="en",
    )
    # No worker runs in the embedded default: the e-mail is already sent when enqueue returns.
    assert result.status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["someone@example.org"]

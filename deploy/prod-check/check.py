"""The checks of `make prod-check`, against the stack deploy/prod-check/run.sh started.

    health → metrics → a smoke journey through the API and the web → a mixed load (browse,
    search, sample requests, application autosave) → a worker killed in the middle of an
    import's indexing → PostgreSQL restarted under load → health again

Every request goes to gunicorn over HTTP with `X-Forwarded-Proto: https`, as from the TLS proxy
in front of it. The load is wrk with a Lua script (deploy/prod-check/load.py writes it) that
counts answers per second, so errors can be placed in time. Prints figures; fails (exit 1) when a
check fails: any non-2xx/3xx answer outside the PostgreSQL restart window, a site that has not
recovered 10 s after PostgreSQL is back, an import that lost rows, a queue left behind.
Timings are reported, never asserted: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

import load  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks.base import TaskResultStatus  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402
from web import Failed, Web, check  # noqa: E402

from bridge.materials.models import Material, SampleRequest  # noqa: E402
from bridge.search.models import SearchEntry  # noqa: E402

WORK = Path(os.environ["PROD_CHECK_WORK"])
ROOT = Path(__file__).resolve().parents[2]
RESULTS: list[tuple[str, str]] = []
METRICS = {"Authorization": f"Bearer {os.environ['METRICS_TOKEN']}"}


def report(name: str, value: str) -> None:
    RESULTS.append((name, value))
    print(f"  {name}: {value}")


def section(title: str) -> None:
    print(f"\n--- {title} ---", flush=True)


def queue_idle(timeout: float) -> float:
    """Seconds until no task waits or runs; Failed when some task failed."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        connections.close_all()
        busy = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).count()
        failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
        if failed.exists():
            raise Failed(f"a task failed: {failed.first().task_path}\n{failed.first().traceback}")
        if not busy:
            return time.monotonic() - start
        time.sleep(0.5)
    raise Failed(f"tasks still waiting after {timeout:.0f} s")


# --- phases ---------------------------------------------------------------------------------


def phase_health(web: Web) -> None:
    section("health")
    start = time.monotonic()
    while True:
        status, body = web.json("GET", "/healthz")
        if status == 200 and body["tasks"].get("workers") == 2:
            break
        if time.monotonic() - start > 90:
            raise Failed(f"/healthz did not report two workers: {status} {body}")
        time.sleep(1)
    for part in ("database", "cache", "tasks"):
        report(f"/healthz {part}", json.dumps(body[part], ensure_ascii=False))
    refused, _ = web.text("GET", "/metrics")
    check(refused == 403, f"/metrics without the token: {refused}")
    status, text = web.text("GET", "/metrics", headers=METRICS)
    check(status == 200 and "bridge_http_requests_total" in text, "/metrics with the token")
    check("bridge_task_workers 2.0" in text, "/metrics counts two workers")
    report("/metrics", f"{len(text.splitlines())} lines with the token; 403 without it")


def phase_smoke(web: Web, actors: load.Actors) -> None:
    section("smoke journey: API and web")
    status, page = web.json("GET", "/api/v1/materials?q=silk&page_size=5")
    check(status == 200 and page["count"] > 0, f"search API: {status}")
    first = page["items"][0]
    status, item = web.json("GET", f"/api/v1/materials/{first['supplier']}/{first['sku']}")
    check(status == 200 and item["sku"] == first["sku"], "one material")
    status, orgs = web.json("GET", "/api/v1/organisations?page_size=5")
    check(status == 200 and orgs["count"] > 0, "organisations")
    token = {"Authorization": f"Bearer {actors.token}"}
    queue_idle(120)  # the demo data's own e-mails first
    mails_before = _mails()
    status, me = web.json("GET", "/api/v1/me", headers=token)
    check(status == 200 and me["email"] == actors.requester, "the token's person")
    status, created = web.json("POST", "/api/v1/sample-requests", actors.sample_body(0), token)
    check(status == 201, f"sample request created: {status} {created}")
    status, shown = web.json("GET", f"/api/v1/sample-requests/{created['id']}", headers=token)
    check(status == 200 and shown["status"]["code"] == "requested", "sample request read back")
    status, _ = web.json("GET", "/api/v1/sample-requests", headers={})
    check(status == 401, "sample requests need a person")
    status, html = web.text("GET", f"/programmes/applications/{actors.application}/edit/", True)
    check(status == 200 and "autosave" in html, f"application form: {status}")
    status, saved = web.autosave(actors.application, "Smoke journey")
    check(status == 200, f"autosave: {status} {saved[:200]}")
    seconds = queue_idle(60)
    check(_mails() > mails_before, "the supplier's e-mail was sent by a worker")
    report("journey", f"10 steps ok; a worker sent the supplier's e-mail within {seconds:.1f} s")


def _mails() -> int:
    """Messages written by the file e-mail backend. Counted by the rule that ends each message,
    not by files: two backends of one process that send in the same second may get the same file
    name (a timestamp and the object's id, which Python reuses) and append to one file."""
    rule = b"-" * 79
    return sum(path.read_bytes().count(rule) for path in (WORK / "mail").glob("*"))


def phase_load(web: Web, actors: load.Actors, seconds: int) -> None:
    section(f"mixed load: {seconds} s, wrk -t2 -c8")
    before = SampleRequest.objects.count()
    views_before = _view_times(web)
    result = load.run(web, actors, seconds=seconds)
    created = SampleRequest.objects.count() - before
    views = _view_times(web)
    report("requests", f"{result.requests:,} ({result.requests / seconds:,.0f}/s)")
    report("latency p50 / p95 / p99 ms", result.percentiles)
    report("non-2xx/3xx", f"{result.errors} {result.statuses}")
    report("socket errors", str(result.socket_errors))
    report("sample requests created", str(created))
    busiest = sorted(
        ((n - views_before.get(v, (0, 0))[0], t - views_before.get(v, (0, 0))[1], v)
         for v, (n, t) in views.items()),
        reverse=True,
    )[:8]  # fmt: skip
    report(
        "busiest views (requests, mean ms)",
        "; ".join(f"{v} {n:,.0f} × {1000 * t / n:.0f}" for n, t, v in busiest if n),
    )
    check(result.errors == 0 and not any(result.socket_errors.values()), "no error under load")
    check(created > 0, "sample requests were created under load")
    lag = queue_idle(120)
    report("task queue drained after the load", f"{lag:.1f} s")


def _view_times(web: Web) -> dict[str, tuple[float, float]]:
    """view → (requests, seconds) from /metrics (all web processes)."""
    _status, text = web.text("GET", "/metrics", headers=METRICS)
    found: dict[str, list[float]] = {}
    for kind, view, value in re.findall(
        r'^bridge_http_request_duration_seconds_(count|sum)\{view="([^"]+)"\} (\S+)$', text, re.M
    ):
        found.setdefault(view, [0.0, 0.0])[kind == "sum"] = float(value)
    return {view: (n, t) for view, (n, t) in found.items()}


def phase_kill_worker(web: Web, actors: load.Actors, rows: int) -> None:
    section(f"a worker killed in the middle of an import ({rows:,} rows)")
    word = f"prodcheck{int(time.time())}"
    path = WORK / "import.csv"
    load.write_import(path, supplier=actors.supplier, rows=rows, word=word)
    since = timezone.now()
    subprocess.run(
        [sys.executable, "manage.py", "import_materials", str(path), "--publish"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    # The catch-up is one task per chunk of INDEX_CHUNK rows (decision 0019), each chunk in one
    # transaction: a worker killed in the middle of one leaves none of its entries, and the task
    # must come back to the queue and be run again by a live worker.
    chunks = DBTaskResult.objects.filter(
        task_path__endswith="materials_index_chunk", enqueued_at__gte=since
    )
    start = time.monotonic()
    while True:
        connections.close_all()
        task = chunks.filter(status=TaskResultStatus.RUNNING).first()
        if task is not None:
            break
        if time.monotonic() - start > 60:
            raise Failed("the import's indexing tasks never started")
        time.sleep(0.05)
    ids = list(Material.objects.filter(name__contains=word).values_list("pk", flat=True))
    indexed_then = SearchEntry.objects.filter(index_key="materials", object_id__in=ids).count()
    worker = task.worker_ids[-1]
    pid = int((WORK / f"worker-{worker}.pid").read_text())
    os.kill(pid, 9)
    killed = time.monotonic()
    report(
        "killed",
        f"worker {worker} (pid {pid}, kill -9) in a chunk of {len(task.args_kwargs['kwargs']['ids']):,}"
        f" rows, {chunks.count()} chunks, {indexed_then:,} of {rows:,} rows indexed then",
    )
    while True:
        connections.close_all()
        statuses = list(chunks.values_list("status", flat=True))
        if statuses and all(s == TaskResultStatus.SUCCESSFUL for s in statuses):
            break
        failed = chunks.filter(status=TaskResultStatus.FAILED).first()
        check(failed is None, f"indexing failed: {failed and failed.traceback}")
        check(time.monotonic() - killed < 180, "indexing finished within 3 minutes of the kill")
        time.sleep(0.5)
    task.refresh_from_db()
    report(
        "indexing finished",
        f"{time.monotonic() - killed:.1f} s after the kill "
        f"(the killed chunk returned to the queue, run again: {task.worker_ids})",
    )
    entries = SearchEntry.objects.filter(index_key="materials", object_id__in=ids)
    check(len(ids) == rows, f"{len(ids)} of {rows} rows imported")
    check(entries.count() == rows, f"{entries.count()} of {rows} rows in the search index")
    status, page = web.json("GET", f"/api/v1/materials?q={word}&page_size=1")
    check(status == 200 and page["count"] == rows, f"the API finds {page.get('count')} of {rows}")
    report("nothing lost", f"{rows:,} rows imported, indexed once each, found by the API")
    phase_wait_workers(web)


def phase_wait_workers(web: Web) -> None:
    start = time.monotonic()
    while True:
        status, body = web.json("GET", "/healthz")
        if status == 200 and body["tasks"].get("workers") == 2:
            return
        check(time.monotonic() - start < 60, f"two workers again: {body.get('tasks')}")
        time.sleep(1)


def phase_restart_postgres(web: Web, actors: load.Actors, seconds: int) -> None:
    section(f"PostgreSQL restarted under load ({seconds} s of load)")
    connections.close_all()
    pg_ctl = [os.environ["PROD_CHECK_PG_CTL"], "-D", str(WORK / "pg")]
    if os.geteuid() == 0:
        pg_ctl = ["runuser", "-u", os.environ.get("PG_USER", "postgres"), "--", *pg_ctl]
    runner = load.start(web, actors, seconds=seconds)
    time.sleep(min(8, seconds / 4))
    down = time.time()
    subprocess.run([*pg_ctl, "stop", "-m", "fast"], check=True, capture_output=True)
    time.sleep(3)
    subprocess.run(
        [
            *pg_ctl,
            "-o",
            os.environ["PROD_CHECK_PG_OPTS"],
            "-l",
            str(WORK / "pglog" / "postgres.log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    up = time.time()
    result = runner.finish()
    window = (int(down), int(up) + 10)
    outside = sum(
        err for sec, (_ok, err) in result.seconds.items() if not window[0] <= sec <= window[1]
    )
    inside = result.errors - outside
    after = [sec for sec, (_ok, err) in sorted(result.seconds.items()) if sec >= int(up) and err]
    recovered = (max(after) + 1 - up) if after else 0.0
    served = sum(ok for sec, (ok, _err) in result.seconds.items() if int(down) < sec < int(up))
    report(
        "PostgreSQL down", f"{up - down:.1f} s; {served} answers 2xx/3xx meanwhile (cached pages)"
    )
    report("requests", f"{result.requests:,}; p50 / p95 / p99 ms {result.percentiles}")
    report("errors in the window (down + 10 s)", f"{inside} {result.statuses}")
    report("errors outside the window", str(outside))
    report("socket errors", str(result.socket_errors))
    report("recovered", f"{max(recovered, 0):.1f} s after PostgreSQL was back")
    check(outside == 0, "no error outside the restart window")
    check(recovered <= 10, "the site recovered within 10 s")
    # The workers waited for the database rather than die: new work still gets done.
    token = {"Authorization": f"Bearer {actors.token}"}
    status, _ = web.json("POST", "/api/v1/sample-requests", actors.sample_body(1), token)
    check(status == 201, f"a sample request after the restart: {status}")
    report("task queue drained after the restart", f"{queue_idle(90):.1f} s")
    phase_wait_workers(web)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--load-seconds", type=int, default=int(os.environ.get("LOAD_SECONDS", 60)))
    parser.add_argument("--restart-seconds", type=int, default=30)
    parser.add_argument("--import-rows", type=int, default=3000)
    args = parser.parse_args()
    web = Web(os.environ["PROD_CHECK_BASE"])
    try:
        phase_health(web)
        actors = load.prepare(web)
        phase_smoke(web, actors)
        phase_load(web, actors, args.load_seconds)
        phase_kill_worker(web, actors, args.import_rows)
        phase_restart_postgres(web, actors, args.restart_seconds)
        section("health at the end")
        status, body = web.json("GET", "/healthz")
        check(status == 200, f"/healthz: {status} {body}")
        report(
            "/healthz",
            "200; " + ", ".join(f"{k} {v['status']}" for k, v in body.items() if k != "status"),
        )
    except Failed as failure:
        print(f"\nprod-check FAILED: {failure}")
        # run.sh prints it again below the logs, where a CI log's tail shows it
        (WORK / "failure.txt").write_text(str(failure))
        sys.exit(1)
    except Exception:
        traceback.print_exc()
        (WORK / "failure.txt").write_text(traceback.format_exc(limit=-3))
        sys.exit(1)
    section("prod-check passed")
    for name, value in RESULTS:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()

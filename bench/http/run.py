"""HTTP benchmark: requests/s and p99 latency under gunicorn (2 workers) with wrk on loopback.

    python bench/http/run.py [--duration 10] [--connections 16] [--extra 500]

Builds a scratch database (demo data plus --extra organisations), starts gunicorn, and measures
the home page, the organisation directory, an organisation page and /api/v1/organisations beside
a trivial view in the same run. Then counts the SQL queries of each page at two data sizes, to
show they do not grow with the number of rows. Prints a Markdown table for docs/benchmarks.md.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def _env(var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "bench.http.settings",
        "DEBUG": "false",
        "AXES_ENABLED": "false",
        "DEMO_PHOTOS": "false",
        "PYTHONPATH": str(ROOT),
    }


def _manage(env, *args) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def _add_organisations(env, count: int) -> None:
    # Bulk rows straight into the tables: the benchmark measures reading, not the write path.
    code = f"""
from bridge.accounts.models import Organisation, Sector
sectors = list(Sector.objects.all())
orgs = Organisation.objects.bulk_create(
    Organisation(name=f"Bench studio {{i:05d}}", slug=f"bench-{{i:05d}}",
                 country=("RU", "UZ", "KZ")[i % 3], description_en="A bench studio " * 8,
                 verification="verified" if i % 2 else "unverified")
    for i in range({count})
)
Through = Organisation.sectors.through
Through.objects.bulk_create(
    Through(organisation_id=o.pk, sector_id=sectors[i % len(sectors)].pk) for i, o in enumerate(orgs)
)
"""
    subprocess.run(
        [PY, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, check=True
    )


def _wrk(url: str, duration: int, connections: int) -> tuple[float, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses")
    return rps, float(p99.group(1)) * scale


def _query_counts(env, paths: list[str]) -> dict[str, int]:
    code = f"""
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
for path in {paths!r}:
    client.get(path)  # warm caches that are per-process, not per-request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    print(path, len(ctx.captured_queries))
"""
    out = subprocess.run(
        [PY, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {line.rsplit(" ", 1)[0]: int(line.rsplit(" ", 1)[1]) for line in out.splitlines()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--extra", type=int, default=500)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    var_dir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    env = _env(var_dir)
    _manage(env, "migrate", "--no-input")
    _manage(env, "seed_demo")  # DEMO_PHOTOS=false in _env: pages are measured, not pictures
    slug = subprocess.run(
        [
            PY,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from bridge.accounts.models import Organisation; "
            "print(Organisation.objects.order_by('pk').first().slug)",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    paths = {
        "trivial view": "/bench/trivial",
        "home": "/",
        "directory": "/organisations/",
        "organisation page": f"/organisations/{slug}/",
        "API organisations": "/api/v1/organisations",
        "materials catalog": "/materials/",
        "API materials": "/api/v1/materials",
    }
    small = _query_counts(env, list(paths.values())[1:])
    _add_organisations(env, args.extra)
    large = _query_counts(env, list(paths.values())[1:])

    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 - loopback only
                break
            except OSError:
                time.sleep(0.2)
        results = {}
        for name, path in paths.items():
            _wrk(base + path, 2, args.connections)  # warm-up
            results[name] = _wrk(base + path, args.duration, args.connections)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(var_dir, ignore_errors=True)

    trivial_rps = results["trivial view"][0]
    print(
        f"wrk -t2 -c{args.connections} -d{args.duration}s; gunicorn -w 2 (sync); "
        f"{os.cpu_count()} CPU cores; SQLite"
    )
    print(
        f"| page | req/s | p99 ms | % of trivial | queries (demo) | queries (+{args.extra} orgs) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, (rps, p99) in results.items():
        path = paths[name]
        print(
            f"| {name} | {rps:,.0f} | {p99:.1f} | {100 * rps / trivial_rps:.0f}% | "
            f"{small.get(path, '–')} | {large.get(path, '–')} |"
        )


if __name__ == "__main__":
    main()

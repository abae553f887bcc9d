"""Insights benchmark (issue 13): rollup cost and dashboard speed at scale.

    python bench/insights/run.py [--materials 1000000] [--requests 100000] [--applications 50000]
                                 [--postgres] [--requests-http 400]

In a scratch database (SQLite under a temporary VAR_DIR, or DATABASE_URL's server with
--postgres), bulk-inserts synthetic rows spread over 18 months: suppliers and studios in eight
countries, materials (90% published), sample requests with their answers, applications to ten
seasons. Then measures, beside a baseline taken in the same run:

- the full rollup, beside one full scan of the materials table (SELECT COUNT(*) ... GROUP BY);
- the incremental daily run after a day's new rows (2,000 listings, 300 requests, 200 answers);
- the dashboard through HTTP under gunicorn (2 workers), p50/p95 over a mix of filters, cold
  (first request of each filter after a run) and warm, beside a trivial view; and its query
  count, which the test suite also asserts (≤ 10).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def setup_django(var_dir: Path, postgres: bool) -> None:
    os.environ["VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.http.settings"
    os.environ.setdefault("AXES_ENABLED", "false")
    os.environ.setdefault("DEMO_PHOTOS", "false")
    if not postgres:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def timed(label: str, fn, *args, **kwargs):
    began = time.perf_counter()
    result = fn(*args, **kwargs)
    seconds = time.perf_counter() - began
    print(f"  {label}: {seconds:.2f} s", flush=True)
    return result, seconds


COUNTRIES = ["UZ", "RU", "KZ", "KG", "TJ", "AM", "BY", "AZ"]
WEIGHTS = [40, 35, 8, 5, 4, 3, 3, 2]


def populate(materials: int, requests: int, applications: int) -> None:
    import random
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from bridge.accounts.models import Organisation, Sector
    from bridge.materials.models import Category, Material, SampleRequest
    from bridge.programs.models import Application, Call, Programme

    rng = random.Random(13)
    now = timezone.now()
    span = timedelta(days=545)

    def when(u: float):
        return now - span + span * (u**0.6)  # busier towards today

    roots = list(Category.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    sectors = list(Sector.objects.all())
    suppliers = Organisation.objects.bulk_create(
        Organisation(name=f"Supplier {i}", slug=f"bench-supplier-{i}",
                     country=rng.choices(COUNTRIES, WEIGHTS)[0], verification="verified",
                     created_at=when(rng.random() * 0.5))
        for i in range(2000)
    )  # fmt: skip
    studios = Organisation.objects.bulk_create(
        Organisation(name=f"Studio {i}", slug=f"bench-studio-{i}",
                     country=rng.choices(COUNTRIES, WEIGHTS)[0], verification="verified",
                     created_at=when(rng.random() * 0.7))
        for i in range(6000)
    )  # fmt: skip
    Through = Organisation.sectors.through
    Through.objects.bulk_create(
        Through(organisation_id=o.pk, sector_id=rng.choice(sectors).pk)
        for o in [*suppliers, *studios]
    )
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"bench{i}@example.org", full_name=f"Bench {i}") for i in range(500)
    )
    batch = []
    for i in range(materials):
        supplier = suppliers[i % len(suppliers)]
        published = when(rng.random())
        roll = rng.random()
        status = "published" if roll < 0.9 else ("archived" if roll < 0.95 else "pending")
        batch.append(
            Material(supplier_id=supplier.pk, sku=f"B-{i}", name=f"Bench material {i}",
                     description="Bench", language="en", category_id=rng.choice(roots),
                     origin_country=supplier.country, price=10, currency="USD", unit="m", moq=1,
                     lead_time_days=14, status=status,
                     published_at=published if status != "pending" else None,
                     sample_available=True)
        )  # fmt: skip
        if len(batch) == 20000:
            Material.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Material.objects.bulk_create(batch, batch_size=5000)
    # created_at is auto_now_add: set it (and updated_at) from the publication time.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE materials_material SET created_at = COALESCE(published_at, created_at), "
            "updated_at = COALESCE(published_at, updated_at)"
        )
    rows = []
    for i in range(requests):
        created = when(rng.random())
        hours = rng.lognormvariate(2.2, 1.0)
        answered = created + timedelta(hours=hours) if rng.random() < 0.9 else None
        status = "requested"
        if answered and answered < now:
            status = "accepted" if rng.random() < 0.85 else "declined"
        else:
            answered = None
        rows.append(
            SampleRequest(requester_id=users[i % len(users)].pk, organisation_id=studios[i % len(studios)].pk,
                          supplier_id=suppliers[i % len(suppliers)].pk, purpose="bench", delivery_address="x",
                          created_at=created, answered_at=answered, status=status,
                          accepted_at=answered if status == "accepted" else None)
        )  # fmt: skip
    SampleRequest.objects.bulk_create(rows, batch_size=5000)
    programme = Programme.objects.create(slug="bench", name_en="Bench programme")
    calls = []
    for season in range(10):
        opens = now - span + timedelta(days=55 * season)
        calls.append(
            Call.objects.create(programme=programme, slug=f"bench-{season}", title_en=f"Season {season}",
                                opens_at=opens, closes_at=opens + timedelta(days=30), is_published=True)
        )  # fmt: skip
    apps = []
    for i in range(applications):
        call = calls[i % len(calls)]
        status = rng.choice(["submitted", "accepted", "rejected", "waitlisted", "under-review"])
        apps.append(
            Application(call_id=call.pk, organisation_id=studios[(i // len(calls)) % len(studios)].pk,
                        status=status, submitted_at=call.opens_at + timedelta(hours=rng.random() * 700))
        )  # fmt: skip
    Application.objects.bulk_create(apps, batch_size=5000)
    # auto_now stamped every row "just now": date each as its last real change, or every row
    # would look changed to the first incremental run.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE materials_samplerequest SET updated_at = COALESCE(answered_at, created_at)"
        )
        cursor.execute(
            "UPDATE programs_application SET updated_at = COALESCE(submitted_at, created_at)"
        )


def one_day(now) -> None:
    """A day's worth of new rows, as the incremental run sees them the next morning."""
    import random
    from datetime import timedelta

    from django.utils import timezone

    from bridge.accounts.models import Organisation
    from bridge.materials.models import Category, Material, SampleRequest

    rng = random.Random(now.day)
    suppliers = list(Organisation.objects.filter(slug__startswith="bench-supplier-")[:200])
    studios = list(Organisation.objects.filter(slug__startswith="bench-studio-")[:200])
    roots = list(Category.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    stamp = int(now.timestamp())
    Material.objects.bulk_create(
        Material(supplier_id=suppliers[i % 200].pk, sku=f"D-{stamp}-{i}", name="New", description="New",
                 language="en", category_id=rng.choice(roots), origin_country="UZ", price=10,
                 currency="USD", unit="m", moq=1, lead_time_days=14, status="published",
                 published_at=timezone.now())
        for i in range(2000)
    )  # fmt: skip
    user_id = SampleRequest.objects.values_list("requester_id", flat=True).first()
    SampleRequest.objects.bulk_create(
        SampleRequest(requester_id=user_id, organisation_id=studios[i % 200].pk,
                      supplier_id=suppliers[i % 200].pk, purpose="bench", delivery_address="x",
                      created_at=timezone.now())
        for i in range(300)
    )  # fmt: skip
    # Suppliers answer what came in this week (older requests have expired in real life).
    pending = list(
        SampleRequest.objects.filter(status="requested", created_at__gte=now - timedelta(days=7))
        .order_by("created_at")
        .values_list("pk", flat=True)[:200]
    )
    for pk in pending:
        SampleRequest.objects.filter(pk=pk).update(
            status="accepted", answered_at=timezone.now(), accepted_at=timezone.now()
        )


def baseline_scan() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT o.country, m.category_id, COUNT(*) FROM materials_material m "
            "JOIN accounts_organisation o ON o.id = m.supplier_id WHERE m.status = 'published' "
            "GROUP BY 1, 2"
        )
        cursor.fetchall()


def http_bench(var_dir: Path, postgres: bool, count: int, port: int = 8766) -> dict:
    env = {**os.environ, "VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "bench.http.settings",
           "PYTHONPATH": str(ROOT), "DEBUG": "false"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.2)
        filters = ["", "?period=12m", "?country=UZ", "?period=12m&country=RU", "?period=2026",
                   "?country=KZ&period=all"]  # fmt: skip

        def get(path):
            began = time.perf_counter()
            with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310
                response.read()
                assert response.status == 200
            return (time.perf_counter() - began) * 1000

        cold = [get("/insights/" + f) for f in filters]  # first request of each filter
        cold += [get("/insights/" + f) for f in filters]  # the other worker's first
        latencies: list[float] = []
        trivial: list[float] = []
        lock = threading.Lock()

        def worker(n):
            for i in range(n):
                a = get("/insights/" + filters[i % len(filters)])
                b = get("/bench/trivial")
                with lock:
                    latencies.append(a)
                    trivial.append(b)

        threads = [threading.Thread(target=worker, args=(count // 4,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=10)

    def p(values, q):
        return statistics.quantiles(values, n=100)[q - 1]

    return {
        "cold_max": max(cold),
        "cold_p50": statistics.median(cold),
        "p50": statistics.median(latencies),
        "p95": p(latencies, 95),
        "trivial_p50": statistics.median(trivial),
        "trivial_p95": p(trivial, 95),
        "n": len(latencies),
    }


def query_count() -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client = Client()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/insights/", {"period": "12m", "country": "UZ"})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--materials", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=50_000)
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL's server")
    parser.add_argument("--requests-http", type=int, default=400)
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="bench-insights-"))
    setup_django(var_dir, args.postgres)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    if args.postgres:
        name = connection.settings_dict["NAME"]
        if not name.endswith("_bench"):
            raise SystemExit("--postgres needs a DATABASE_URL whose database name ends in _bench")
        call_command("flush", "--no-input", verbosity=0)
    call_command("migrate", "--no-input", verbosity=0)
    print(
        f"{args.materials:,} materials, {args.requests:,} sample requests, "
        f"{args.applications:,} applications; {connection.vendor}; {os.cpu_count()} CPU cores",
        flush=True,
    )
    timed("bulk insert", populate, args.materials, args.requests, args.applications)
    from bridge.insights.services.rollup import rollup_run

    _, scan = timed("baseline: one grouped scan of the materials", baseline_scan)
    run, full = timed("full rollup", rollup_run, full=True, trigger="bench")
    print(f"    {run.daily_rows:,} daily rows, {run.monthly_rows:,} monthly rows; {run.timings}")
    incremental = []
    for _ in range(2):
        one_day(timezone.now())
        run, seconds = timed("incremental run after a day's rows", rollup_run, trigger="bench")
        incremental.append(seconds)
        print(f"    since {run.since}; {run.timings}")
    queries = query_count()
    print(f"  dashboard queries (cold cache): {queries}")
    connection.close()
    http = http_bench(var_dir, args.postgres, args.requests_http)
    print(
        f"  dashboard over HTTP ({http['n']} requests, 4 clients, gunicorn -w 2): "
        f"p50 {http['p50']:.1f} ms, p95 {http['p95']:.1f} ms; cold (first per filter) "
        f"median {http['cold_p50']:.1f} ms, worst {http['cold_max']:.1f} ms; "
        f"trivial view p50 {http['trivial_p50']:.1f} ms, p95 {http['trivial_p95']:.1f} ms"
    )
    print()
    print("| figure | value | baseline in the same run |")
    print("|---|---:|---:|")
    print(
        f"| full rollup | {full:.1f} s | one grouped scan of materials: {scan:.2f} s ({full / scan:.0f}×) |"
    )
    print(
        f"| incremental daily run | {statistics.median(incremental):.2f} s | {statistics.median(incremental) / scan:.1f}× the scan |"
    )
    print(
        f"| dashboard p95 (warm) | {http['p95']:.1f} ms | trivial view p95 {http['trivial_p95']:.1f} ms |"
    )
    print(f"| dashboard, first request per filter (worst) | {http['cold_max']:.1f} ms | – |")
    print(f"| dashboard queries | {queries} | ≤ 10 |")


if __name__ == "__main__":
    main()

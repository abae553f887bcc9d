"""Catalog page benchmark (issue 4): the public catalog with facets at N published materials.

    python bench/materials/catalog_bench.py [--sizes 100k[,1M]] [--postgres] [--rounds 3] [--keep]

For each size, a fresh process builds a scratch database (migrated, no demo data, in a temporary
VAR_DIR; --postgres uses DATABASE_URL's server, whose public schema is dropped and migrated
again): N published materials of nine suppliers in mixed languages, written by the import itself
(`import_materials(publish=True)`, 100,000 rows a file, indexing deferred), then indexed for search
with `bridge.search.services.search_index_documents` (the engine's bulk path, fed by the
materials' own search documents). It then requests the catalog page — the real view through
Django's test client, with its facets — for 20 mixed requests (no query, a rare word, common
words, a category, certification + price, a Cyrillic Uzbek query, sorts, page 5 …) and reports
p50 / p95 server time and queries per page; beside it the same requests answered the plain way
(`icontains` on name and description + the same filters, a page of cards, facet counts with
GROUP BY). Prints a Markdown table for docs/benchmarks.md. Not a timed test: run by hand
(`make bench-catalog`).
"""

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.materials.import_bench import (  # noqa: E402
    CATEGORIES,
    COMPOSITIONS,
    CURRENCIES,
    DESCRIPTIONS,
    HEADER,
    NAMES,
    SUPPLIERS,
)

FILE_ROWS = 100_000  # the import's limit is 50 MB a file: ~26 MB per 100,000 rows
RARE = "marvarid"  # in one name of a thousand
# (label, query string): what people do on the page.
REQUESTS = [
    ("no query", ""),
    ("rare word", f"q={RARE}"),
    ("common word (uz)", "q=atlas"),
    ("common word (ru)", "q=ткань"),
    ("common word (en)", "q=cotton"),
    ("two words", "q=ipak+mato"),
    ("Cyrillic Uzbek", "q=зардўзи"),
    ("Cyrillic Uzbek, 2 words", "q=хон+атлас"),
    ("category", "category=ceramics"),
    ("category + word", "category=textiles&q=silk"),
    ("certification + price", "certification=gots&price_max=20&currency=USD"),
    ("fibre", "fibre=linen"),
    ("country", "country=RU"),
    ("sample available", "sample=on"),
    ("lead time + MOQ", "lead_max=14&moq_max=5"),
    ("sort by price", "sort=price"),
    ("word, sort by price desc", "q=adras&sort=-price"),
    ("newest", "sort=newest"),
    ("page 5", "page=5"),
    ("word, page 5", "q=atlas&page=5"),
]


def write_csv(path: Path, start: int, rows: int) -> None:
    rnd = random.Random(start)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(start, start + rows):
            supplier, country, language = SUPPLIERS[n % len(SUPPLIERS)]
            currency, low, high = rnd.choice(CURRENCIES)
            name = f"{rnd.choice(NAMES[language])} {n}"
            if n % 1000 == 7:
                name = f"{name} {RARE}"
            writer.writerow([
                supplier, f"C-{n:08d}", name, DESCRIPTIONS[language], rnd.choice(CATEGORIES),
                country, f"{rnd.uniform(low, high):.2f}", currency,
                rnd.choice(["m", "kg", "piece", "m2"]), rnd.choice([1, 5, 10, 50]),
                rnd.choice([7, 14, 21, 30]), language, rnd.choice(COMPOSITIONS),
                rnd.choice(["ikat; hand-woven", "block print", "", "embroidery"]),
                rnd.choice(["indigo; gold", "red", "", "natural"]), rnd.choice(["", "45", "110", "150"]),
                rnd.choice(["", "90", "180", "320"]), rnd.choice(["", "GOTS", "oeko-tex-100", "GOTS; OCS"]),
                rnd.choice(["yes", "no"]),
            ])  # fmt: skip


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _icontains_page(params: dict, rates, page_size: int = 24) -> int:
    """The same request answered the plain way; returns the number of queries it made."""
    from django.db import connection
    from django.db.models import Count, Q
    from django.test.utils import CaptureQueriesContext

    from bridge.materials.models import Material, MaterialCertification, MaterialFibre
    from bridge.materials.selectors.materials import card_queryset
    from bridge.materials.vocabulary import Status

    with CaptureQueriesContext(connection) as captured:
        rows = Material.objects.filter(status=Status.PUBLISHED)
        for word in params.get("q", "").split():
            rows = rows.filter(Q(name__icontains=word) | Q(description__icontains=word))
        if "category" in params:
            rows = rows.filter(category__code__in=[params["category"]])
        if "certification" in params:
            rows = rows.filter(certifications__certification__code=params["certification"])
        if "fibre" in params:
            rows = rows.filter(fibres__fibre=params["fibre"])
        if "country" in params:
            rows = rows.filter(supplier__country=params["country"])
        if "sample" in params:
            rows = rows.filter(sample_available=True)
        if "lead_max" in params:
            rows = rows.filter(lead_time_days__lte=int(params["lead_max"]))
        if "moq_max" in params:
            rows = rows.filter(moq__lte=params["moq_max"])
        if "price_max" in params:
            # per currency, the USD limit converted back (what a plain query can do)
            limit = float(params["price_max"])
            by_currency = Q()
            for currency, rate in rates.to_usd.items():
                by_currency |= Q(currency=currency, price__lte=limit / float(rate))
            rows = rows.filter(by_currency)
        rows = rows.distinct()
        count = rows.count()
        order = {"price": "price", "-price": "-price", "newest": "-created_at"}
        ordered = rows.order_by(order.get(params.get("sort", ""), "-published_at"), "pk")
        page = int(params.get("page", 1))
        ids = list(ordered.values_list("pk", flat=True)[(page - 1) * page_size : page * page_size])
        list(card_queryset().filter(pk__in=ids))
        matching = Material.objects.filter(pk__in=rows.values("pk"))
        list(matching.values("category__code").annotate(n=Count("pk")))
        list(matching.values("supplier__country").annotate(n=Count("pk")))
        list(matching.values("supplier__slug").annotate(n=Count("pk")))
        list(matching.values("sample_available").annotate(n=Count("pk")))
        list(
            MaterialCertification.objects.filter(material__in=rows.values("pk"))
            .values("certification__code")
            .annotate(n=Count("material_id", distinct=True))
        )
        list(
            MaterialFibre.objects.filter(material__in=rows.values("pk"))
            .values("fibre")
            .annotate(n=Count("material_id", distinct=True))
        )
        assert count >= 0
    return len(captured)


def child(size: int, rounds: int, var_dir: str) -> dict:
    import resource
    from urllib.parse import parse_qsl

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0, interactive=False)
    from bridge.accounts.models import Organisation
    from bridge.materials.importer import import_materials
    from bridge.materials.models import ExchangeRate, Material
    from bridge.materials.selectors.money import exchange_rates
    from bridge.search import registry
    from bridge.search.services import search_index_documents

    for slug, country, _language in SUPPLIERS:
        Organisation.objects.get_or_create(
            slug=slug, defaults={"name": slug.replace("-", " ").title(), "country": country}
        )
    from django.utils import timezone

    today = timezone.now().date()
    for currency, rate in (("UZS", "0.000079"), ("RUB", "0.011"), ("EUR", "1.08")):
        ExchangeRate.objects.get_or_create(currency=currency, date=today,
                                           defaults={"rate_to_usd": rate})  # fmt: skip

    start = time.perf_counter()
    for first in range(0, size, FILE_ROWS):
        path = Path(var_dir) / f"catalog-{first}.csv"
        write_csv(path, first, min(FILE_ROWS, size - first))
        with path.open("rb") as f:
            result = import_materials(file=f, filename=path.name, publish=True, report=False)
        assert result.ok, result.errors[:3]
        path.unlink()
    import_s = time.perf_counter() - start

    start = time.perf_counter()
    index = registry.get("materials")

    def documents():
        for material in index.queryset().iterator(chunk_size=2000):
            yield material.pk, index.document(material)

    indexed = search_index_documents(key="materials", documents=documents())
    index_s = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    # How much of the page is the search engine (bridge.search), the rest being the materials
    # part: cards, facet labels, the template.
    import bridge.materials.selectors.catalog as catalog_selectors

    engine_time = [0.0]
    engine_search = catalog_selectors.search

    def timed_search(**kwargs):
        begin = time.perf_counter()
        try:
            return engine_search(**kwargs)
        finally:
            engine_time[0] += time.perf_counter() - begin

    catalog_selectors.search = timed_search

    client = Client()
    rates = exchange_rates()
    shares = []
    engine, plain, engine_queries, plain_queries = [], [], {}, {}
    per_request: dict[str, float] = {}
    for round_ in range(rounds + 1):  # round 0 warms the caches
        for label, query in REQUESTS:
            url = "/materials/" + (f"?{query}" if query else "")
            engine_time[0] = 0.0
            begin = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
            elapsed = time.perf_counter() - begin
            assert response.status_code == 200, (url, response.status_code)
            engine_queries[label] = len(captured)
            begin = time.perf_counter()
            plain_queries[label] = _icontains_page(dict(parse_qsl(query)), rates)
            plain_elapsed = time.perf_counter() - begin
            if round_:
                shares.append(engine_time[0] / elapsed)
                engine.append(elapsed)
                plain.append(plain_elapsed)
                per_request[label] = max(per_request.get(label, 0.0), elapsed)
    return {
        "size": Material.objects.count(),
        "indexed": indexed,
        "import_s": import_s,
        "index_s": index_s,
        "engine": _percentiles(engine),
        "plain": _percentiles(plain),
        "engine_queries": (min(engine_queries.values()), max(engine_queries.values())),
        "plain_queries": (min(plain_queries.values()), max(plain_queries.values())),
        "engine_share": statistics.median(shares),
        "slowest": sorted(per_request.items(), key=lambda kv: -kv[1])[:3],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


RESET = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DROP SCHEMA public CASCADE")
    cursor.execute("CREATE SCHEMA public")
"""


def _size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        size, rounds, var_dir = args.child
        print("RESULT " + json.dumps(child(int(size), int(rounds), var_dir)))
        return

    database = "PostgreSQL" if args.postgres else "SQLite"
    print("| database | materials | import s | index s | page p50 / p95 ms | queries per page "
          "| search engine share | icontains p50 / p95 ms | icontains queries | slowest requests (ms) |")  # fmt: skip
    print("|---|---:|---:|---:|---|---|---:|---|---|---|")
    for text in args.sizes.split(","):
        var_dir = tempfile.mkdtemp(prefix="catalog-bench-")
        env = {
            **os.environ,
            "VAR_DIR": var_dir,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "PYTHONPATH": str(ROOT),
            # Indexing is the benchmark's own step (bulk), not a task per import.
            "TASKS_BACKEND": "database",
        }
        if args.postgres:
            if not env.get("DATABASE_URL", "").startswith("postgres"):
                sys.exit("--postgres needs DATABASE_URL=postgres://… in the environment")
            subprocess.run([sys.executable, "-c", RESET], cwd=ROOT, env=env, check=True)
        else:
            env.pop("DATABASE_URL", None)
        command = [sys.executable, __file__, "--child", str(_size(text)), str(args.rounds), var_dir]
        out = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
        if out.returncode or line is None:
            sys.exit(out.stderr[-3000:])
        r = json.loads(line[7:])
        slowest = ", ".join(f"{label} {ms * 1000:.0f}" for label, ms in r["slowest"])
        print(f"| {database} | {r['size']:,} | {r['import_s']:.0f} | {r['index_s']:.0f} "
              f"| {r['engine'][0]:.0f} / {r['engine'][1]:.0f} "
              f"| {r['engine_queries'][0]}–{r['engine_queries'][1]} "
              f"| {r['engine_share']:.0%} "
              f"| {r['plain'][0]:.0f} / {r['plain'][1]:.0f} "
              f"| {r['plain_queries'][0]}–{r['plain_queries'][1]} | {slowest} |")  # fmt: skip
        if args.keep:
            print(f"scratch directory kept: {var_dir}")
        else:
            import shutil

            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

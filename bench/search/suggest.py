"""Suggestions of the header's search box through HTTP (issue 17): p50 / p95 / p99 beside the
trivial view, measured in the same run, at 100k materials.

    python bench/search/suggest.py [--materials 100k] [--organisations 3000] [--rounds 5]
                                   [--postgres | --reuse DIR]

Builds a scratch database (migrated; SQLite, or with --postgres a scratch database beside
DATABASE_URL's), writes a synthetic catalog of --materials entries through the engine's bulk
path (the generator of bench/search/run.py) and --organisations organisations with names in
Russian, Uzbek (both scripts, every apostrophe) and English, starts its own redis-server when
one is installed (the production cache: the organisations' names are cached per data version
there) and gunicorn with one sync worker. Then, one request at a time from this process (what
one person typing sees), it alternates the trivial view and a suggestion request, over 24
prefixes of 2–6 letters in four scripts, --rounds times; also the results page for 8 queries,
rendered (a miss of the page cache) and from the cache, and the materials API for the same
words (one index's search: the baseline of the results page). Then, in process, the page's
breakdown per query: each index's search, the cards, the whole page and its SQL statements.
Prints Markdown tables for docs/benchmarks.md. Not a timed test: run by hand.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

PREFIXES = [
    # ru
    "ат", "атл", "шёл", "шел", "кер", "риш", "хло", "ткан",
    # uz Latin, with each apostrophe people type
    "at", "ipa", "margʻ", "marg'", "margʼi", "yogʻ", "paxt", "kula",
    # uz Cyrillic
    "ипа", "марғ", "ёғо", "кулол",
    # en
    "sil", "kha", "cera", "nasr",
]  # fmt: skip
RESULTS = ["атлас", "ipak", "шёлк", "margʻilon", "хлопок", "ceramics", "kulolchilik", "games"]
ORG_WORDS = {
    "ru": ["Атлас", "Шёлковый", "Путь", "Керамика", "Студия", "Мастерская", "Хлопок", "Север"],
    "uz": ["Margʻilon", "Ipak", "Yoʻli", "Rishton", "Kulol", "Atlas", "Hunarmand", "Paxta"],
    "uz-Cyrl": ["Марғилон", "Ипак", "Йўли", "Риштон", "Кулол", "Атлас", "Ҳунарманд", "Пахта"],
    "en": ["Silk", "Road", "Games", "Studio", "Ceramics", "Khan", "Atlas", "Northern"],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(materials: int, organisations: int) -> None:
    """In the child process: the catalog's index and the organisations, written in bulk."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from bench.search.run import catalog
    from bridge.accounts.models import Organisation
    from bridge.search.services import search_index_documents, search_index_update

    start = time.perf_counter()
    search_index_documents(key="materials", documents=catalog(materials))
    rnd = random.Random(17)
    languages = list(ORG_WORDS)
    Organisation.objects.bulk_create(
        Organisation(
            name=" ".join(rnd.sample(ORG_WORDS[languages[i % 4]], 2)) + f" {i}",
            slug=f"bench-{i:05d}",
            country=("RU", "UZ", "KZ")[i % 3],
        )
        for i in range(organisations)
    )
    # Through the engine like the site's own writes: the results page searches them too.
    search_index_update(key="organisations", objects=list(Organisation.objects.all()))
    print(f"built in {time.perf_counter() - start:.0f} s", file=sys.stderr)


@contextmanager
def redis_server(var_dir: Path):
    if shutil.which("redis-server") is None:
        yield None
        return
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(var_dir)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        time.sleep(0.5)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def gunicorn(env: dict, port: int):
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/trivial", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
        response.read()
        if response.status != 200:
            raise SystemExit(f"{url}: {response.status}")
    return (time.perf_counter() - start) * 1000


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def pick(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    return f"{pick(0.5):.1f} / {pick(0.95):.1f} / {pick(0.99):.1f}"


def measure(base: str, rounds: int) -> dict[str, list[float]]:
    suggest = [f"{base}/search/suggest/?{urllib.parse.urlencode({'q': q})}" for q in PREFIXES]
    results = [f"{base}/search/?{urllib.parse.urlencode({'q': q})}" for q in RESULTS]
    trivial = f"{base}/bench/trivial"
    for url in suggest + results:  # warm-up: the thesaurus, the names, the templates
        get(url)
    api = [f"{base}/api/v1/materials?{urllib.parse.urlencode({'q': q})}" for q in RESULTS]
    samples: dict[str, list[float]] = {
        "trivial": [], "suggest": [], "results": [], "cached": [], "api": []
    }  # fmt: skip
    for round_ in range(rounds):
        for url in suggest:
            samples["trivial"].append(get(trivial))
            samples["suggest"].append(get(url))
        for url, api_url in zip(results, api, strict=True):
            # A new address each round is a miss of the page cache: the page is rendered.
            samples["results"].append(get(f"{url}&round={round_}"))
            samples["cached"].append(get(url))
            # The same words in the catalog's API alone: one index, the baseline of one search.
            samples["api"].append(get(f"{api_url}&round={round_}"))
    return samples


@contextmanager
def scratch_postgres(url: str):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = (parts.path.strip("/") or "postgres") + "_bench_suggest"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def run(args, var_dir: Path, database_url: str | None) -> None:
    env = {**os.environ, "VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "bench.http.settings",
           "DEBUG": "false", "AXES_ENABLED": "false", "PYTHONPATH": str(ROOT),
           "PAGE_CACHE_SECONDS": "300",
           # One client sends hundreds of requests a minute: the limits would answer 429.
           "RATE_LIMITS_ENABLED": "false"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    materials = size(args.materials)
    if not (args.reuse and (var_dir / "built").exists()):
        subprocess.run(
            [PY, __file__, "--build", str(materials), str(args.organisations)],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        (var_dir / "built").write_text(f"{materials} {args.organisations}\n")
    with redis_server(var_dir) as redis_url:
        if redis_url:
            env["REDIS_URL"] = redis_url
        with gunicorn(env, free_port()) as base:
            samples = measure(base, args.rounds)
        print_table(samples, materials, args.organisations, database_url, redis_url)
        # In process, with the server stopped (nothing else on the database), same cache.
        subprocess.run(
            [PY, __file__, "--breakdown", str(args.rounds)], cwd=ROOT, env=env, check=True
        )


def print_table(samples, materials: int, organisations: int, database_url, redis_url) -> None:
    backend = "PostgreSQL" if database_url else "SQLite"
    cache = "Redis" if redis_url else "local memory"
    rows = [
        f"| {backend}, {materials:,} materials, {organisations:,} organisations, "
        f"{cache} cache | requests | p50 / p95 / p99 ms |",
        "|---|---:|---|",
    ]
    for name, label in (
        ("trivial", "trivial view (same run, interleaved)"),
        ("suggest", "suggestions `/search/suggest/?q=` (24 prefixes, 4 scripts)"),
        ("api", "materials API `/api/v1/materials?q=` (same 8 queries), uncached"),
        ("results", "results page `/search/?q=` (8 queries), rendered"),
        ("cached", "results page, from the page cache (a visitor repeating a query)"),
    ):
        rows.append(f"| {label} | {len(samples[name])} | {percentiles(samples[name])} |")
    print("\n".join(rows) + "\n", flush=True)


def breakdown(rounds: int) -> None:
    """In the child process: where one rendering of the results page spends its time, per
    query (median of --rounds), in process: each index's search (or "–": no entries, not
    searched), its cards, and the rest (heritage themes of the query, the page's template)."""
    import statistics

    import django

    django.setup()
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext

    from bridge.search import grouped, registry
    from bridge.search.selectors import search
    from bridge.site.selectors import PER_GROUP, site_search

    keys = [index.key for index in registry.shown_together()]
    timings: dict[str, dict[str, list[float]]] = {}
    for q in RESULTS:  # warm-up: vocabularies, thesaurus, templates
        render_to_string("site/search/results.html", {"results": site_search(q)})
    for _round in range(rounds):
        for q in RESULTS:
            row = timings.setdefault(q, {})
            filled = grouped.indexes_with_entries(keys)
            cards = 0.0
            for index in registry.shown_together():
                if index.key not in filled:
                    continue
                start = time.perf_counter()
                result = search(key=index.key, q=q, page_size=PER_GROUP)
                row.setdefault(index.key, []).append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                index.cards(result.ids[:PER_GROUP])
                cards += (time.perf_counter() - start) * 1000
            row.setdefault("cards", []).append(cards)
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                html = render_to_string("site/search/results.html", {"results": site_search(q)})
            row.setdefault("page", []).append((time.perf_counter() - start) * 1000)
            row["queries"] = [len(captured)]
            assert html
    print("| query | " + " | ".join(keys) + " | cards | whole page | SQL statements |")
    print("|---" + "|---:" * (len(keys) + 3) + "|")
    for q, row in timings.items():
        cells = [f"{statistics.median(row[k]):.0f}" if k in row else "–" for k in keys]
        print(
            f"| {q} | " + " | ".join(cells) + f" | {statistics.median(row['cards']):.0f} | "
            f"{statistics.median(row['page']):.0f} | {row['queries'][0]} |"
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--build":
        build(int(sys.argv[2]), int(sys.argv[3]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--breakdown":
        breakdown(int(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--materials", default="100k")
    parser.add_argument("--organisations", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", action="store_true", help="on DATABASE_URL's server")
    parser.add_argument(
        "--reuse",
        metavar="DIR",
        help="SQLite only: keep the scratch database in DIR and, when DIR holds one built by an "
        "earlier run, measure only (building 100k takes minutes)",
    )
    args = parser.parse_args()
    if args.reuse and not args.postgres:
        Path(args.reuse).mkdir(parents=True, exist_ok=True)
        run(args, Path(args.reuse).resolve(), None)
        return
    with tempfile.TemporaryDirectory(prefix="bench-suggest-") as var_dir:
        if args.postgres:
            with scratch_postgres(
                os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
            ) as url:
                run(args, Path(var_dir), url)
        else:
            run(args, Path(var_dir), None)


if __name__ == "__main__":
    main()

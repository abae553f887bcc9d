"""Relevance and speed of the relevance set's queries over the catalog plus N weak matches
(issue 14, goal 2), on a database kept between runs, so that two versions of the code can be
timed on the same data one after the other (the shared machine is noisy: only ratios travel).

    DATABASE_URL=sqlite:////tmp/noise.db python bench/search/noise_speed.py build --noise 100000
    DATABASE_URL=sqlite:////tmp/noise.db python bench/search/noise_speed.py measure [--rounds 3]

``build`` migrates the database, loads the demo catalog and indexes the made-up listings of
``manage.py search_quality --noise`` after it. ``measure`` migrates to the code's own schema
(a newer checkout's migrations run forward; an older one can ``migrate search <name>`` first),
then times each query of the relevance set through ``search()`` with the catalog's facets, as
the API asks, and through ``GET /api/v1/materials?q=`` (Django's test client, page cache
off), and prints recall@10 / MRR and p50 / p95 / p99 of each. Not a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def _percentiles(samples: list[float]) -> str:
    # The same percentiles as bench/search/run.py, so the two benchmarks' figures compare.
    from bench.search.run import _percentiles as percentiles

    p = percentiles(samples)
    return f"{p['p50']:.1f} / {p['p95']:.1f} / {p['p99']:.1f}"


def build(noise: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from bridge.materials.quality import INDEX_KEY, RELEVANCE_FILE
    from bridge.materials.quality.catalog import load_demo_catalog
    from bridge.search.quality import indexed_tokens, load_set, noise_documents
    from bridge.search.services import search_index_documents

    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        count = load_demo_catalog()
    started = time.monotonic()
    with transaction.atomic():
        search_index_documents(
            key=INDEX_KEY,
            documents=noise_documents(load_set(RELEVANCE_FILE), noise, indexed_tokens(INDEX_KEY)),
        )
    print(f"catalog {count} materials, {noise} weak matches in {time.monotonic() - started:.0f} s")


def measure(rounds: int) -> None:
    from django.core.management import call_command
    from django.test import Client, override_settings

    from bridge.materials.quality import INDEX_KEY, RELEVANCE_FILE, load_catalog
    from bridge.materials.selectors.catalog import FACETS
    from bridge.search.quality import engine_ranker, evaluate, load_set
    from bridge.search.selectors import search

    call_command("migrate", verbosity=0, interactive=False)
    judgements = load_set(RELEVANCE_FILE)
    catalog = load_catalog()
    report = evaluate(judgements, engine_ranker(catalog, INDEX_KEY), catalog)
    queries = [j.query for j in judgements]
    engine, api = [], []
    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0):
        for round_ in range(rounds + 1):  # the first round warms caches and is not counted
            for q in queries:
                start = time.perf_counter()
                search(key=INDEX_KEY, q=q, facets=list(FACETS), page_size=20)
                middle = time.perf_counter()
                response = client.get("/api/v1/materials", {"q": q})
                end = time.perf_counter()
                assert response.status_code == 200, response.status_code
                if round_:
                    engine.append(middle - start)
                    api.append(end - middle)
    load = os.getloadavg()[0]
    print(
        f"R@10 {report.overall.recall:.3f}  MRR {report.overall.mrr:.3f}  "
        f"({len(queries)} queries × {rounds} rounds, load {load:.1f})\n"
        f"search() p50 / p95 / p99 ms  {_percentiles(engine)}  (mean {statistics.mean(engine) * 1000:.1f})\n"
        f"API      p50 / p95 / p99 ms  {_percentiles(api)}  (mean {statistics.mean(api) * 1000:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build").add_argument("--noise", type=int, default=100_000)
    sub.add_parser("measure").add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import django

    django.setup()
    if args.command == "build":
        build(args.noise)
    else:
        measure(args.rounds)


if __name__ == "__main__":
    main()

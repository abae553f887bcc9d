"""Partnering at scale (issue 10): N published listings (100,000 by default) with their matches.

    python bench/partnering/run.py [--size 100k] [--postgres] [--keep]

A fresh process builds a scratch database (migrated, no demo data, in a temporary VAR_DIR;
--postgres uses DATABASE_URL's server, whose public schema is dropped and migrated again):
organisations of Russia, Uzbekistan and Kazakhstan and N listings of every type, kind and
language, their texts drawn from the thesaurus' labels, matched in batches by the same service
the import uses. It then measures, each beside a baseline measured in the same run:

- matches of one listing: `GET /api/v1/partnering/listings/{id}/matches?limit=10` through the
  test client, p50 / p95 over 300 listings; baseline: the naive way, a Python loop over every
  listing of the same type and the other kind, scored by shared words (Jaccard);
- recomputing one edited listing: `listing_update` + the background task's
  `matches_recompute([id])`, p50 / p95 over 30 listings; baseline: scoring the edited listing
  against every listing of its counterpart segment with the same reciprocal score (no
  candidate generation);
- importing 10,000 rows (CSV, `--publish`, search index and matching included): rows/s;
  baseline: the same rows one by one through the services (create, publish, recompute) on a
  sample of 200.

Prints a Markdown table for docs/benchmarks.md. Not a timed test: run by hand
(`make bench-partnering`).
"""

import argparse
import cProfile
import io
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

from bench.materials.catalog_bench import RESET, _size  # noqa: E402

TYPES = [
    "co-production", "co-production", "co-production", "production-services", "outsourcing",
    "publishing", "licensing", "supply", "collaboration", "investment", "distribution",
    "education",
]  # fmt: skip
SECTORS = ["film", "animation", "games", "fashion", "design", "crafts", "music", "publishing"]
LANGUAGES = ["ru", "ru", "uz", "uz", "uz-Cyrl", "en"]
COUNTRIES = {"ru": "RU", "uz": "UZ", "uz-Cyrl": "UZ", "en": "KZ"}
FRAMES = {
    "ru": ("{a} и {b}: ищем партнёра", "Студия ищет партнёров: {a}, {b}, {c}. Работаем над проектом {n}."),
    "uz": ("{a} va {b}: hamkor izlaymiz", "Studiya hamkor izlaydi: {a}, {b}, {c}. {n}-loyiha ustida ishlaymiz."),
    "uz-Cyrl": ("{a} ва {b}: ҳамкор излаймиз", "Студия ҳамкор излайди: {a}, {b}, {c}. {n}-лойиҳа устида ишлаймиз."),
    "en": ("{a} and {b}: partner wanted", "A studio seeks partners: {a}, {b}, {c}. Project number {n}."),
}  # fmt: skip
IMPORT_ROWS = 10_000


def _percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _vocabulary():
    from bridge.core.uzbek_script import latin_to_cyrillic
    from bridge.search.thesaurus import current

    thesaurus = current()
    words = {"ru": [], "uz": [], "uz-Cyrl": [], "en": []}
    for concept_id in sorted(thesaurus.ids):
        for language in ("ru", "uz", "en"):
            labels = thesaurus.labels(concept_id, language)
            if labels:
                words[language].append(labels[0])
                if language == "uz":
                    words["uz-Cyrl"].append(latin_to_cyrillic(labels[0]))
    return words


def _text(rnd, words, language, n):
    a, b, c = rnd.sample(words[language], 3)
    title, summary = FRAMES[language]
    return title.format(a=a, b=b), summary.format(a=a, b=b, c=c, n=n)


def child(size: int, var_dir: str) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from bridge.accounts.models import Membership, Organisation, Role, User
    from bridge.partnering.importer.run import import_listings
    from bridge.partnering.matching.score import hard_rules, pair_score
    from bridge.partnering.models import Listing, MatchPosting, MatchVector
    from bridge.partnering.services import listings as services
    from bridge.partnering.services.matching import (
        _Segment,
        matches_recompute,
        segment_of,
        side_of,
    )
    from bridge.partnering.services.search import listings_reindex
    from bridge.partnering.vocabulary import opposite
    from bridge.search.analysis import analyse

    rnd = random.Random(7)
    words = _vocabulary()
    now = timezone.now()
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bench {n}", slug=f"bench-{n}", country=("RU", "UZ", "KZ")[n % 3])
        for n in range(3_000)
    )
    by_country = {c: [o for o in organisations if o.country == c] for c in ("RU", "UZ", "KZ")}
    owner = User.objects.create_user("owner@bench.example", "x" * 20)
    staff = User.objects.create_user(
        "staff@bench.example", "x" * 20, is_staff=True, is_superuser=True
    )

    def listing(n: int, organisation=None):
        language = LANGUAGES[n % len(LANGUAGES)]
        title, summary = _text(rnd, words, language, n)
        organisation = organisation or rnd.choice(by_country[COUNTRIES[language]])
        return Listing(
            organisation=organisation,
            ref=f"b{n}",
            kind=("offer", "request")[n % 2],
            type=rnd.choice(TYPES),
            sectors=rnd.sample(SECTORS, 2),
            title=title,
            summary=summary,
            language=language,
            countries_sought=[] if n % 4 else [rnd.choice(["RU", "UZ", "KZ"])],
            status="published",
            open_for_interest=True,
            published_at=now,
            expires_at=now + timezone.timedelta(days=365),
        )

    started = time.perf_counter()
    ids = []
    for start in range(0, size, 10_000):
        batch = Listing.objects.bulk_create(
            [listing(n) for n in range(start, min(size, start + 10_000))], batch_size=2_000
        )
        ids += [x.pk for x in batch]
    write_s = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(ids), 5_000):
        matches_recompute(listing_ids=ids[start : start + 5_000])
    match_s = time.perf_counter() - started

    # --- matches of one listing, through the API --------------------------------------------
    client = Client()
    client.force_login(staff)
    sample = rnd.sample(ids, 300)
    api = []
    for pk in sample:
        t = time.perf_counter()
        response = client.get(f"/api/v1/partnering/listings/{pk}/matches?limit=10")
        api.append(time.perf_counter() - t)
        assert response.status_code == 200, response.content[:300]
    with_matches = sum(
        1
        for pk in sample[:50]
        if client.get(f"/api/v1/partnering/listings/{pk}/matches").json()["items"]
    )

    def words_of(listing):
        return frozenset(
            t.key for t in analyse(f"{listing.title} {listing.summary}", listing.language)
        )

    naive = []
    for pk in sample[:15]:
        t = time.perf_counter()
        me = Listing.objects.select_related("organisation").get(pk=pk)
        mine = words_of(me)
        me_side = side_of(me, {})
        scored = []
        others = Listing.objects.filter(
            type=me.type, kind=opposite(me.kind), status="published", open_for_interest=True
        ).select_related("organisation")
        for other in others.iterator(chunk_size=2_000):
            if not hard_rules(me_side, side_of(other, {})):
                continue
            theirs = words_of(other)
            union = mine | theirs
            if union:
                scored.append((len(mine & theirs) / len(union), other.pk))
        scored.sort(reverse=True)
        naive.append(time.perf_counter() - t)

    # --- recomputing one edited listing ------------------------------------------------------
    edited, full = [], []
    for n, pk in enumerate(rnd.sample(ids, 30)):
        target = Listing.objects.select_related("organisation").get(pk=pk)
        Membership.objects.get_or_create(
            organisation=target.organisation, user=owner, defaults={"role": Role.MEMBER}
        )
        title, summary = _text(rnd, words, target.language, size + n)
        t = time.perf_counter()
        services.listing_update(actor=owner, listing=target, title=title, summary=summary)
        t2 = time.perf_counter()
        matches_recompute(listing_ids=[pk])
        edited.append(time.perf_counter() - t2)
        full.append(time.perf_counter() - t)
    exhaustive = []
    for pk in rnd.sample(ids, 5):
        t = time.perf_counter()
        me = Listing.objects.select_related("organisation", "organisation__partner_profile").get(
            pk=pk
        )
        vector = MatchVector.objects.get(listing=me)
        a = side_of(me, vector.terms, vector.norm)
        segment = segment_of(me.type, opposite(me.kind))
        rows = MatchVector.objects.filter(segment=segment).select_related(
            "listing__organisation", "listing__organisation__partner_profile"
        )
        n_segment = rows.count()
        df = {}
        for term in a.terms:
            df[term] = MatchPosting.objects.filter(segment=segment, term=term).count()
        stats = _Segment(segment, n_segment, df)
        idf = stats.idfs(a.terms)
        scored = []
        for row in rows.iterator(chunk_size=2_000):
            b = side_of(row.listing, row.terms, row.norm)
            if hard_rules(a, b):
                scored.append(pair_score(a, b, idf, idf, stats.default, stats.default).score)
        scored.sort(reverse=True)
        exhaustive.append(time.perf_counter() - t)

    # --- import of 10,000 rows, matching included ----------------------------------------------
    header = (
        "organisation,country,ref,kind,type,sectors,title,summary,language,countries_sought,expires"
    )
    lines = [header]
    for n in range(IMPORT_ROWS):
        language = LANGUAGES[n % len(LANGUAGES)]
        title, summary = _text(rnd, words, language, n)
        country = COUNTRIES[language]
        organisation = f"Import {n % 500} {country}"
        cells = [organisation, country, f"i{n}", ("offer", "request")[n % 2], rnd.choice(TYPES),
                 ";".join(rnd.sample(SECTORS, 2)), title, summary, language, "", ""]  # fmt: skip
        lines.append(",".join(f'"{c}"' for c in cells))
    data = io.BytesIO("\n".join(lines).encode("utf-8"))
    profile_to = os.environ.get("BENCH_PROFILE")
    profiler = cProfile.Profile() if profile_to else None
    t = time.perf_counter()
    if profiler:
        profiler.enable()
    result = import_listings(file=data, filename="bench.csv", publish=True)
    import_s = time.perf_counter() - t
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile_to)
    assert not result.errors, result.errors[:3]
    imported = list(Listing.objects.filter(ref__startswith="i").values_list("pk", flat=True))
    t = time.perf_counter()
    listings_reindex(ids=imported)
    reindex_s = time.perf_counter() - t
    sample_rows = 200
    organisation = organisations[0]
    Membership.objects.get_or_create(
        organisation=organisation, user=staff, defaults={"role": Role.MEMBER}
    )
    t = time.perf_counter()
    for n in range(sample_rows):
        row = listing(size + IMPORT_ROWS + n, organisation)
        created = services.listing_create(
            actor=staff, organisation=organisation, ref=row.ref,
            **{name: getattr(row, name) for name in ("kind", "type", "sectors", "title", "summary", "language")},
        )  # fmt: skip
        services.listing_publish_direct(actor=None, listing=created)
        matches_recompute(listing_ids=[created.pk])
    one_by_one = sample_rows / (time.perf_counter() - t)
    from bridge.partnering.models import Match

    return {
        "size": Listing.objects.count(),
        "write_s": write_s,
        "match_s": match_s,
        "pairs": Match.objects.count() // 2,
        "with_matches": with_matches,
        "api": _percentiles(api),
        "naive": _percentiles(naive),
        "recompute": _percentiles(edited),
        "edit_and_recompute": _percentiles(full),
        "exhaustive": _percentiles(exhaustive),
        "import_rows_s": IMPORT_ROWS / import_s,
        "import_s": import_s,
        "one_by_one_rows_s": one_by_one,
        "reindex_rows_s": len(imported) / reindex_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--profile", help="write a cProfile of the 10,000-row import to this file")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("RESULT " + json.dumps(child(int(args.child[0]), args.child[1])))
        return
    var_dir = tempfile.mkdtemp(prefix="partnering-bench-")
    env = {
        **os.environ,
        "VAR_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "PYTHONPATH": str(ROOT),
        # The import's search indexing is a task after the commit (as in production, where
        # the worker runs it); the benchmark times it on its own.
        "TASKS_BACKEND": "database",
    }
    if args.profile:
        env["BENCH_PROFILE"] = os.path.abspath(args.profile)
    if args.postgres:
        if not env.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit("--postgres needs DATABASE_URL=postgres://… in the environment")
        subprocess.run([sys.executable, "-c", RESET], cwd=ROOT, env=env, check=True)
    else:
        env.pop("DATABASE_URL", None)
    command = [sys.executable, __file__, "--child", str(_size(args.size)), var_dir]
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if out.returncode or line is None:
        sys.exit(out.stderr[-3000:])
    r = json.loads(line[7:])
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{database}: {r['size']:,} listings written in {r['write_s']:.0f} s, matched in "
          f"{r['match_s']:.0f} s ({r['size'] / r['match_s']:,.0f} listings/s), {r['pairs']:,} pairs "
          f"stored; {r['with_matches']} of 50 sampled listings have matches")  # fmt: skip
    print("| measure | Creative Bridge | baseline | baseline is |")
    print("|---|---|---|---|")
    print(
        f"| matches of one listing (API, limit 10) p50 / p95 ms | {r['api'][0]:.1f} / {r['api'][1]:.1f} "
        f"| {r['naive'][0]:.0f} / {r['naive'][1]:.0f} | a Python loop over the segment, Jaccard |"
    )
    print(
        f"| recompute one edited listing p50 / p95 ms | {r['recompute'][0]:.0f} / {r['recompute'][1]:.0f} "
        f"(with the edit {r['edit_and_recompute'][0]:.0f} / {r['edit_and_recompute'][1]:.0f}) "
        f"| {r['exhaustive'][0]:.0f} / {r['exhaustive'][1]:.0f} | the same score against every listing of the segment |"
    )
    print(f"| import {IMPORT_ROWS:,} rows, matching included | {r['import_rows_s']:,.0f} rows/s ({r['import_s']:.1f} s) "
          f"| {r['one_by_one_rows_s']:,.0f} rows/s | one row at a time through the services |")  # fmt: skip
    print(
        f"| search indexing of the imported rows (worker task after the commit) | {r['reindex_rows_s']:,.0f} rows/s | | |"
    )
    if args.keep:
        print(f"scratch: {var_dir}")


if __name__ == "__main__":
    main()

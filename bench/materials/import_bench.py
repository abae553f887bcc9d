"""Import benchmark: rows/s and peak RSS of the materials import (docs/DESIGN.md contract).

    python bench/materials/import_bench.py [--rows 100000] [--postgres] [--keep]

Builds a scratch database (migrated, no demo data) in a temporary VAR_DIR, writes a realistic
CSV of --rows rows (nine suppliers, mixed languages, compositions, certifications), then runs in
fresh processes, each measured on its own (peak RSS is per process):

1. a dry run of the whole file,
2. the real import (staff, --publish: every row is indexed for search),
3. a re-import of the same file with every price changed (updates in place).

--postgres uses DATABASE_URL from the environment (e.g. postgres://postgres@127.0.0.1:5432/bench;
its public schema is dropped and migrated again first) instead of SQLite. Prints a Markdown table for docs/benchmarks.md,
with wall time and the importing process's CPU time (on a busy machine rows per CPU second is
the steadier figure; SQLite runs inside the process, so its work counts as CPU there, while
PostgreSQL's server time does not: when the server runs on this machine its backend's CPU time
is read from /proc and shown beside, with rows per CPU second of both processes together).
BENCH_NO_PROGRESS=1 in the environment runs the import without its progress record (the cost
of following a run is the difference). Not a timed test: run by hand.
"""

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

SUPPLIERS = [
    ("margilon-atlas", "UZ", "uz"),
    ("rishton-ceramics", "UZ", "uz"),
    ("bukhara-zardozi", "UZ", "uz-Cyrl"),
    ("samarkand-paper", "UZ", "uz"),
    ("karakul-bukhara", "UZ", "ru"),
    ("fergana-cotton", "UZ", "en"),
    ("ivanovo-textile", "RU", "ru"),
    ("vologda-linen", "RU", "ru"),
    ("kazan-leather", "RU", "ru"),
]
NAMES = {
    "uz": ["Xon atlas", "Adras", "Beqasam", "Sopol koshin", "Ipak mato", "Paxta bo'z"],
    "uz-Cyrl": ["Зардўзи мато", "Хон атлас", "Адрас", "Тилла ип", "Ипак рўмол"],
    "ru": [
        "Лён костюмный",
        "Шёлк натуральный",
        "Хлопок сатин",
        "Каракуль",
        "Кожа растительного дубления",
    ],
    "en": ["Organic cotton poplin", "Hand-woven ikat", "Raw silk noil", "Cotton canvas"],
}
DESCRIPTIONS = {
    "uz": "Qoʻlda toʻqilgan ipak atlas, abr usulida tabiiy boʻyoqlar bilan boʻyalgan. Margʻilon ustalari.",
    "uz-Cyrl": "Қўлда тикилган зардўзи, тилла ип билан. Бухоро усталари ишлаган.",
    "ru": "Натуральная ткань плотного плетения, окрашена природными красителями, подходит для одежды.",
    "en": "Hand-woven fabric dyed with natural dyes, soft hand feel, suitable for apparel and interiors.",
}
COMPOSITIONS = ["silk 100%", "silk 70%; cotton 30%", "cotton 100%", "linen 55%; cotton 45%",
                "wool 80%; polyamide 20%", ""]  # fmt: skip
CATEGORIES = [
    "textiles",
    "textiles",
    "textiles",
    "ceramics",
    "paper",
    "leather-fur",
    "embroidery-trims",
]
CURRENCIES = [("UZS", 40000, 400000), ("RUB", 300, 4000), ("USD", 3, 60), ("EUR", 3, 60)]
HEADER = [
    "supplier", "sku", "name", "description", "category", "country", "price", "currency", "unit",
    "moq", "lead_time_days", "language", "composition", "technique", "colors", "width_cm",
    "weight_gsm", "certifications", "sample_available",
]  # fmt: skip


def write_csv(path: Path, rows: int, *, price_factor: float = 1.0) -> None:
    rnd = random.Random(42)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(rows):
            supplier, country, language = SUPPLIERS[n % len(SUPPLIERS)]
            currency, low, high = rnd.choice(CURRENCIES)
            price = round(rnd.uniform(low, high) * price_factor, 2)
            writer.writerow([
                supplier, f"B-{n:07d}", f"{rnd.choice(NAMES[language])} {n}",
                DESCRIPTIONS[language], rnd.choice(CATEGORIES), country, f"{price:.2f}", currency,
                rnd.choice(["m", "kg", "piece", "m2"]), rnd.choice([1, 5, 10, 50]),
                rnd.choice([7, 14, 21, 30]), language, rnd.choice(COMPOSITIONS),
                rnd.choice(["ikat; hand-woven", "block print", "", "embroidery"]),
                rnd.choice(["indigo; gold", "red", "", "natural"]), rnd.choice(["", "45", "110", "150"]),
                rnd.choice(["", "90", "180", "320"]), rnd.choice(["", "GOTS", "oeko-tex-100", "GOTS; OCS"]),
                rnd.choice(["yes", "no"]),
            ])  # fmt: skip


# Runs in a child process so each phase has its own peak RSS.
CHILD = """
import os, resource, sys, time
import django
django.setup()
from bridge.materials.importer import import_materials
path, dry, catch_up = sys.argv[1], sys.argv[2] == "dry", sys.argv[3] == "yes"


def server_cpu():
    # CPU seconds of this connection's PostgreSQL backend when the server runs on this machine
    # (its work is not in the importing process's CPU time); 0 elsewhere.
    from django.db import connection
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    import os
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


server_start = server_cpu()
start = time.perf_counter()
cpu_start = time.process_time()
with open(path, "rb") as f:
    if os.environ.get("BENCH_NO_PROGRESS"):
        result = import_materials(file=f, filename=path, dry_run=dry, publish=True)
    else:  # as the command and the browser run it: reporting into a progress record
        from bridge.core.progress import progress_tracker
        with progress_tracker(kind="materials.import", label=path) as tracker:
            result = import_materials(file=f, filename=path, dry_run=dry, publish=True,
                                      progress=tracker)
            tracker.finish(done=result.rows, errors=[e.as_dict() for e in result.errors])
elapsed = time.perf_counter() - start
cpu = time.process_time() - cpu_start
server = server_cpu() - server_start
assert result.ok, result.errors[:5]
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
index = 0.0
if not dry and catch_up:
    # What the background task does after the commit, measured as a full rebuild of the index.
    from bridge.search.services import search_rebuild
    begin = time.perf_counter()
    search_rebuild(key="materials")
    index = time.perf_counter() - begin
print(f"{result.rows} {result.created} {result.updated} {elapsed:.3f} {peak_mb:.1f} {index:.3f} {cpu:.3f} {server:.3f}")
"""

RESET = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DROP SCHEMA public CASCADE")
    cursor.execute("CREATE SCHEMA public")
"""

ANALYZE = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
"""

SETUP = """
import django
django.setup()
from bridge.accounts.models import Organisation
for slug, country, _l in SUPPLIERS:
    Organisation.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").title(),
                                                           "country": country})
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument(
        "--catch-up",
        action="store_true",
        help="also time the search indexing that follows a large import (a full rebuild)",
    )
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    env = {
        **os.environ,
        "VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "PYTHONPATH": str(ROOT),
        # Large imports enqueue the search indexing after the commit; the database backend
        # queues it (as in production) instead of running it inside the measured call.
        "TASKS_BACKEND": "database",
    }
    if args.postgres:
        if not env.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit("--postgres needs DATABASE_URL=postgres://… in the environment")
    else:
        env.pop("DATABASE_URL", None)
    manage = [PY, "manage.py"]
    if args.postgres:
        # Start from an empty schema: migrate then recreates the reference data (categories,
        # certifications) that a flush would delete for good.
        subprocess.run([PY, "-c", RESET], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "migrate", "--no-input", "--skip-checks"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip
    subprocess.run([PY, "-c", f"SUPPLIERS = {SUPPLIERS!r}\n" + SETUP], cwd=ROOT, env=env,
                   check=True)  # fmt: skip

    first, second = var_dir / "materials.csv", var_dir / "materials-repriced.csv"
    write_csv(first, args.rows)
    write_csv(second, args.rows, price_factor=1.1)
    size_mb = first.stat().st_size / 1024 / 1024

    def phase(path: Path, mode: str) -> tuple[int, int, int, float, float, float, float, float]:
        catch_up = "yes" if args.catch_up else "no"
        # Fresh planner statistics before each phase, as autovacuum keeps them on a server (a
        # development server may run without it; plans made for an empty table then scan).
        subprocess.run([PY, "-c", ANALYZE], cwd=ROOT, env=env, check=True)
        out = subprocess.run([PY, "-c", CHILD, str(path), mode, catch_up], cwd=ROOT, env=env, check=False,
                             capture_output=True, text=True)  # fmt: skip
        if out.returncode:
            sys.exit(out.stderr[-3000:])
        rows, created, updated, seconds, peak, index, cpu, server = out.stdout.split()[-8:]
        return (int(rows), int(created), int(updated), float(seconds), float(peak), float(index),
                float(cpu), float(server))  # fmt: skip

    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{args.rows:,} rows, CSV {size_mb:.1f} MB, {database}\n")
    print(
        "| phase | rows | created | updated | seconds | rows/s | CPU s | rows per CPU s "
        "| server CPU s | rows per CPU s, both | peak RSS MB | index catch-up s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, path, mode in (
        ("dry run", first, "dry"),
        ("import (publish, indexed)", first, "real"),
        ("re-import, every price changed", second, "real"),
    ):
        rows, created, updated, seconds, peak, index, cpu, server = phase(path, mode)
        catch_up = f"{index:.1f}" if index else "—"
        both = f"{rows / (cpu + server):,.0f}" if server else "—"
        server_text = f"{server:.1f}" if server else "—"
        print(f"| {label} | {rows:,} | {created:,} | {updated:,} | {seconds:.1f} | "
              f"{rows / seconds:,.0f} | {cpu:.1f} | {rows / cpu:,.0f} | {server_text} | {both} | "
              f"{peak:.0f} | {catch_up} |")  # fmt: skip
    if not args.keep:
        import shutil

        shutil.rmtree(var_dir, ignore_errors=True)
    else:
        print(f"\nscratch directory kept: {var_dir}")


if __name__ == "__main__":
    main()

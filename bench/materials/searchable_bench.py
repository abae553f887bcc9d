"""Import until searchable (issue 14, goal 4): from the start of an import until every row is
in the search index, as an operator runs it.

    python bench/materials/searchable_bench.py [--rows 100000] [--unique-descriptions]
    DATABASE_URL=postgres://…/bench python bench/materials/searchable_bench.py --postgres \
        [--workers 2] [--reimport]

- SQLite (the embedded default): tasks inline, so the index is ready when the import returns.
- PostgreSQL: `TASKS_BACKEND=database` and ``--workers`` `manage.py db_worker` processes,
  started before the import; the clock stops when the queue is empty. The database's public
  schema is dropped and migrated again first.

The catalog is import_bench's (nine suppliers, mixed languages). Its descriptions are one per
language, as a supplier's variants share one; ``--unique-descriptions`` adds a sentence of its
own to each, the case where no analysed text repeats. ``--reimport`` then imports the file
again with every price changed. Prints a Markdown table; not a timed test: run by hand.
"""

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import ANALYZE, PY, RESET, ROOT, SETUP, SUPPLIERS, write_csv

IMPORT = """
import sys, time
import django
django.setup()
from bridge.materials.importer import import_materials
start = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    result = import_materials(file=f, filename=sys.argv[1], publish=True)
assert result.ok, result.errors[:5]
print(result.rows, f"{time.perf_counter() - start:.3f}")
"""

# Waits until no task is ready or running; prints how many failed.
DRAINED = """
import time
import django
django.setup()
from django_tasks_db.models import DBTaskResult
while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
    time.sleep(0.2)
print(DBTaskResult.objects.filter(status="FAILED").count())
"""

WORDS = [
    "silk",
    "cotton",
    "wool",
    "linen",
    "hand",
    "woven",
    "natural",
    "dye",
    "indigo",
    "gold",
    "soft",
    "heavy",
    "warm",
    "ikat",
    "adras",
    "atlas",
    "suzani",
    "embroidery",
    "loom",
    "traditional",
    "ipak",
    "paxta",
    "jun",
    "qoʻlda",
    "toʻqilgan",
    "tabiiy",
    "шёлк",
    "хлопок",
    "шерсть",
    "лён",
    "ручной",
    "работы",
    "натуральный",
    "узор",
    "ткань",
]


def unique_descriptions(path: Path) -> None:
    """Give every row's description a sentence of its own (in place)."""
    rnd = random.Random(7)
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    at = rows[0].index("description")
    for n, row in enumerate(rows[1:]):
        row[at] += f" Lot {n}: " + " ".join(rnd.choices(WORDS, k=12)) + "."
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--unique-descriptions", action="store_true")
    parser.add_argument("--reimport", action="store_true")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="searchable-bench-"))
    env = {**os.environ, "VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "config.settings",
           "DEBUG": "false", "PYTHONPATH": str(ROOT),
           "TASKS_BACKEND": "database" if args.postgres else "immediate"}  # fmt: skip
    if args.postgres and not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--postgres needs DATABASE_URL=postgres://… in the environment")
    if not args.postgres:
        env.pop("DATABASE_URL", None)

    def python(code: str, *argv: str) -> str:
        out = subprocess.run([PY, "-c", code, *argv], cwd=ROOT, env=env, capture_output=True,
                             text=True, check=False)  # fmt: skip
        if out.returncode:
            sys.exit(out.stderr[-3000:])
        return out.stdout

    if args.postgres:
        python(RESET)
    subprocess.run([PY, "manage.py", "migrate", "--no-input", "--skip-checks"], cwd=ROOT,
                   env=env, check=True, capture_output=True)  # fmt: skip
    python(f"SUPPLIERS = {SUPPLIERS!r}\n" + SETUP)
    files = [var_dir / "materials.csv"]
    write_csv(files[0], args.rows)
    if args.reimport:
        files.append(var_dir / "materials-repriced.csv")
        write_csv(files[1], args.rows, price_factor=1.1)
    if args.unique_descriptions:
        for path in files:
            unique_descriptions(path)

    workers = []
    if args.postgres:
        for n in range(args.workers):
            command = [PY, "manage.py", "db_worker", "--worker-id", f"bench-{n}",
                       "--interval", "0.2", "--no-startup-delay"]  # fmt: skip
            workers.append(subprocess.Popen(command, cwd=ROOT, env=env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # fmt: skip
        time.sleep(3)  # the workers are up and polling before the clock starts
    database = f"PostgreSQL, {args.workers} workers" if args.postgres else "SQLite, tasks inline"
    kind = "unique descriptions" if args.unique_descriptions else "descriptions per language"
    print(f"{args.rows:,} rows, {database}, {kind}\n")
    print("| phase | rows | import returns s | searchable s | rows/s until searchable |")
    print("|---|---:|---:|---:|---:|")
    try:
        for label, path in zip(("import", "re-import, every price changed"), files, strict=False):
            if args.postgres:  # fresh statistics, as autovacuum keeps them on a server
                python(ANALYZE)
            start = time.perf_counter()
            rows, returned = python(IMPORT, str(path)).split()
            failed = python(DRAINED).strip() if args.postgres else "0"
            searchable = time.perf_counter() - start
            if failed != "0":
                sys.exit(f"{failed} indexing tasks failed")
            print(f"| {label} | {int(rows):,} | {float(returned):.1f} | {searchable:.1f} | "
                  f"{int(rows) / searchable:,.0f} |")  # fmt: skip
    finally:
        for worker in workers:
            worker.terminate()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

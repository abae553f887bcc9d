"""HTTP benchmark: pages and API under gunicorn (2 sync workers) with wrk on loopback, each beside
the trivial view measured right before it.

    python bench/http/run.py [--duration 3] [--rounds 3] [--connections 16] [--extra 500]
                             [--modes cached,uncached] [--postgres] [--profile 30]

Builds a scratch database (demo data plus --extra organisations; SQLite, or with --postgres a
scratch database on DATABASE_URL's server), starts its own redis-server (the production cache)
when one is installed, and gunicorn. For every page it runs wrk on the trivial view, then on the
page, three times, and reports the pair with the median share of the trivial figure: on a
shared, noisy machine only such ratios travel.

- ``cached``: the production settings, anonymous pages served from the page cache (what a
  visitor gets once someone asked the same address since the last edit);
- ``uncached``: PAGE_CACHE_SECONDS=0, every request rendered (a cache miss; what a signed-in
  person always gets).

The search rows rotate through several queries (a wrk Lua script). Then, unless --profile 0, a
profile of every page with the cache off (bench/http/profile.py). Prints Markdown tables for
docs/benchmarks.md.
"""

import argparse
import json
import os
import re
import shutil
import signal
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
HERE = Path(__file__).resolve().parent

CATALOG_QUERIES = [
    "/materials/?q=silk",
    "/materials/?q=ipak",
    "/materials/?q=%D1%85%D0%BB%D0%BE%D0%BF%D0%BE%D0%BA",  # хлопок
    "/materials/?q=keramika",
    "/materials/?category=ceramics",
    "/materials/?q=atlas&sort=price",
    "/materials/?q=%D1%81%D1%83%D0%B7%D0%B0%D0%BD%D0%B5",  # сюзане
    "/materials/?q=natural+dye&country=UZ",
]
API_QUERIES = [
    "/api/v1/materials?q=silk",
    "/api/v1/materials?q=paxta",
    "/api/v1/materials?q=%D0%BA%D0%BE%D0%B6%D0%B0",  # кожа
    "/api/v1/materials?category=paper",
    "/api/v1/materials?q=ikat&page_size=50",
    "/api/v1/materials?q=wool&sort=price",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(var_dir: Path, database_url: str | None, redis_url: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "bench.http.settings",
        "DEBUG": "false",
        "AXES_ENABLED": "false",
        "DEMO_PHOTOS": "false",
        "PYTHONPATH": str(ROOT),
        "PAGE_CACHE_SECONDS": "300",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def _manage(env, *args, capture=True) -> str:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    ).stdout


def _shell(env, code: str) -> str:
    return _manage(env, "shell", "--no-imports", "-c", code)


@contextmanager
def _scratch_postgres(url: str):
    """A scratch database beside DATABASE_URL's (its name + "_bench_http"), dropped afterwards."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = (parts.path.strip("/") or "postgres") + "_bench_http"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def _redis(var_dir: Path):
    """Our own redis-server on a free port (the production cache), or none if not installed."""
    if shutil.which("redis-server") is None:
        yield None
        return
    port = _free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(var_dir),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _add_organisations(env, count: int) -> None:
    # Bulk rows straight into the tables: the benchmark measures reading, not the write path.
    _shell(
        env,
        f"""
from bridge.accounts.models import Organisation, Sector
from bridge.search.services import search_rebuild
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
search_rebuild(key="organisations")
""",
    )


def _wrk(base: str, paths: list[str], duration: int, connections: int) -> tuple[float, float]:
    """(requests/s, p99 ms) over ``paths`` in turn; any non-2xx/3xx answer stops the run."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        listed = ", ".join(json.dumps(p) for p in paths)
        script.write(
            f"local paths = {{{listed}}}\nlocal i = 0\n"
            "request = function()\n  i = i + 1\n"
            "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
        )
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{duration}s",
                "--latency",
                "-s",
                script.name,
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{paths[0]}: {non2xx.group(1)} error responses")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    return rps, float(p99.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]


@contextmanager
def _gunicorn(env, port: int):
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/trivial", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _measure(env, pages: dict[str, list[str]], args) -> dict[str, tuple]:
    """Per page, ``--rounds`` pairs (trivial view, page) back to back; the pair with the median
    share is reported, so that a burst of other work on the machine moves one pair, not the
    figure."""
    results = {}
    port = _free_port()
    with _gunicorn(env, port) as base:
        _wrk(base, ["/bench/trivial"], 2, args.connections)  # warm-up
        for name, paths in pages.items():
            _wrk(base, paths, 3, args.connections)  # warm-up: per-process and page caches
            pairs = []
            while len(pairs) < args.rounds:
                trivial = _wrk(base, ["/bench/trivial"], args.duration, args.connections)
                page = _wrk(base, paths, args.duration, args.connections)
                if trivial[0] and page[0]:  # nothing answered: the machine stalled; again
                    pairs.append((page[0] / trivial[0], trivial, page))
            pairs.sort(key=lambda pair: pair[0])
            _share, trivial, page = pairs[len(pairs) // 2]
            results[name] = (trivial, page)
            shares = ", ".join(f"{100 * p[0]:.0f}%" for p in pairs)
            print(
                f"  {name}: {page[0]:,.0f} req/s beside {trivial[0]:,.0f} ({shares})",
                file=sys.stderr,
            )
    return results


def _profiles(env, pages: dict[str, list[str]], n: int) -> list[dict]:
    env = {**env, "PAGE_CACHE_SECONDS": "0", "BENCH_PROFILE_N": str(n)}
    env["BENCH_PROFILE_PATHS"] = json.dumps([paths[0] for paths in pages.values()])
    out = _shell(env, (HERE / "profile.py").read_text())
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def _jinja(env) -> dict | None:
    try:
        import jinja2  # noqa: F401  (a dev dependency, only for this comparison)
    except ImportError:
        return None
    out = _shell(env, (HERE / "jinja_compare.py").read_text())
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--extra", type=int, default=500)
    parser.add_argument("--modes", default="cached,uncached")
    parser.add_argument("--postgres", action="store_true", help="a scratch DB on DATABASE_URL")
    parser.add_argument("--profile", type=int, default=30, help="requests per page; 0: none")
    args = parser.parse_args()
    # A kill runs the clean-up below (gunicorn, redis-server, the scratch folder) like Ctrl+C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    var_dir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database = _scratch_postgres(url) if args.postgres else _nothing()
    try:
        with database as database_url, _redis(var_dir) as redis_url:
            env = _env(var_dir, database_url, redis_url)
            _manage(env, "migrate", "--no-input")
            _manage(env, "seed_demo")
            _add_organisations(env, args.extra)
            slugs = _shell(
                env,
                "from bridge.programs.models import Call\n"
                "from bridge.accounts.models import Organisation\n"
                "print(Call.objects.filter(is_published=True).order_by('-closes_at')[0].slug)\n"
                "print(Organisation.objects.order_by('pk')[0].slug)",
            ).split()
            pages = {
                "home": ["/"],
                "organisation directory": ["/organisations/"],
                "call page": [f"/programmes/calls/{slugs[0]}/"],
                "catalog landing": ["/materials/"],
                f"catalog search ({len(CATALOG_QUERIES)} queries in turn)": CATALOG_QUERIES,
                "API `/api/v1/materials`": ["/api/v1/materials"],
                f"API materials search ({len(API_QUERIES)} queries in turn)": API_QUERIES,
                "API `/api/v1/organisations`": ["/api/v1/organisations"],
                "organisation page (not cached)": [f"/organisations/{slugs[1]}/"],
            }
            measured = {}
            for mode in args.modes.split(","):
                print(f"measuring {mode}", file=sys.stderr)
                mode_env = env if mode == "cached" else {**env, "PAGE_CACHE_SECONDS": "0"}
                measured[mode] = _measure(mode_env, pages, args)
            profiles = _profiles(env, pages, args.profile) if args.profile else []
            jinja = _jinja(env) if args.profile else None
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    _report(args, pages, measured, profiles, postgres=args.postgres, redis=bool(redis_url))
    if jinja:
        print(
            f"\nThe catalog's {jinja['cards']} cards, rendered alone (same objects, same helpers): "
            f"Django templates {jinja['dtl_ms']} ms, Jinja2 {jinja['jinja_ms']} ms "
            f"(bench/http/jinja_compare.py)."
        )


@contextmanager
def _nothing():
    yield None


def _report(args, pages, measured, profiles, *, postgres: bool, redis: bool) -> None:
    print(
        f"\nwrk -t2 -c{args.connections} -d{args.duration}s, median of {args.rounds} pairs; "
        "gunicorn -w 2 (sync); "
        f"{os.cpu_count()} CPU cores; {'PostgreSQL' if postgres else 'SQLite'}; "
        f"cache {'Redis' if redis else 'local memory'}; demo data + {args.extra} organisations\n"
    )
    modes = list(measured)
    head = "| page |" + "".join(
        f" {m}: req/s | {m}: trivial beside | {m}: share | {m}: p99 ms |" for m in modes
    )
    print(head)
    print("|---|" + "---:|" * 4 * len(modes))
    for name in pages:
        row = f"| {name} |"
        for mode in modes:
            (trivial_rps, _), (rps, p99) = measured[mode][name]
            row += f" {rps:,.0f} | {trivial_rps:,.0f} | **{100 * rps / trivial_rps:.0f}%** | {p99:.1f} |"
        print(row)
    if not profiles:
        return
    names = {paths[0]: name for name, paths in pages.items()}
    buckets = list(profiles[0]["shares"])
    print("\nProfiles, page cache off (share of each request's time; buckets overlap):\n")
    print(
        "| page | ms/request (test client) | queries | " + " | ".join(buckets) + " | top own time |"
    )
    print("|---|---:|---:|" + "---:|" * len(buckets) + "---|")
    for p in profiles:
        top = "; ".join(f"`{fn}` {share}%" for fn, share in p["top"][:3])
        shares = " | ".join(f"{p['shares'][b]}%" for b in buckets)
        print(f"| {names[p['path']]} | {p['ms']:.1f} | {p['queries']} | {shares} | {top} |")


if __name__ == "__main__":
    main()

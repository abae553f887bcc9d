"""Search benchmark (issue 3): index build and query latency at 10k / 100k / 1M materials.

    python bench/search/run.py [--sizes 10k,100k[,1M]] [--backends sqlite,postgres] [--rounds 3]

For each backend and size, a fresh process builds a scratch database (migrated, nothing else),
writes a synthetic catalog through the engine's bulk path (services.search_index_documents) under
the key "materials", and measures:

- index build time (analysis + writes), index size, peak RSS of the process;
- p50 / p95 / p99 of 30 mixed queries (rare, common incl. words in ~45 % of items, multi-word,
  misspelt, cross-script), each through bridge.search.selectors.search() with the catalog's
  facet counts, as the API calls it;
- references in the same run: Django ``icontains`` over the same rows (display text; a few
  queries, it is slow), the raw full-text floor (FTS5 / tsvector over the *un-analysed* text:
  bm25 / ts_rank top 20 of the words as typed, no facets), and the API round trip
  (GET /api/v1/materials?q=… through Django's test client, in process, the page cache off,
  with published materials under the ids the queries return), split per request into the
  engine's search() (and its highlighting), cards, facet labels, items, exchange rates and the
  rest, with the queries per request (issue 14);
- FILTERED: eight queries with facet filters ticked (common, rare and no words), through
  search() and the API.

``--reuse DIR`` measures a catalog built earlier (and builds it there first when it is empty);
on PostgreSQL the database is BENCH_PG_DB (default bench_search), kept.

PostgreSQL uses DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/) and a
scratch database bench_search that is dropped afterwards. Prints a Markdown table for
docs/benchmarks.md. Not a timed test: run by hand (``make bench-search``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_DB = os.environ.get("BENCH_PG_DB", "bench_search")  # one per person sharing a server

# --- the synthetic catalog ----------------------------------------------------------------
# Real head words per language (what suppliers write), then a long Zipf tail of pseudo-words.
HEAD = {
    "ru": [
        "ткань",
        "натуральный",
        "хлопок",
        "шёлк",
        "лён",
        "шерсть",
        "ручной",
        "работы",
        "плотный",
        "мягкий",
        "окрашен",
        "природными",
        "красителями",
        "подходит",
        "для",
        "одежды",
        "интерьера",
        "атлас",
        "икат",
        "узор",
        "бумага",
        "керамика",
        "кожа",
        "войлок",
        "вышивка",
        "золотой",
        "нить",
        "ковёр",
        "глазурь",
        "синий",
        "красный",
        "зелёный",
    ],
    "uz": [
        "mato",
        "tabiiy",
        "paxta",
        "ipak",
        "zigʻir",
        "jun",
        "qoʻlda",
        "toʻqilgan",
        "yumshoq",
        "boʻyalgan",
        "tabiiy",
        "boʻyoqlar",
        "kiyim",
        "uchun",
        "atlas",
        "adras",
        "abrband",
        "naqsh",
        "qogʻoz",
        "sopol",
        "charm",
        "kigiz",
        "kashta",
        "zardoʻzi",
        "tilla",
        "ip",
        "gilam",
        "sir",
        "koʻk",
        "qizil",
        "yashil",
        "Margʻilon",
        "ustalari",
    ],
    "uz-Cyrl": [
        "мато",
        "табиий",
        "пахта",
        "ипак",
        "зиғир",
        "жун",
        "қўлда",
        "тўқилган",
        "юмшоқ",
        "бўялган",
        "бўёқлар",
        "кийим",
        "учун",
        "атлас",
        "адрас",
        "абрбанд",
        "нақш",
        "қоғоз",
        "сопол",
        "чарм",
        "кигиз",
        "кашта",
        "зардўзи",
        "тилла",
        "ип",
        "гилам",
        "кўк",
        "қизил",
        "яшил",
        "Бухоро",
        "усталари",
    ],
    "en": [
        "fabric",
        "natural",
        "cotton",
        "silk",
        "linen",
        "wool",
        "hand",
        "woven",
        "soft",
        "dyed",
        "with",
        "natural",
        "dyes",
        "suitable",
        "for",
        "apparel",
        "interiors",
        "atlas",
        "ikat",
        "pattern",
        "paper",
        "ceramics",
        "leather",
        "felt",
        "embroidery",
        "gold",
        "thread",
        "carpet",
        "glaze",
        "blue",
        "red",
        "green",
        "organic",
    ],
}
SYLLABLES = {
    "ru": [
        "ка",
        "ло",
        "ми",
        "на",
        "ра",
        "то",
        "ве",
        "сп",
        "ор",
        "ин",
        "ст",
        "ла",
        "ко",
        "ре",
        "ни",
        "ту",
        "да",
        "бо",
        "ше",
    ],
    "uz": [
        "ka",
        "lo",
        "mi",
        "na",
        "ra",
        "to",
        "ve",
        "ol",
        "ar",
        "in",
        "sh",
        "la",
        "qo",
        "re",
        "ni",
        "gʻu",
        "da",
        "bo",
        "xo",
    ],
    "uz-Cyrl": [
        "ка",
        "ло",
        "ми",
        "на",
        "ра",
        "то",
        "ве",
        "ол",
        "ар",
        "ин",
        "ш",
        "ла",
        "қо",
        "ре",
        "ни",
        "ғу",
        "да",
        "бо",
        "хо",
    ],
    "en": [
        "ka",
        "lo",
        "mi",
        "na",
        "ra",
        "to",
        "ve",
        "sp",
        "or",
        "in",
        "st",
        "la",
        "co",
        "re",
        "ni",
        "tu",
        "da",
        "bo",
        "she",
    ],
}
LANGUAGES = [("ru", 0.35), ("uz", 0.30), ("uz-Cyrl", 0.10), ("en", 0.25)]
COMMON = {"ru": "ткань", "uz": "mato", "uz-Cyrl": "мато", "en": "fabric"}  # ~45 % of items
TAIL = 20_000
CATEGORIES = [f"cat-{n}" for n in range(30)]
COUNTRIES = ["UZ", "RU", "KZ", "TR", "CN", "IN"]
CERTIFICATES = [f"cert-{n}" for n in range(10)]
FIBRES = [
    "silk",
    "cotton",
    "linen",
    "wool",
    "hemp",
    "jute",
    "viscose",
    "polyester",
    "nylon",
    "cashmere",
    "camel",
    "alpaca",
    "mohair",
    "bamboo",
    "ramie",
]
TECHNIQUES = [f"tech-{n}" for n in range(20)]
BANDS = ["0-2", "2-5", "5-10", "10-20", "20-50", "50+"]

QUERIES = [
    # common words (incl. the ~45 % ones) and concepts shared by all languages
    "ткань", "fabric", "mato", "хлопок", "cotton", "ipak",
    # multi-word
    "шёлк икат", "natural silk fabric", "qoʻlda toʻqilgan ipak", "ручной работы вышивка",
    "organic cotton", "gilam jun",
    # misspelt
    "хлопак", "embroidary", "toʻqilgn", "keramika", "zardozi", "vyshivka",
    # cross-script
    "пахта", "ипак", "қоғоз", "qogoz", "атлас", "adras",
]  # fmt: skip
# + 6 rare words drawn from the catalog's tail (set in _queries)

# Facet filters as a buyer ticks them (the API's parameters are the facets' names), on every
# path: common words (sampled), rare and multi-word ones (exact), no words at all, and one
# supplier of ~200 (about 500 items: counted exactly over the whole index).
FILTERED = [
    ("ткань", {"country": ["UZ"]}),
    ("cotton", {"fibre": ["silk"], "certification": ["cert-3"]}),
    ("natural silk fabric", {"country": ["RU", "KZ"]}),
    ("шёлк икат", {"technique": ["tech-3"]}),
    ("adras", {"sample": ["yes"]}),
    ("", {"country": ["UZ"]}),
    ("", {"supplier": ["supplier-17"]}),
    ("", {"fibre": ["linen"], "price_band": ["10-20"]}),
]


class _Zipf:
    def __init__(self, language: str, rnd: random.Random) -> None:
        syl = SYLLABLES[language]
        tail = {"".join(rnd.choice(syl) for _ in range(rnd.randint(2, 4))) for _ in range(TAIL)}
        self.words = HEAD[language] + sorted(tail)
        weights, total = [], 0.0
        for rank in range(len(self.words)):
            total += 1.0 / (rank + 2) ** 1.05
            weights.append(total)
        self.cum = weights

    def sample(self, rnd: random.Random, k: int) -> list[str]:
        return rnd.choices(self.words, cum_weights=self.cum, k=k)


def catalog(size: int, seed: int = 7):
    """(object id, Document) pairs, deterministic."""
    from bridge.search.registry import Document

    rnd = random.Random(seed)
    zipf = {language: _Zipf(language, rnd) for language, _ in LANGUAGES}
    languages = [language for language, _ in LANGUAGES]
    weights = [weight for _, weight in LANGUAGES]
    suppliers = [f"supplier-{n}" for n in range(max(20, size // 500))]
    for object_id in range(1, size + 1):
        language = rnd.choices(languages, weights)[0]
        words = zipf[language]
        title = words.sample(rnd, rnd.randint(2, 4))
        body = words.sample(rnd, rnd.randint(12, 30))
        if rnd.random() < 0.45:
            body.insert(rnd.randrange(len(body) + 1), COMMON[language])
        fibres = rnd.sample(FIBRES[:6] if rnd.random() < 0.8 else FIBRES, rnd.randint(1, 2))
        category = rnd.choice(CATEGORIES)
        price = rnd.lognormvariate(2.3, 1.0)
        yield (
            object_id,
            Document(
                title=" ".join(title),
                keywords=" ".join([category, *fibres, *words.sample(rnd, 3)]),
                body=" ".join(body),
                language=language,
                facets={
                    "category": ["textiles" if int(category[4:]) < 12 else "other", category],
                    "country": [rnd.choice(COUNTRIES)],
                    "supplier": [rnd.choice(suppliers)],
                    "certification": rnd.sample(CERTIFICATES, rnd.choice([0, 0, 1, 2])),
                    "fibre": fibres,
                    "technique": rnd.sample(TECHNIQUES, rnd.randint(0, 2)),
                    "price_band": [BANDS[min(5, int(price // 10))]],
                    "sample": [rnd.choice(["yes", "no"])],
                },
                numbers={
                    "price_usd": round(price, 2),
                    "moq": float(rnd.randint(1, 500)),
                    "lead_time_days": float(rnd.randint(1, 90)),
                    "created": 1.7e9 + object_id * 60.0,
                },
            ),
        )


def _queries(size: int) -> list[str]:
    rnd = random.Random(size)
    rare = []
    for language in ("ru", "uz", "uz-Cyrl", "en", "ru", "en"):
        tail = _Zipf(language, random.Random(7 + len(rare))).words[len(HEAD[language]) :]
        rare.append(rnd.choice(tail[len(tail) // 2 :]))
    return QUERIES + rare


# --- measuring (child process) ------------------------------------------------------------
def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pick(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p * len(ordered)) - 1))] * 1000

    return {"p50": statistics.median(ordered) * 1000, "p95": pick(0.95), "p99": pick(0.99)}


def _index_size(connection) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%' "
                    "OR name LIKE 'sqlite_autoindex_search_%'"
                )
                return int(cursor.fetchone()[0] or 0)
            except Exception:
                return os.path.getsize(connection.settings_dict["NAME"])
        cursor.execute(
            "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c "
            "WHERE c.relkind = 'r' AND c.relname LIKE 'search_search%'"
        )
        return int(cursor.fetchone()[0] or 0)


# The entries as they were stored before migration 0017 deflated their text on SQLite: the
# same rows, as wide as before, so that the icontains baseline reads what it always read.
# Temporary, with the raw floor's table: writing them into the catalog's database grew its
# write-ahead log by gigabytes at 1M, which every later read of the run had to consult.
PLAIN_TEXT = (
    "CREATE TEMP TABLE bench_text AS SELECT id, index_key, object_id, title, keywords, "
    "{body} AS body, display_title, {display_body} AS display_body, language, facet_values, "
    "anchored FROM search_searchentry WHERE index_key = %s ORDER BY id"
)
COUNT_SQL = "SELECT COUNT(*) FROM bench_text WHERE {}"
PAGE_SQL = "SELECT object_id FROM bench_text WHERE {} LIMIT 20"
# What Django's icontains on the title or the description runs on each database.
ICONTAINS = {
    "sqlite": "display_title LIKE %s ESCAPE '\\' OR display_body LIKE %s ESCAPE '\\'",
    "postgresql": (
        "UPPER(display_title::text) LIKE UPPER(%s) OR UPPER(display_body::text) LIKE UPPER(%s)"
    ),
}


def _plain_text(connection, key: str) -> None:
    """bench_text: the entries with their packed columns inflated (the SQL function
    search_text), which the baselines read."""
    text = "search_text({})" if connection.vendor == "sqlite" else "{}"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw")  # reads bench_text on SQLite
        cursor.execute("DROP TABLE IF EXISTS bench_text")  # left by an earlier --reuse run
        cursor.execute(
            PLAIN_TEXT.format(body=text.format("body"), display_body=text.format("display_body")),
            [key],
        )


def _icontains(connection, word: str) -> None:
    """A count, then the first page of ids, as a list filtered by ``icontains`` reads them."""
    where = ICONTAINS[connection.vendor]
    pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with connection.cursor() as cursor:
        cursor.execute(COUNT_SQL.format(where), [pattern] * 2)
        cursor.fetchone()
        cursor.execute(PAGE_SQL.format(where), [pattern] * 2)
        cursor.fetchall()


def _raw_floor(connection, queries: list[str], rounds: int) -> dict[str, float]:
    """The floor: one full-text table over the original text, queried with the typed words."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE temp.bench_raw USING fts5(display_title, display_body, "
                "content='bench_text', content_rowid='id')"
            )
            cursor.execute("INSERT INTO bench_raw(bench_raw) VALUES ('rebuild')")
            sql = "SELECT rowid FROM bench_raw WHERE bench_raw MATCH %s ORDER BY rank LIMIT 20"

            def render(q: str) -> str:
                return " OR ".join('"' + w.replace('"', "") + '"' for w in q.split())
        else:
            cursor.execute(
                "CREATE TEMP TABLE bench_raw AS SELECT id, to_tsvector('simple', display_title || ' ' "
                "|| display_body) AS v FROM bench_text"
            )
            cursor.execute("CREATE INDEX bench_raw_v ON bench_raw USING GIN (v)")
            cursor.execute("ANALYZE bench_raw")
            sql = (
                "SELECT id FROM bench_raw WHERE v @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank(v, to_tsquery('simple', %s)) DESC LIMIT 20"
            )

            def render(q: str) -> str:
                return " | ".join(
                    "'" + w.replace("'", "''").replace("\\", "") + "'" for w in q.split()
                )

        samples = []
        for round_ in range(rounds + 1):
            for q in queries:
                params = [render(q)] if connection.vendor == "sqlite" else [render(q)] * 2
                start = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                if round_:
                    samples.append(time.perf_counter() - start)
        return _percentiles(samples)


# Where a request to GET /api/v1/materials spends its time (issue 14, goal 3): each part is a
# function of the request path, timed by wrapping it in this process only. The slowest
# requests also show "gc", the garbage collector's passes during them, within those parts.
API_PARTS = [
    ("search", "bridge.materials.selectors.catalog", "search"),  # the engine, highlights incl.
    ("highlight", "bridge.search.selectors", "_highlights"),  # (inside search)
    ("head", "bridge.search.selectors", "_head"),  # (inside search)
    ("cards", "bridge.materials.selectors.catalog", "in_order"),  # materials + prefetches
    ("facets", "bridge.materials.selectors.catalog", "facet_labels"),  # labels of the counts
    ("serialise", "bridge.materials.api.catalog", "material_out"),  # items, currency incl.
    ("rates", "bridge.materials.selectors.money", "exchange_rates"),
]


def _materials_for(ids: set[int]) -> None:
    """Published materials under the ids the queries answer, so the API serialises full pages
    (the synthetic catalog is indexed without Material rows; only these few are needed)."""
    from django.utils import timezone

    from bridge.accounts.tests.factories import OrganisationFactory
    from bridge.materials.models import Material
    from bridge.materials.tests.factories import MaterialFactory
    from bridge.materials.vocabulary import Status

    missing = ids - set(Material.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if not missing:
        return
    from bridge.accounts.models import Organisation

    supplier = Organisation.objects.filter(slug="bench-supplier").first() or OrganisationFactory(
        slug="bench-supplier", country="UZ"
    )
    for pk in sorted(missing):
        MaterialFactory(pk=pk, supplier=supplier, sku=f"B-{pk}", status=Status.PUBLISHED,
                        published_at=timezone.now())  # fmt: skip


def _head_compare(queries: list[str], rounds: int, key: str) -> dict:
    """The head (the 100 best title and keyword matches) read from the head postings, beside
    what it replaced in the same run: bm25 / ts_rank over every title and keyword match,
    sorted (decision 0018). Also how many of the 100 the two agree on."""
    from bridge.search import head
    from bridge.search.backends import backend
    from bridge.search.query import build_query
    from bridge.search.sql import best, clean_filters
    from bridge.search.thesaurus import current

    engine, flt = backend(), clean_filters(key, None, None)
    times: dict[str, list[float]] = {"postings": [], "ranked": []}
    overlap = []
    for round_ in range(rounds + 1):
        for q in queries:
            query = build_query(q, current())
            start = time.perf_counter()
            new = [object_id for object_id, _score in head.candidates(key, query, flt, 100)]
            middle = time.perf_counter()
            old = best(engine, [(engine.head(engine.match_any(query)), "1 = 1", [])], flt, key, 100)
            end = time.perf_counter()
            if round_:
                times["postings"].append(middle - start)
                times["ranked"].append(end - middle)
                if old:
                    overlap.append(len(set(new) & set(old)) / len(old))
    return {
        "postings": _percentiles(times["postings"]),
        "ranked": _percentiles(times["ranked"]),
        "overlap": statistics.mean(overlap) if overlap else float("nan"),
    }


def _api(queries: list[str], rounds: int, key: str) -> dict:
    import importlib

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bridge.core.api.pagination import PAGE_SIZE_DEFAULT
    from bridge.search.selectors import search

    ids: set[int] = set()
    for q in queries:
        ids.update(search(key=key, q=q, page_size=PAGE_SIZE_DEFAULT).ids)
    _materials_for(ids)
    spent: dict[str, float] = {}

    def timed(part, function):
        def wrapper(*args, **kwargs):
            begin = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[part] = spent.get(part, 0.0) + time.perf_counter() - begin

        return wrapper

    for part, module, name in API_PARTS:
        target = importlib.import_module(module)
        setattr(target, name, timed(part, getattr(target, name)))
    collecting = [0.0]

    def collections(phase, info):  # the collector's passes, wherever in a request they fall
        if phase == "start":
            collecting[0] = time.perf_counter()
        else:
            spent["gc"] = spent.get("gc", 0.0) + time.perf_counter() - collecting[0]

    gc.callbacks.append(collections)
    client = Client()
    samples, parts, counts = [], {p: [] for p, *_ in API_PARTS}, []
    slowest: dict[str, tuple[float, dict]] = {}  # per query: its slowest request and parts
    for round_ in range(rounds + 1):
        for q in queries:
            spent.clear()
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/api/v1/materials", {"q": q})
            elapsed = time.perf_counter() - start
            if response.status_code != 200:
                return {"skipped": f"API answered {response.status_code}"}
            if round_:
                samples.append(elapsed)
                counts.append(len(captured))
                for part in parts:
                    parts[part].append(spent.get(part, 0.0))
                if elapsed > slowest.get(q, (0.0, {}))[0]:
                    slowest[q] = (elapsed, {p: round(v * 1000, 1) for p, v in spent.items()})
    gc.callbacks.remove(collections)
    total = _percentiles(samples)
    breakdown = {part: statistics.median(values) * 1000 for part, values in parts.items()}
    breakdown["other"] = total["p50"] - sum(
        v for p, v in breakdown.items() if p not in ("highlight", "head")
    )
    breakdown["queries"] = statistics.median(counts)
    worst = sorted(slowest.items(), key=lambda item: -item[1][0])[:3]
    return {
        "total": total,
        "breakdown": breakdown,
        "slowest": [(q, round(ms * 1000, 1), spent_ms) for q, (ms, spent_ms) in worst],
    }


def _filtered(rounds: int, key: str, facets) -> dict:
    """FILTERED through search() (with the catalog's facet counts) and through the API."""
    from django.test import Client

    from bridge.core.api.pagination import PAGE_SIZE_DEFAULT
    from bridge.search.selectors import search

    ids: set[int] = set()
    for q, filters in FILTERED:
        ids.update(search(key=key, q=q, filters=filters, page_size=PAGE_SIZE_DEFAULT).ids)
    _materials_for(ids)
    client = Client()
    engine, api = [], []
    for round_ in range(rounds + 1):
        for q, filters in FILTERED:
            start = time.perf_counter()
            search(key=key, q=q, filters=filters, facets=facets)
            middle = time.perf_counter()
            params = {"q": q, **filters}
            if "sample" in params:
                params["sample"] = "true"
            response = client.get("/api/v1/materials", params)
            end = time.perf_counter()
            if response.status_code != 200:
                return {"skipped": f"API answered {response.status_code}"}
            if round_:
                engine.append(middle - start)
                api.append(end - middle)
    return {"search": _percentiles(engine), "api": _percentiles(api)}


def child(backend: str, size: int, rounds: int, reuse: bool = False) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    from bridge.search import services
    from bridge.search.models import SearchEntry
    from bridge.search.selectors import search

    try:
        from bridge.materials.selectors.catalog import FACETS
    except ImportError:
        FACETS = ("category", "country", "supplier", "certification", "fibre", "technique",
                  "price_band", "sample")  # fmt: skip
    key = "materials"
    indexed = SearchEntry.objects.filter(index_key=key).count() if reuse else 0
    if indexed:  # a catalog built earlier by this script (--reuse): measure only
        build_s = float("nan")
    else:
        start = time.perf_counter()
        indexed = services.search_index_documents(key=key, documents=catalog(size))
        build_s = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from bridge.core.runtime import settle

    settle()  # what a web process does once it has started (config/wsgi.py)
    size_bytes = _index_size(connection)
    queries = _queries(size)
    kinds = {"all": [], "common": []}
    per_query: dict[str, float] = {}
    for round_ in range(rounds + 1):
        for n, q in enumerate(queries):
            start = time.perf_counter()
            result = search(key=key, q=q, facets=FACETS)
            elapsed = time.perf_counter() - start
            if round_:
                kinds["all"].append(elapsed)
                if n < 6:
                    kinds["common"].append(elapsed)
                per_query[q] = max(per_query.get(q, 0.0), elapsed)
            elif n == 0:
                first_count = result.count
    q_less = []
    for _ in range(rounds + 1):
        start = time.perf_counter()
        search(key=key, q="", facets=FACETS)
        q_less.append(time.perf_counter() - start)
    # icontains: the first word of a few queries, count + first page (what a naive list does)
    ic_queries = [queries[0], queries[6], queries[19], queries[-1]]
    ic = []
    _plain_text(connection, key)
    for q in ic_queries:
        start = time.perf_counter()
        _icontains(connection, q.split()[0])
        ic.append(time.perf_counter() - start)
    floor = _raw_floor(connection, queries, rounds)
    heads = _head_compare(queries, rounds, key)
    api = _api(queries, rounds, key)
    filtered = _filtered(rounds, key, FACETS)
    return {
        "filtered": filtered,
        "backend": backend,
        "size": size,
        "indexed": indexed,
        "build_s": build_s,
        "index_mb": size_bytes / 1e6,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "search": _percentiles(kinds["all"]),
        "common": _percentiles(kinds["common"]),
        "q_less": _percentiles(q_less[1:]),
        "icontains_p50": statistics.median(ic) * 1000,
        "floor": floor,
        "head": heads,
        "api": api.pop("total", api),
        "breakdown": api.get("breakdown", {}),
        "first_count": first_count,
        "slowest": sorted(per_query.items(), key=lambda kv: -kv[1])[:3],
        "api_slowest": api.get("slowest", []),
    }


# --- orchestration --------------------------------------------------------------------------
def _size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_pg_base() + "postgres", autocommit=True) as conn:
        conn.execute(sql)


def _pg_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(_pg_base() + "postgres", autocommit=True) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


def _pg_base() -> str:
    url = os.environ.get("BENCH_PG_URL") or os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/"
    return url.rsplit("/", 1)[0] + "/"


def run_child(backend: str, size: int, rounds: int, reuse: str | None = None) -> dict:
    if reuse:
        return _run_in(reuse, backend, size, rounds, keep=True)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as var_dir:
        return _run_in(var_dir, backend, size, rounds, keep=False)


def _run_in(var_dir: str, backend: str, size: int, rounds: int, *, keep: bool) -> dict:
    env = {**os.environ, "VAR_DIR": var_dir, "PYTHONPATH": str(ROOT), "DEBUG": "false",
           "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings")}  # fmt: skip
    env.pop("DATABASE_URL", None)
    # Measure the engine, not the anonymous page cache; materials written by the benchmark
    # are not re-indexed (the catalog's synthetic documents stay).
    env.update(PAGE_CACHE_SECONDS="0", TASKS_BACKEND="database")
    if backend == "postgres":
        if not keep:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
        if not keep or not _pg_exists(PG_DB):
            _pg_admin(f"CREATE DATABASE {PG_DB}")
        env["DATABASE_URL"] = _pg_base() + PG_DB
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", backend, str(size), str(rounds)]
            + (["--reuse"] if keep else []),
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
    finally:
        if backend == "postgres" and not keep:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
    if done.returncode:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"{backend} {size}: child failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fmt(p: dict) -> str:
    return f"{p['p50']:.1f} / {p['p95']:.1f} / {p['p99']:.1f}"


def _parts(b: dict) -> str:
    if not b:
        return ""
    return (
        f"{b['search']:.1f} ({b['highlight']:.1f}, head {b.get('head', 0):.1f}) / {b['cards']:.1f} / {b['facets']:.1f} / "
        f"{b['serialise']:.1f} / {b['rates']:.1f} / {b['other']:.1f}; {b['queries']:.0f}"
    )


def head_table(results: list[dict]) -> str:
    lines = [
        "| backend | items | head from postings p50/p95/p99 ms | head by ranking every title "
        "match p50/p95/p99 ms (before) | of the 100 the same |",
        "|---|---:|---|---|---:|",
    ]
    for r in results:
        if "head" in r:
            h = r["head"]
            lines.append(
                f"| {r['backend']} | {r['size']:,} | {_fmt(h['postings'])} | {_fmt(h['ranked'])} "
                f"| {h['overlap']:.0%} |"
            )
    return "\n".join(lines)


def filtered_table(results: list[dict]) -> str:
    lines = [
        f"| backend | items | {len(FILTERED)} filtered queries: search p50/p95/p99 ms "
        "| API p50/p95/p99 ms |",
        "|---|---:|---|---|",
    ]
    for r in results:
        f = r.get("filtered", {})
        if "search" in f:
            lines.append(
                f"| {r['backend']} | {r['size']:,} | {_fmt(f['search'])} | {_fmt(f['api'])} |"
            )
    return "\n".join(lines)


def table(results: list[dict]) -> str:
    lines = [
        "| backend | items | build s | index MB | peak RSS MB | search p50/p95/p99 ms "
        "(30 q + facets) | common words p95 | q-less + facets p50 | raw floor p50/p95/p99 "
        "| icontains p50 | API p50/p95/p99 | API p50 parts ms: search (highlight) / cards / "
        "facets / serialise / rates / other; queries |",
        "|---|---:|---:|---:|---:|---|---:|---:|---|---:|---|---|",
    ]
    for r in results:
        api = r["api"]
        api_text = _fmt(api) if "p50" in api else f"skipped ({api.get('skipped', '')})"
        lines.append(
            f"| {r['backend']} | {r['size']:,} | {r['build_s']:.1f} | {r['index_mb']:.0f} "
            f"| {r['rss_mb']:.0f} | {_fmt(r['search'])} | {r['common']['p95']:.1f} "
            f"| {r['q_less']['p50']:.1f} | {_fmt(r['floor'])} | {r['icontains_p50']:.0f} "
            f"| {api_text} | {_parts(r.get('breakdown', {}))} |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        backend, size, rounds = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        print(json.dumps(child(backend, size, rounds, reuse="--reuse" in sys.argv)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10k,100k", help="e.g. 10k,100k,1M")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of the 30 queries")
    parser.add_argument(
        "--reuse",
        metavar="VAR_DIR",
        help="measure a catalog built earlier in this VAR_DIR (one size and backend; PostgreSQL: "
        "the database bench_search, kept) instead of building a new one",
    )
    args = parser.parse_args()
    results = []
    for size in [_size(s) for s in args.sizes.split(",") if s.strip()]:
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            result = run_child(backend, size, args.rounds, args.reuse)
            print(f"{backend} {size:,}: {json.dumps(result)}", file=sys.stderr, flush=True)
            results.append(result)
    print(table(results))
    print()
    print(head_table(results))
    print()
    print(filtered_table(results))


if __name__ == "__main__":
    main()

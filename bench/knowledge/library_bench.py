"""Practice library search benchmark (issue 12): the library at N practices.

    python bench/knowledge/library_bench.py [--size 10k] [--postgres] [--rounds 3]

A fresh process builds a scratch database (migrated, in a temporary VAR_DIR; --postgres uses
DATABASE_URL's server, whose public schema is dropped and migrated again — give it a database of
its own): N published practices of twelve organisations, each in two language versions (ru + uz
or en, some in all three) with keywords and heritage themes, written in bulk and indexed with
`bridge.search.services.search_index_documents` from the library's own search documents. It then
asks 16 mixed requests (no query, common words in ru / uz / en, a cross-language query, Uzbek
Cyrillic, a rare word, two words, a typo, facets, sorts, page 5) three ways: the engine's search
alone (`bridge.search.selectors.search`, what the page and the API ask), the API
(`GET /api/v1/knowledge/entries`, through Django's test client) and the library page (the real
view with its facets and cards). Beside them the same requests answered the plain way
(`icontains` on the versions' title, summary and text, a page of cards, facet counts with
GROUP BY). Prints p50 / p95 in ms and queries per request. Not a timed test (`make bench-knowledge`).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.materials.catalog_bench import RESET, _percentiles, _size  # noqa: E402

RARE = "marvarid"  # in one practice of a thousand
REQUESTS = [
    ("no query", {}),
    ("common word (ru)", {"q": "права"}),
    ("common word (uz)", {"q": "huquqlar"}),
    ("common word (en)", {"q": "rights"}),
    ("cross-language", {"q": "ko-prodyuserlik"}),
    ("Russian concept", {"q": "копродукция"}),
    ("Uzbek Cyrillic", {"q": "резидентлик"}),
    ("rare word", {"q": RARE}),
    ("two words", {"q": "natural dyes"}),
    ("typo", {"q": "kopradukcia"}),
    ("theme facet", {"theme": "ikat"}),
    ("word + kind", {"q": "шаблон", "kind": "template"}),
    ("language facet", {"language": "en"}),
    ("most useful", {"sort": "useful"}),
    ("newest, word", {"q": "IT Park", "sort": "newest"}),
    ("page 5", {"page": "5"}),
]
ORGANISATIONS = 12
THEMES = [
    "ikat",
    "suzani",
    "afandi",
    "alpamysh",
    "rishton-ceramics",
    "zardozi",
    "maqom",
    "samarkand-paper",
]
KEYWORDS = [
    "co-production",
    "licensing",
    "residency",
    "export",
    "natural-dyes",
    "game-development",
    "film-location",
    "packaging",
]
SECTORS = ["games", "film", "animation", "design", "fashion", "crafts"]
TEXTS = {
    "ru": [
        (
            "Копродукция анимации: права и финансирование",
            "Как делить права и бюджет между студиями.",
        ),
        ("Резидентство IT Park для студии игр", "Документы, сроки и льготы для резидентов."),
        ("Натуральные красители для модного бренда", "Марена и индиго: образцы и сроки."),
        ("Шаблон договора о совместном производстве", "Разделы договора с комментариями юристов."),
        ("Экспорт игры: издатели и платежи", "Как выйти на рынки Азии."),
        ("Съёмки у памятников Самарканда", "Какие разрешения нужны и сколько ждать."),
    ],
    "uz": [
        (
            "Animatsiya ko-prodyuserligi: huquqlar va moliyalashtirish",
            "Studiyalar oʻrtasida huquqlar va byudjetni taqsimlash.",
        ),
        (
            "Oʻyin studiyasi uchun IT Park rezidentligi",
            "Rezidentlar uchun hujjatlar, muddatlar va imtiyozlar.",
        ),
        ("Moda brendi uchun tabiiy boʻyoqlar", "Roʻyan va indigo: namunalar va muddatlar."),
        (
            "Hamkorlikda ishlab chiqarish shartnomasi namunasi",
            "Yuristlar izohlari bilan shartnoma boʻlimlari.",
        ),
        ("Oʻyin eksporti: noshirlar va toʻlovlar", "Osiyo bozorlariga qanday chiqish mumkin."),
        (
            "Samarqand yodgorliklarida suratga olish",
            "Qanday ruxsatnomalar kerak va qancha kutish lozim.",
        ),
    ],
    "en": [
        ("Co-producing animation: rights and financing", "How studios share rights and budget."),
        ("IT Park residency for a game studio", "Documents, timing and benefits for residents."),
        ("Natural dyes for a fashion brand", "Madder and indigo: samples and lead times."),
        ("Co-production agreement outline", "The sections of the agreement with lawyers' notes."),
        ("Exporting a game: publishers and payments", "How to reach Asian markets."),
        (
            "Filming at the monuments of Samarkand",
            "Which permits are needed and how long they take.",
        ),
    ],
}
# Sentences a text is made of: each practice draws six, so words are spread as in a real library
# (a word in a few percent of the texts), not repeated in every one.
SENTENCES = {
    "ru": [
        "Мы подготовили документы и согласовали бюджет.",
        "Права распределены по вкладу сторон.",
        "Субсидия покрыла треть расходов.",
        "Дистрибуция в СНГ осталась за нами.",
        "Партнёр из Ташкента отвечал за сценарий.",
        "Художники по костюмам работали удалённо.",
        "Образцы ткани пришли через пять дней.",
        "Глазурь ишкор меняет оттенок от партии к партии.",
        "Разрешение на съёмку ждали две недели.",
        "Издатель взял сорок процентов выручки.",
        "Локализация на арабский дала новых игроков.",
        "Налоговый агент удержал НДС.",
        "Резидентство сократило налоги студии.",
        "Наставник помог с монетизацией.",
        "Питч длился семь минут.",
        "Музыку записали с живыми музыкантами.",
        "Вышивку заказали в Бухаре.",
        "Бумагу для упаковки сделали в Конигиле.",
        "Резные двери собрали за три дня.",
        "Договор подписали на двух языках.",
    ],
    "uz": [
        "Hujjatlarni tayyorladik va byudjetni kelishdik.",
        "Huquqlar hissaga qarab taqsimlandi.",
        "Subsidiya xarajatlarning uchdan birini qopladi.",
        "Toshkentlik hamkor ssenariy uchun javob berdi.",
        "Liboslar rassomlari masofadan ishladi.",
        "Mato namunalari besh kunda keldi.",
        "Ishqor siri partiyadan partiyaga oʻzgaradi.",
        "Suratga olish ruxsatini ikki hafta kutdik.",
        "Noshir daromadning qirq foizini oldi.",
        "Arab tiliga lokalizatsiya yangi oʻyinchilar berdi.",
        "Rezidentlik studiya soliqlarini kamaytirdi.",
        "Mentor monetizatsiyada yordam berdi.",
        "Pitch yetti daqiqa davom etdi.",
        "Musiqa jonli ijrochilar bilan yozildi.",
        "Kashta Buxorodan buyurtma qilindi.",
        "Qadoqlash uchun qogʻoz Konigilda yasaldi.",
        "Oʻymakor eshiklar uch kunda yigʻildi.",
        "Shartnoma ikki tilda imzolandi.",
        "Tabiiy boʻyoqlar roʻyan va indigodan olindi.",
        "Distribyutsiya MDHda biz bilan qoldi.",
    ],
    "en": [
        "We prepared the documents and agreed the budget.",
        "Rights were shared by contribution.",
        "A subsidy covered a third of the costs.",
        "Distribution in the CIS stayed with us.",
        "The Tashkent partner wrote the script.",
        "Costume artists worked remotely.",
        "Fabric samples arrived in five days.",
        "The ishkor glaze changes from batch to batch.",
        "The filming permit took two weeks.",
        "The publisher took forty percent of revenue.",
        "Arabic localisation brought new players.",
        "The tax agent withheld the VAT.",
        "Residency cut the studio's taxes.",
        "A mentor helped with monetisation.",
        "The pitch lasted seven minutes.",
        "The music was recorded with live players.",
        "The embroidery was ordered in Bukhara.",
        "Packaging paper was made in Konigil.",
        "The carved doors were assembled in three days.",
        "The agreement was signed in two languages.",
    ],
}


def build(size: int) -> tuple[int, float, float]:
    from django.utils import timezone

    from bridge.accounts.models import Organisation, Sector
    from bridge.knowledge import markup
    from bridge.knowledge.models import Entry, Practice, Status
    from bridge.knowledge.search_index import PRACTICES, published_practices
    from bridge.search import registry
    from bridge.search.services import search_index_documents

    rnd = random.Random(12)
    organisations = [
        Organisation.objects.get_or_create(
            slug=f"bench-{n}", defaults={"name": f"Studio {n}", "country": "UZ" if n % 2 else "RU"}
        )[0]
        for n in range(ORGANISATIONS)
    ]
    sectors = {s.code: s for s in Sector.objects.all()}
    now = timezone.now()
    start = time.perf_counter()
    batch = 2000
    for first in range(0, size, batch):
        practices = []
        for n in range(first, min(size, first + batch)):
            practices.append(
                Practice(
                    slug=f"bench-practice-{n}",
                    kind=rnd.choice(["case", "guide", "template", "recording", "answer"]),
                    organisation=organisations[n % ORGANISATIONS],
                    keywords=rnd.sample(KEYWORDS, 2),
                    themes=rnd.sample(THEMES, 1),
                    original_language=rnd.choice(["ru", "uz", "en"]),
                    useful_count=rnd.randint(0, 40),
                    first_published_at=now,
                )
            )
        Practice.objects.bulk_create(practices)
        entries, links = [], []
        for practice in practices:
            n = int(practice.slug.rsplit("-", 1)[1])
            others = [c for c in ("ru", "uz", "en") if c != practice.original_language]
            languages = [practice.original_language, *rnd.sample(others, 1 + (n % 5 == 0))]
            topic = rnd.randrange(6)
            for code in languages:
                title, summary = TEXTS[code][topic]
                title = f"{title} {n}" + (f" {RARE}" if n % 1000 == 7 else "")
                body = f"## {title}\n\n" + " ".join(rnd.sample(SENTENCES[code], 6))
                entries.append(
                    Entry(
                        practice=practice,
                        language=code,
                        title=title,
                        summary=summary,
                        body=body,
                        body_html=markup.render(body),
                        status=Status.PUBLISHED,
                        published_at=now,
                    )
                )
            links.append(
                Practice.sectors.through(
                    practice_id=practice.pk, sector_id=sectors[rnd.choice(SECTORS)].pk
                )
            )
        Entry.objects.bulk_create(entries)
        Practice.sectors.through.objects.bulk_create(links)
    write_s = time.perf_counter() - start
    start = time.perf_counter()
    index = registry.get(PRACTICES)

    def documents():
        for practice in published_practices().iterator(chunk_size=2000):
            yield practice.pk, index.document(practice)

    indexed = search_index_documents(key=PRACTICES, documents=documents())
    return indexed, write_s, time.perf_counter() - start


def icontains(params: dict, page_size: int = 20) -> int:
    """The same request the plain way; returns its number of queries."""
    from django.db import connection
    from django.db.models import Count, Q
    from django.test.utils import CaptureQueriesContext

    from bridge.knowledge.models import Entry, Practice, Status

    with CaptureQueriesContext(connection) as captured:
        rows = Practice.objects.filter(entries__status=Status.PUBLISHED)
        for word in params.get("q", "").split():
            rows = rows.filter(
                Q(entries__title__icontains=word)
                | Q(entries__summary__icontains=word)
                | Q(entries__body__icontains=word)
            )
        if "kind" in params:
            rows = rows.filter(kind=params["kind"])
        if "language" in params:
            rows = rows.filter(entries__language=params["language"])
        if "theme" in params:
            rows = (
                rows.filter(themes__contains=params["theme"])
                if connection.vendor == "postgresql"
                else rows.filter(themes__icontains=f'"{params["theme"]}"')
            )
        rows = rows.distinct()
        count = rows.count()
        order = {"useful": "-useful_count", "newest": "-first_published_at"}.get(
            params.get("sort", ""), "-pk"
        )
        page = int(params.get("page", 1))
        ids = list(
            rows.order_by(order, "pk").values_list("pk", flat=True)[
                (page - 1) * page_size : page * page_size
            ]
        )
        list(
            Practice.objects.filter(pk__in=ids)
            .select_related("organisation")
            .prefetch_related("entries")
        )
        matching = Practice.objects.filter(pk__in=rows.values("pk"))
        list(matching.values("kind").annotate(n=Count("pk")))
        list(matching.values("organisation__country").annotate(n=Count("pk")))
        list(
            Entry.objects.filter(practice__in=rows.values("pk"), status=Status.PUBLISHED)
            .values("language")
            .annotate(n=Count("practice_id", distinct=True))
        )
        assert count >= 0
    return len(captured)


def child(size: int, rounds: int) -> dict:
    import resource
    from urllib.parse import urlencode

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0, interactive=False)
    from bridge.knowledge.forms.library import library_filters
    from bridge.knowledge.search_index import PRACTICES
    from bridge.knowledge.selectors.library import FACETS, SORTS
    from bridge.search.selectors import search

    indexed, write_s, index_s = build(size)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from django.http import QueryDict

    client = Client()
    times = {"engine": [], "engine_cpu": [], "api": [], "page": [], "icontains": []}
    queries = {"engine": set(), "api": set(), "page": set(), "icontains": set()}
    slowest: dict[str, float] = {}
    for round_ in range(rounds + 1):  # round 0 warms the caches
        for label, params in REQUESTS:
            filters = library_filters(QueryDict(urlencode(params)))
            begin, cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as captured:
                search(
                    key=PRACTICES,
                    q=filters.q,
                    filters=filters.engine_filters(),
                    facets=FACETS,
                    sort=SORTS.get(filters.sort, "relevance"),
                    page=int(params.get("page", 1)),
                    page_size=20,
                )
            engine_s = time.perf_counter() - begin
            engine_cpu = time.process_time() - cpu
            queries["engine"].add(len(captured))
            begin = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(
                    "/api/v1/knowledge/entries", params, HTTP_ACCEPT_LANGUAGE="ru"
                )
            api_s = time.perf_counter() - begin
            assert response.status_code == 200, (label, response.content[:300])
            queries["api"].add(len(captured))
            begin = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/knowledge/", params, HTTP_ACCEPT_LANGUAGE="ru")
            page_s = time.perf_counter() - begin
            assert response.status_code == 200, label
            queries["page"].add(len(captured))
            begin = time.perf_counter()
            queries["icontains"].add(icontains(params))
            plain_s = time.perf_counter() - begin
            if round_:
                for name, value in (
                    ("engine", engine_s),
                    ("engine_cpu", engine_cpu),
                    ("api", api_s),
                    ("page", page_s),
                    ("icontains", plain_s),
                ):
                    times[name].append(value)
                slowest[label] = max(slowest.get(label, 0.0), engine_s)
    return {
        "indexed": indexed,
        "write_s": write_s,
        "index_s": index_s,
        **{name: _percentiles(values) for name, values in times.items()},
        "queries": {name: (min(v), max(v)) for name, v in queries.items()},
        "slowest": sorted(slowest.items(), key=lambda kv: -kv[1])[:3],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("RESULT " + json.dumps(child(int(args.child[0]), int(args.child[1]))))
        return
    var_dir = tempfile.mkdtemp(prefix="library-bench-")
    env = {
        **os.environ,
        "VAR_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "PYTHONPATH": str(ROOT),
        "TASKS_BACKEND": "database",
        "DEMO_PHOTOS": "false",
    }
    if args.postgres:
        if not env.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit(
                "--postgres needs DATABASE_URL=postgres://… (a database of its own) in the environment"
            )
        subprocess.run([sys.executable, "-c", RESET], cwd=ROOT, env=env, check=True)
    else:
        env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(_size(args.size)), str(args.rounds)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if out.returncode or line is None:
        sys.exit(out.stderr[-3000:])
    r = json.loads(line[7:])
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(
        "| database | practices | write s / index s | engine search p50 / p95 | engine CPU p50 / p95 | API p50 / p95 | page p50 / p95 | icontains p50 / p95 | queries: engine / API / page / icontains | slowest engine requests (ms) | load |"
    )
    print("|---|---:|---|---|---|---|---|---|---|---|---|")
    q = r["queries"]
    slowest = ", ".join(f"{label} {s * 1000:.0f}" for label, s in r["slowest"])
    print(
        f"| {database} | {r['indexed']:,} | {r['write_s']:.0f} / {r['index_s']:.0f} "
        f"| {r['engine'][0]:.0f} / {r['engine'][1]:.0f} | {r['engine_cpu'][0]:.0f} / {r['engine_cpu'][1]:.0f} "
        f"| {r['api'][0]:.0f} / {r['api'][1]:.0f} "
        f"| {r['page'][0]:.0f} / {r['page'][1]:.0f} | {r['icontains'][0]:.0f} / {r['icontains'][1]:.0f} "
        f"| {q['engine'][0]}–{q['engine'][1]} / {q['api'][0]}–{q['api'][1]} / {q['page'][0]}–{q['page'][1]} / {q['icontains'][0]}–{q['icontains'][1]} "
        f"| {slowest} | {r['load'][1]:.1f} |"
    )
    import shutil

    shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Where a page's time goes: run inside `manage.py shell` by bench/http/run.py.

Each page is asked through Django's test client with the page cache off (the render path a
cache miss or a signed-in person takes): N requests timed plainly, then N under cProfile. The
profile is summed into buckets by the cumulative time of the functions that own them; the
buckets overlap where one calls another (a template tag that runs SQL counts in both), so they
are shares of the request, not a partition. Prints one JSON line per page.
"""

import cProfile
import json
import os
import pstats
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

PATHS = json.loads(os.environ["BENCH_PROFILE_PATHS"])
N = int(os.environ.get("BENCH_PROFILE_N", "30"))

# bucket → (file suffix, function name) whose cumulative time is the bucket's.
BUCKETS = {
    "templates": ("django/template/backends/django.py", "render"),
    "sql": ("django/db/backends/utils.py", "_execute_with_wrappers"),
    "search engine": ("bridge/search/selectors.py", "_search"),
    "API serialisation": ("ninja/operation.py", "_result_to_response"),
    "ORM (SQL included)": ("django/db/models/query.py", "_fetch_all"),
}


def _short(key) -> str:
    filename, line, name = key
    for marker in ("site-packages/", "/bridge/", "/lib/python3"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({name})"


def main() -> None:
    client = Client()
    for path in PATHS:
        for _ in range(3):  # per-process caches: thesaurus, templates, URL resolvers
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        # Now: the next request's request_started signal empties the log.
        query_count = len(queries.captured_queries)
        start = time.perf_counter()
        for _ in range(N):
            client.get(path)
        plain_ms = (time.perf_counter() - start) * 1000 / N
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(N):
            client.get(path)
        profiler.disable()
        stats = pstats.Stats(profiler).stats
        total = sum(row[2] for row in stats.values())  # own times add up to the whole
        shares = {}
        for bucket, (suffix, name) in BUCKETS.items():
            seconds = sum(
                row[3] for key, row in stats.items() if key[2] == name and key[0].endswith(suffix)
            )
            shares[bucket] = round(100 * seconds / total)
        top = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:4]
        print(
            json.dumps(
                {
                    "path": path,
                    "ms": round(plain_ms, 2),
                    "queries": query_count,
                    "shares": shares,
                    "top": [[_short(key), round(100 * row[2] / total, 1)] for key, row in top],
                }
            )
        )


main()

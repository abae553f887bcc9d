"""Prometheus metrics: requests and their latency, the page cache, search timings, tasks.

Under gunicorn every worker is its own process; with PROMETHEUS_MULTIPROC_DIR set (the deploy
recipe sets it, and config/gunicorn.py cleans it up when a worker exits) the counters live in
files there and `/metrics` adds up every process on the machine, the task workers included.
The task queue's figures are read from the database when `/metrics` is asked, not counted.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

# Seconds: from a cached page (~1 ms) to a slow search page.
LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "bridge_http_requests",
    "HTTP requests answered, by URL name, method and status.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "bridge_http_request_duration_seconds",
    "Time from the first middleware in to the response out, by URL name.",
    ["view"],
    buckets=LATENCY_BUCKETS,
)
PAGE_CACHE = Counter(
    "bridge_page_cache",
    "Anonymous page cache: hit, miss (stored), uncacheable (rendered, not stored), bypass "
    "(signed in, a message waiting, a write).",
    ["view", "result"],
)
SEARCH = Histogram(
    "bridge_search_duration_seconds",
    "Time of one search through the engine (query, ranking, facets), by index.",
    ["index"],
    buckets=LATENCY_BUCKETS,
)
TASKS = Histogram(
    "bridge_task_duration_seconds",
    "Time a background task ran in a worker, by task and outcome.",
    ["task", "status"],
    buckets=(0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 1800),
)


def page_cache(view: str, result: str) -> None:
    PAGE_CACHE.labels(view=view, result=result).inc()


def observe_request(*, view: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(view=view, method=method, status=str(status)).inc()
    LATENCY.labels(view=view).observe(seconds)


class timed_search:
    """``with timed_search(index): ...`` records the block's duration."""

    def __init__(self, index: str):
        self.index = index

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        SEARCH.labels(index=self.index).observe(time.perf_counter() - self.start)
        return False


class QueueCollector:
    """The task queue as the database holds it, read at scrape time."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from bridge.core.health import task_queue

        state = task_queue()
        if state.get("backend") != "database" or state.get("status") == "down":
            return
        lag = GaugeMetricFamily(
            "bridge_task_queue_lag_seconds",
            "Age of the oldest task that is due and waits for a worker (0 when none waits).",
        )
        lag.add_metric([], state["lag_seconds"])
        yield lag
        tasks = GaugeMetricFamily(
            "bridge_tasks", "Background tasks waiting or running, by status.", labels=["status"]
        )
        tasks.add_metric(["ready"], state["ready"])
        tasks.add_metric(["running"], state["running"])
        yield tasks
        workers = GaugeMetricFamily(
            "bridge_task_workers", "Task workers that reported in the last half minute."
        )
        workers.add_metric([], state["workers"])
        yield workers


def exposition() -> bytes:
    """Everything, in the Prometheus text format."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY as registry
    scrape = CollectorRegistry()
    scrape.register(QueueCollector())
    return generate_latest(registry) + generate_latest(scrape)

"""What a web process does once it has started (config/wsgi.py, config/asgi.py), and a task
worker before its first task (manage.py db_worker)."""

import gc
import logging
import threading
from contextlib import contextmanager, suppress

from django.apps import apps
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connections
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def settle() -> None:
    """Import every view, warm what the apps keep for the process's life, collect once,
    freeze what exists (gc.freeze), and from then on collect between requests
    (collect_between_requests).

    Python's full collections walk every container the process holds: the modules, URLconf,
    templates and translations a Django process loads, ~300,000 objects. On this 2-core
    machine each full pass took 100–212 ms. They came every few dozen searches at 1M
    materials, because large searches allocate more, and they were the API's p95. Frozen
    objects are left out of those passes, which then take 7–10 ms (issue 14,
    docs/benchmarks.md). Objects that are frozen are still freed when no reference is left;
    only cycles among them would stay, and the collection before the freeze clears those.

    What the first requests would otherwise build is built here, out of any request: the
    URL tables for reverse() in each language, and what an app config's ``warm()`` builds
    (the search's thesaurus and vocabularies: ~0.5 s of a worker's first search at 100k, and
    ~80,000 objects that every later full pass walked, as they were not frozen).
    """
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            _reverse_tables(get_resolver())
    _warm_apps()
    gc.collect()
    gc.freeze()
    collect_between_requests()


# Bulk work's collector (a task worker, an import): a young collection every BULK_THRESHOLD[0]
# allocations instead of Python's 700, and the older ones as rarely in proportion.
BULK_THRESHOLD = (10_000, 10, 10)


def settle_worker() -> None:
    """What a task worker (manage.py db_worker) does before its first task: warm the apps,
    collect once, freeze what exists, and collect young objects less often.

    Indexing a chunk of 2,000 materials allocates millions of objects and keeps many of them
    to its end (postings, analysed fields); with Python's thresholds its ~265 collections, 24
    of them full passes over the thesaurus as well, took 0.17 of 1.22 s. Settled, 0.04 s
    (issue 14, docs/benchmarks.md). A task is not a request: it may run for minutes, so the
    collector keeps running during it rather than waiting for its end."""
    _warm_apps()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*BULK_THRESHOLD)


_bulk = {"blocks": 0, "before": None}  # fewer_collections() in progress, in all threads
_bulk_lock = threading.Lock()


@contextmanager
def fewer_collections():
    """Bulk work in a block: collections as rarely as in a settled worker (BULK_THRESHOLD),
    then as before. An import of 100,000 rows keeps what it parsed to its end, and Python's
    2,100 collections of it, 15 of them full, took 1.2 of its 11.4 s; with these, 0.05 s.
    Thresholds are the process's: other threads collect as rarely meanwhile, and the last
    block to end, in whichever thread, puts them back."""
    with _bulk_lock:
        if not _bulk["blocks"]:
            _bulk["before"] = before = gc.get_threshold()
            gc.set_threshold(*(max(a, b) for a, b in zip(before, BULK_THRESHOLD, strict=True)))
        _bulk["blocks"] += 1
    try:
        yield
    finally:
        with _bulk_lock:
            _bulk["blocks"] -= 1
            if not _bulk["blocks"]:
                gc.set_threshold(*_bulk["before"])


def _warm_apps() -> None:
    """Each app config's ``warm()``; then the connections it opened are closed."""
    for config in apps.get_app_configs():
        warm = getattr(config, "warm", None)
        if warm is None:
            continue
        try:
            warm()
        except Exception:
            # A database that is down or not migrated yet: the first request builds it instead,
            # and fails there, visibly, if it still cannot. The process serves either way.
            logger.exception("%s could not warm up", config.label)
    for connection in connections.all(initialized_only=True):
        # Opened while warming, for no request (an ASGI server's requests run in other
        # threads): requests open their own. One in a transaction is a test's.
        if not connection.in_atomic_block:
            connection.close()


def _reverse_tables(resolver: URLResolver, namespace: str = "") -> None:
    """Build reverse()'s tables for the active language: the URLconf's, and those of each
    namespace, which reverse() builds on its first name there (~190 ms of a worker's first
    request). Importing the URLconf first imports the views and the API."""
    resolver.reverse_dict  # noqa: B018
    for name, (_prefix, child) in resolver.namespace_dict.items():
        path = f"{namespace}{name}:"
        view = next((key for key in child.reverse_dict if isinstance(key, str)), None)
        if view is not None:
            # One that takes arguments fails to match, once the tables are built.
            with suppress(NoReverseMatch):
                reverse(path + view)
        _reverse_tables(child, path)


# After every request the youngest generation is collected; every OLDER_EVERY collections
# the older ones as well, and every OLDEST_EVERY a full pass over what is not frozen.
OLDER_EVERY = 100
OLDEST_EVERY = 1_000
_in_flight = 0  # requests started and not yet finished, in all threads
_waiting = 0  # requests finished since the last collection
_collections = 0
_lock = threading.Lock()


def collect_between_requests() -> None:
    """The collector waits while requests are in flight and runs when none is: a response is
    never held up by a collection, since Django signals a request's end once its response
    has gone out (the server closes it).

    A request's objects that are still alive at a collection are moved to an older
    generation; those that form cycles become garbage there once the request ends, and only
    a full pass frees them. At 100k materials a full pass came every ~30 API requests and
    took 20–66 ms, inside whichever request it fell in: the API's p95. With no collection
    during requests, a request's garbage is all young when it ends, and the young pass
    after it frees it (docs/benchmarks.md, issue 14)."""
    request_started.connect(_request_started, dispatch_uid="bridge.core.runtime.gc")
    request_finished.connect(_request_finished, dispatch_uid="bridge.core.runtime.gc")


def stop_collecting_between_requests() -> None:
    """Python's own collector again, as in a process that never settled (the tests)."""
    request_started.disconnect(dispatch_uid="bridge.core.runtime.gc")
    request_finished.disconnect(dispatch_uid="bridge.core.runtime.gc")
    gc.enable()


def _request_started(**kwargs) -> None:
    global _in_flight
    with _lock:
        _in_flight += 1
        gc.disable()


def _request_finished(**kwargs) -> None:
    global _in_flight, _waiting, _collections
    with _lock:
        _in_flight = max(0, _in_flight - 1)  # 0: connected while a request was in flight
        _waiting += 1
        # Threads (an ASGI or threaded server) may keep requests in flight all the time: the
        # OLDER_EVERY-th request to end collects even so, so garbage never grows unbounded.
        if _in_flight and _waiting < OLDER_EVERY:
            return
        _waiting = 0
        _collections += 1
        generation = 0
        if _collections % OLDEST_EVERY == 0:
            generation = 2
        elif _collections % OLDER_EVERY == 0:
            generation = 1
        gc.collect(generation)
        if not _in_flight:
            gc.enable()

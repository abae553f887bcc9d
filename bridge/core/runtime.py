"""What a web process does once it has started (config/wsgi.py, config/asgi.py)."""

import gc
import logging
from contextlib import suppress

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def settle() -> None:
    """Import every view, warm what the apps keep for the process's life, collect once, and
    freeze what exists (gc.freeze).

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
    gc.collect()
    gc.freeze()


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

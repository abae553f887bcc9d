"""What a web process does once it has started (config/wsgi.py, config/asgi.py)."""

import gc

from django.urls import get_resolver


def settle() -> None:
    """Import every view, collect once, and freeze what exists (gc.freeze).

    Python's full collections walk every container the process holds: the modules, URLconf,
    templates and translations a Django process loads, ~300,000 objects. On this 2-core
    machine each full pass took 100–212 ms. They came every few dozen searches at 1M
    materials, because large searches allocate more, and they were the API's p95. Frozen
    objects are left out of those passes, which then take 7–10 ms (issue 14,
    docs/benchmarks.md). Objects that are frozen are still freed when no reference is left;
    only cycles among them would stay, and the collection before the freeze clears those.
    """
    get_resolver().url_patterns  # noqa: B018 — the URLconf imports the views and the API
    gc.collect()
    gc.freeze()

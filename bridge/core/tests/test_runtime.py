"""A web process builds what its first requests would, then freezes what it loaded
(runtime.settle), so that Python's full collections walk only what requests create."""

import gc
import importlib
import logging
import sys
import weakref
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.signals import request_started
from django.urls import URLResolver, reverse
from django.utils import translation

from bridge.core import runtime


@pytest.fixture
def unfrozen():
    yield
    # the test process goes on with a collector as before
    runtime.stop_collecting_between_requests()
    gc.unfreeze()


@pytest.fixture
def between_requests(monkeypatch):
    """The collector as a settled web process has it; its collections are recorded."""
    collections = []
    collect = gc.collect
    monkeypatch.setattr(runtime.gc, "collect", lambda g=2: collections.append(g) or collect(g))
    monkeypatch.setattr(runtime, "_in_flight", 0)
    monkeypatch.setattr(runtime, "_waiting", 0)
    monkeypatch.setattr(runtime, "_collections", 0)
    runtime.collect_between_requests()
    yield collections
    runtime.stop_collecting_between_requests()


def started():
    """What Django's request_started signal calls in the runtime (Django's own receivers,
    which close database connections, are left out)."""
    runtime._request_started()


def finished():
    runtime._request_finished()


class Cycle:
    """An object that only the collector frees: it refers to itself."""

    def __init__(self):
        self.me = self


def test_settling_leaves_what_was_loaded_out_of_full_collections(unfrozen, db, client):
    runtime.settle()
    seen = []
    request_started.connect(
        lambda **kwargs: seen.append(gc.isenabled()), weak=False, dispatch_uid="t"
    )
    try:
        client.get("/healthz")
    finally:
        request_started.disconnect(dispatch_uid="t")
    assert seen == [False] and gc.isenabled()  # and it collects between requests
    assert gc.get_freeze_count() > 10_000  # Django, the views and the API
    frozen = gc.get_freeze_count()
    made = [[n] for n in range(1_000)]
    assert gc.get_freeze_count() == frozen and len(made) == 1_000  # later objects are not


@pytest.mark.parametrize("module", ["config.wsgi", "config.asgi"])
def test_the_web_entry_points_settle_after_setting_up(module, monkeypatch):
    calls = []
    monkeypatch.setattr(runtime, "settle", lambda: calls.append(module))
    if module in sys.modules:
        importlib.reload(sys.modules[module])
    else:
        importlib.import_module(module)
    assert calls == [module]


def test_after_settling_reverse_builds_no_table_in_any_language(unfrozen, monkeypatch, db):
    runtime.settle()
    built = []
    populate = URLResolver._populate
    monkeypatch.setattr(
        URLResolver, "_populate", lambda resolver: built.append(resolver) or populate(resolver)
    )
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            assert reverse("materials_catalog:supplier", args=["atlas"]).endswith("/atlas/")
            reverse("api-v1:openapi-json")
            reverse("site:home")
    assert built == []


def test_settling_warms_each_app_that_asks_and_serves_when_one_cannot(
    unfrozen, monkeypatch, caplog
):
    warmed = []

    def broken():
        raise RuntimeError("database down")

    configs = [
        SimpleNamespace(label="first", warm=lambda: warmed.append("first")),
        SimpleNamespace(label="broken", warm=broken),
        SimpleNamespace(label="plain"),  # no warm(): nothing to do
        SimpleNamespace(label="last", warm=lambda: warmed.append("last")),
    ]
    monkeypatch.setattr(runtime.apps, "get_app_configs", lambda: configs)
    with caplog.at_level(logging.ERROR, logger="bridge.core.runtime"):
        runtime.settle()
    assert warmed == ["first", "last"]
    assert "broken could not warm up" in caplog.text and "database down" in caplog.text
    assert gc.get_freeze_count() > 10_000


def test_the_collector_waits_for_the_request_and_frees_its_cycles_once_it_ends(
    between_requests, client, db
):
    seen = []

    def during(**kwargs):
        seen.append(gc.isenabled())

    request_started.connect(during)  # after the runtime's own receiver
    try:
        assert client.get("/healthz").status_code == 200
    finally:
        request_started.disconnect(during)
    assert seen == [False] and gc.isenabled()
    assert between_requests == [0]  # one young pass, after the response

    started()
    made = weakref.ref(Cycle())
    assert made() is not None  # garbage, held by its cycle while the collector waits
    finished()
    assert made() is None


def test_with_requests_always_in_flight_every_hundredth_to_end_collects(between_requests):
    started()  # one that never ends
    for _ in range(2 * runtime.OLDER_EVERY):
        started()
        finished()
    assert between_requests == [0, 0] and not gc.isenabled()
    finished()  # the last one in flight ends
    assert between_requests == [0, 0, 0] and gc.isenabled()


def test_older_generations_are_collected_every_hundredth_and_thousandth_time(between_requests):
    for _ in range(runtime.OLDEST_EVERY):
        started()
        finished()
    assert len(between_requests) == runtime.OLDEST_EVERY
    assert between_requests.count(1) == runtime.OLDEST_EVERY // runtime.OLDER_EVERY - 1
    assert between_requests[-1] == 2 and between_requests[99] == 1


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)
    gc.unfreeze()


def test_a_settled_worker_has_warmed_frozen_and_collects_young_objects_less_often(
    thresholds, monkeypatch
):
    warmed = []
    configs = [SimpleNamespace(label="search", warm=lambda: warmed.append("search"))]
    monkeypatch.setattr(runtime.apps, "get_app_configs", lambda: configs)
    runtime.settle_worker()
    assert warmed == ["search"]
    assert gc.get_freeze_count() > 10_000
    assert gc.get_threshold() == runtime.BULK_THRESHOLD
    assert gc.isenabled()  # a task may run for minutes: the collector keeps running in it


def test_bulk_work_collects_less_often_and_the_thresholds_come_back(thresholds):
    gc.set_threshold(700, 10, 10)
    with runtime.fewer_collections():
        assert gc.get_threshold() == runtime.BULK_THRESHOLD
        with runtime.fewer_collections():  # nested: as rare, not rarer
            assert gc.get_threshold() == runtime.BULK_THRESHOLD
        assert gc.get_threshold() == runtime.BULK_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)
    with pytest.raises(RuntimeError), runtime.fewer_collections():
        raise RuntimeError
    assert gc.get_threshold() == (700, 10, 10)


def test_overlapping_bulk_blocks_in_two_threads_put_the_thresholds_back_once_both_end(
    thresholds,
):
    gc.set_threshold(700, 10, 10)
    first, second = runtime.fewer_collections(), runtime.fewer_collections()
    first.__enter__()
    second.__enter__()  # as another thread would, while the first runs
    first.__exit__(None, None, None)
    assert gc.get_threshold() == runtime.BULK_THRESHOLD  # the second is still at work
    second.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)

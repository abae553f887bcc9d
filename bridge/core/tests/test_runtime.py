"""A web process builds what its first requests would, then freezes what it loaded
(runtime.settle), so that Python's full collections walk only what requests create."""

import gc
import importlib
import logging
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import URLResolver, reverse
from django.utils import translation

from bridge.core import runtime


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()  # the test process goes on with a collector as before


def test_settling_leaves_what_was_loaded_out_of_full_collections(unfrozen, db):
    runtime.settle()
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

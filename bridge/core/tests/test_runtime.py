"""A web process freezes what it loaded at start (runtime.settle), so that Python's full
collections walk only what requests create."""

import gc
import importlib
import sys

import pytest

from bridge.core import runtime


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()  # the test process goes on with a collector as before


def test_settling_leaves_what_was_loaded_out_of_full_collections(unfrozen):
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

"""Fixtures of the engine's own tests that the organisations' index tests reuse."""

import pytest
from django.utils import timezone

from bridge.accounts.tests.exact_support import NOW
from bridge.search.tests.engine_support import test_thesaurus  # noqa: F401 (a fixture)


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() reads `clock["now"]`, so each stamp can be compared to the second."""
    state = {"now": NOW}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])
    return state

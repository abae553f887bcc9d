import pytest
from django.utils import timezone

from bridge.programs.tests.exact_support import NOW


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() reads `clock["now"]`, so each stamp can be compared to the second."""
    state = {"now": NOW}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])
    return state

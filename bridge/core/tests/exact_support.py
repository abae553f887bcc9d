"""Shared by every app's exact service tests (issue 18): the moment the `clock` fixture
(bridge/conftest.py) starts at, and a recorder of what a module asks `notify` to send."""

from datetime import UTC, datetime

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


def recorded_notifications(monkeypatch, module) -> list[tuple]:
    """Each `notify` the module makes, as (to, template, context, language), in order."""
    sent = []

    def record(*, to, template, context, language=""):
        sent.append((to, template, context, language))

    monkeypatch.setattr(module, "notify", record)
    return sent


def trail(target) -> list[tuple]:
    """The target's audit rows, oldest first, as (action, actor, data)."""
    from bridge.core.audit import audit_trail

    return [(e.action, e.actor, e.data) for e in audit_trail(target).order_by("pk")]

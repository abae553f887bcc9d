"""Shared by the programme services' exact tests (issue 18): the fixed instant their clock
starts at (the `clock` fixture, conftest.py)."""

from datetime import UTC, datetime

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)

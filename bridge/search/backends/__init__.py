"""The full-text backend for the database in use (SQLite FTS5 or PostgreSQL tsvector)."""

from django.db import connection

from .base import Backend
from .postgres import PostgresBackend
from .sqlite import SqliteBackend

_BACKENDS: dict[str, Backend] = {"sqlite": SqliteBackend(), "postgresql": PostgresBackend()}


def backend() -> Backend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise RuntimeError(f"search has no backend for {connection.vendor}") from None


__all__ = ["Backend", "backend"]

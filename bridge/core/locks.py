"""Work that must not run twice at once across processes (two task workers, a worker and a
command). PostgreSQL serialises it with a transaction-scoped advisory lock; SQLite already lets
one writer in at a time, so there is nothing to take."""

from __future__ import annotations

from django.db import connection

# One number per kind of work; pg_advisory_xact_lock keys are bigint.
INSIGHTS_ROLLUP = 7_413_001
PARTNERING_MATCHES = 7_413_002


def hold_for_transaction(key: int) -> None:
    """Wait until no other transaction holds `key`, then hold it until this one ends.
    Must be called inside transaction.atomic, or the lock is released at once."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])

"""Raw writes of matching's tables: one executemany per chunk. The ORM's bulk_create builds a
model instance per row, which at ten thousand listings (a million match rows) costs more than
the matching itself. Table and column names come from the models, never from input; values
are always parameters."""

from __future__ import annotations

import json

from django.db import connection

CHUNK = 500
INSERT_CHUNK = 5_000


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def insert_rows(table: str, columns: tuple[str, ...], rows: list[tuple], json_columns=()) -> None:
    if not rows:
        return
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    values = ", ".join(f"%s{cast}" if c in json_columns else "%s" for c in columns)
    names = ", ".join(map(_quoted, columns))
    sql = f"INSERT INTO {_quoted(table)} ({names}) VALUES ({values})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_CHUNK):
            cursor.executemany(sql, rows[start : start + INSERT_CHUNK])


def delete_rows(table: str, column: str, ids: list[int]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            sql = f"DELETE FROM {_quoted(table)} WHERE {_quoted(column)} IN ({marks})"  # noqa: S608
            cursor.execute(sql, chunk)


def update_norms(rows: list[tuple[float, int]]) -> None:
    from bridge.partnering.models import MatchVector

    sql = f"UPDATE {_quoted(MatchVector._meta.db_table)} SET norm = %s WHERE listing_id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


ANALYZE_BATCH = 1_000


def refresh_statistics(batch_size: int) -> None:
    """After a large batch (an import, a rematch) PostgreSQL's planner would still believe the
    tables small and read a listing's matches from the wrong end (measured: 250 ms instead of
    5 ms at 100,000 listings) until autovacuum gets round to them; ANALYZE them now."""
    if connection.vendor != "postgresql" or batch_size < ANALYZE_BATCH:
        return
    from bridge.partnering.models import Listing, Match, MatchPosting, MatchVector

    tables = ", ".join(
        _quoted(m._meta.db_table) for m in (Match, MatchPosting, MatchVector, Listing)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")

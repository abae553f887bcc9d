"""Fast bulk writes for the import: plain values straight to the database, one statement per
chunk (PostgreSQL takes one array parameter per column), ids read back for new materials."""

import json

from django.db import connection, connections

from bridge.materials.models import Material

# Rows per INSERT statement (the import's chunk).
CHUNK = 500

_PLAIN = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "ForeignKey",
    "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField",
    "SmallIntegerField", "TextField",
}  # fmt: skip


_NATIVE = {"DecimalField", "DateTimeField", "DateField"}


def _is_plain(field) -> bool:
    return type(field).__name__ in _PLAIN and type(field).__module__.startswith("django.")


def _converter(field):
    """How a value of this field goes to the database: as it is for plain text, numbers and
    keys; else the field's own get_db_prep_save (decimals, dates, JSON, countries…)."""
    if _is_plain(field):
        return None
    real = connections[connection.alias]  # not the thread-local proxy: it costs on each value
    if field.get_internal_type() == "DateTimeField":
        seen: dict = {}  # an import stamps every row with the same moment: convert it once

        def stamp(value):
            if value not in seen:
                seen[value] = field.get_db_prep_save(value, real)
            return seen[value]

        return stamp
    return lambda value: field.get_db_prep_save(value, real)


# --- PostgreSQL: one statement per chunk, one array parameter per column -------------------
# A statement with a placeholder per value is parsed placeholder by placeholder on the client by
# psycopg, and Django's client-side binding then quotes every value as text: together ~60% of
# a 100,000-row import. Instead each column travels as one array, bound on the server in binary
# (`unnest(%b::type[], …)`, as Django's own bulk_create does with UNNEST), and JSON travels as
# text cast to jsonb in SQL (psycopg's Jsonb dumper is five times slower).


def unnest(fields) -> str:
    """`unnest(%b::varchar[], …) AS v(col, …)`: the arrays' types without length limits."""
    quote = connection.ops.quote_name
    arrays = ", ".join(f"%b::{_array_type(f)}" for f in fields)
    return f"unnest({arrays}) AS v({', '.join(quote(f.column) for f in fields)})"


def _array_type(field) -> str:
    if field.get_internal_type() == "JSONField":
        return "text[]"
    return field.db_type(connection).split("(")[0] + "[]"


def value_of(field) -> str:
    column = f"v.{connection.ops.quote_name(field.column)}"
    return f"{column}::jsonb" if field.get_internal_type() == "JSONField" else column


def pg_params(fields, columns: list[list]) -> list[list]:
    params = []
    for model_field, values in zip(fields, columns, strict=True):
        if model_field.get_internal_type() == "JSONField":
            encoder = model_field.encoder
            params.append([None if v is None else json.dumps(v, cls=encoder) for v in values])
        elif _is_plain(model_field) or type(model_field).__name__ in _NATIVE:
            params.append(values)  # psycopg dumps decimals and aware datetimes as they are
        else:
            params.append(_column(model_field, values))
    return params


def pg_execute(sql: str, params: list) -> list[tuple]:
    """Run on the connection of this transaction with server-side, binary parameters (Django's
    cursors bind on the client, in text), still through Django's cursor wrapper so that the
    statement is logged and counted like any other."""
    import psycopg  # only on PostgreSQL

    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with wrap(raw) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if raw.description else []


def _column(field, values: list) -> list:
    convert = _converter(field)
    return values if convert is None else [convert(value) for value in values]


def insert_many(model, names: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain rows (no ids wanted back): the related rows of the import."""
    if not rows:
        return
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    table = quote(model._meta.db_table)
    if connection.vendor == "postgresql":
        values = ", ".join(value_of(f) for f in fields)
        sql = f"INSERT INTO {table} ({columns}) SELECT {values} FROM {unnest(fields)}"  # noqa: S608
        pg_execute(sql, pg_params(fields, [list(c) for c in zip(*rows, strict=True)]))
        return
    # Elsewhere many rows per INSERT statement (one statement per 500 rows beats executemany).
    convert = [_converter(f) for f in fields]
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            batch = rows[start : start + CHUNK]
            params = [
                value if c is None else c(value)
                for row in batch
                for c, value in zip(convert, row, strict=True)
            ]
            values = ", ".join([one] * len(batch))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)  # noqa: S608


_INSERT_BATCH = 250


def insert_materials(materials: list[Material]) -> list[Material]:
    """INSERT … RETURNING id, converting each value once by its field's kind: the ORM's generic
    path costs more than the database on 100,000 rows. PostgreSQL: one statement per chunk
    (`INSERT … SELECT … FROM unnest(…) RETURNING id`; like Django's bulk_create it relies on the
    ids coming back in the order of the arrays). Elsewhere: multi-row VALUES, 250 rows each."""
    if not materials:
        return materials
    fields = [f for f in Material._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    table = quote(Material._meta.db_table)
    if connection.vendor == "postgresql":
        values = ", ".join(value_of(f) for f in fields)
        sql = (
            f"INSERT INTO {table} ({columns}) SELECT {values} FROM {unnest(fields)} "  # noqa: S608
            f"RETURNING {quote('id')}"
        )
        columns_values = [[getattr(m, f.attname) for m in materials] for f in fields]
        batches = [(materials, pg_execute(sql, pg_params(fields, columns_values)))]
    else:
        convert = [_converter(f) for f in fields]
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        batches = []
        with connection.cursor() as cursor:
            for start in range(0, len(materials), _INSERT_BATCH):
                batch = materials[start : start + _INSERT_BATCH]
                params = []
                for material in batch:
                    for field, c in zip(fields, convert, strict=True):
                        value = getattr(material, field.attname)
                        params.append(value if c is None else c(value))
                values = ", ".join([one] * len(batch))
                sql = f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING {quote('id')}"  # noqa: S608
                cursor.execute(sql, params)
                batches.append((batch, cursor.fetchall()))
    for batch, ids in batches:
        for material, (pk,) in zip(batch, ids, strict=True):
            material.pk = pk
            material._state.adding = False
            material._state.db = connection.alias
    return materials

"""The import itself: check every row, then write all of them or none.

One pass over the file: rows are checked and buffered in chunks; while no error has been seen
(and it is not a dry run) each chunk is written, updating in place by (supplier, sku). At the end
an error (or a dry run) rolls the whole transaction back, so the database never holds half a
file. The report (MaterialImport) and its audit entry are written after the rollback.
"""

import json
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import connection, connections, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks.backends.immediate import ImmediateBackend

from bridge.accounts.models import Organisation, Verification
from bridge.core.audit import audit_log
from bridge.core.translit import latinise
from bridge.materials.importer.columns import map_header
from bridge.materials.importer.readers import FileRefused, read_table
from bridge.materials.importer.rows import ParsedRow, RowChecker, fold
from bridge.materials.importer.tasks import materials_reindex
from bridge.materials.models import (
    Category,
    Certification,
    Material,
    MaterialCertification,
    MaterialFibre,
    MaterialImport,
)
from bridge.materials.rules import materials as rules
from bridge.materials.vocabulary import Status
from bridge.search.services import search_index_remove, search_index_update

CHUNK = 500
MAX_ERRORS = 10_000
_COMPARED = (
    "name", "description", "language", "name_ru", "name_uz", "name_en", "description_ru",
    "description_uz", "description_en", "category_id", "techniques", "colours", "width_cm",
    "weight_gsm", "thickness_mm", "origin_region", "sustainability_notes", "price", "currency",
    "unit", "moq", "lead_time_days", "sample_available", "sample_price",
)  # fmt: skip


_NOT_COMPARED = ("rejection_reason", "published_at", "created_at", "updated_at")


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    new_suppliers: list[str] = field(default_factory=list)
    report: MaterialImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class _Aborted(Exception):
    """Leaves the atomic block so that everything written is rolled back."""


class _Run:
    def __init__(self, *, actor, supplier, dry_run: bool, publish: bool) -> None:
        self.actor = actor
        self.supplier = supplier
        self.dry_run = dry_run
        self.publish = publish
        self.result = ImportResult()
        self.seen: dict[tuple[str, str], int] = {}  # (supplier key, sku) → first row
        self.suppliers: dict[str, Organisation | None] = {}  # folded name/slug → organisation
        self.planned: dict[str, str] = {}  # folded name → country, for unknown suppliers
        self.buffer: list[ParsedRow] = []
        self.now = timezone.now()
        self.final = False  # the last flush of the file
        self.flushes = 0
        self.deferred: list[int] = []  # published ids to index after the commit
        self.blank: dict | None = None  # a new material's values before the row's
        self.stored: dict[int, dict[str, int]] = {}  # supplier id → {sku: id} before the import
        # Without a background worker (the inline task backend of development and tests) a
        # deferred task would run in this same call anyway: index everything inline then.
        self.defer_index = not isinstance(materials_reindex.get_backend(), ImmediateBackend)

    # --- errors -------------------------------------------------------------------------------
    def error(self, row: int, column: str, message: str) -> None:
        if len(self.result.errors) < MAX_ERRORS:
            self.result.errors.append(RowError(row, column, str(message)))

    # --- suppliers ----------------------------------------------------------------------------
    def supplier_for(self, parsed: ParsedRow) -> tuple[str, bool]:
        """The key rows of one supplier share; False when the row must be refused."""
        key = fold(parsed.supplier)
        if self.supplier is not None:
            if key not in (fold(self.supplier.slug), fold(self.supplier.name)):
                self.error(
                    parsed.row,
                    "supplier",
                    _("This file may only hold materials of %(supplier)s.")
                    % {"supplier": self.supplier.name},
                )
                return key, False
            self.suppliers[key] = self.supplier
            return key, True
        if key not in self.suppliers:
            found = (
                Organisation.objects.filter(slug=parsed.supplier.strip().lower()).first()
                or Organisation.objects.filter(name__iexact=parsed.supplier.strip()).first()
            )
            self.suppliers[key] = found
            if found is None:
                self.planned[key] = parsed.country
                self.result.new_suppliers.append(parsed.supplier.strip())
        return key, True

    def create_supplier(self, key: str, name: str) -> Organisation:
        base = slugify(latinise(name))[:60].strip("-") or "supplier"
        slug = base
        while Organisation.objects.filter(slug=slug).exists():
            slug = f"{base}-{get_random_string(4, 'abcdefghijkmnpqrstuvwxyz23456789')}"
        organisation = Organisation.objects.create(
            name=name[:200],
            slug=slug,
            country=self.planned[key],
            verification=Verification.UNVERIFIED,
        )
        audit_log(actor=self.actor, action="organisation.create_by_import", target=organisation)
        self.suppliers[key] = organisation
        return organisation

    # --- writing ------------------------------------------------------------------------------
    def flush(self) -> None:
        rows, self.buffer = self.buffer, []
        if not rows:
            return
        self.flushes += 1
        write = not self.dry_run and not self.result.errors
        by_supplier: dict[str, list[ParsedRow]] = {}
        for parsed in rows:
            by_supplier.setdefault(fold(parsed.supplier), []).append(parsed)
        organisations: dict[str, Organisation] = {}
        for key, group in by_supplier.items():
            organisation = self.suppliers.get(key)
            if organisation is None:
                if not write:
                    self.result.created += len(group)
                    continue
                organisation = self.create_supplier(key, group[0].supplier.strip())
            organisations[key] = organisation
        existing = self.existing(organisations, by_supplier)
        new: list[tuple[Material, ParsedRow]] = []
        changed: list[tuple[Material, ParsedRow]] = []
        created = 0
        for key, organisation in organisations.items():
            for parsed in by_supplier[key]:
                material = existing.get((organisation.pk, parsed.sku))
                if material is None:
                    created += 1
                    if write:
                        new.append((self.new_material(organisation, parsed), parsed))
                elif self.apply(material, parsed):
                    changed.append((material, parsed))
                else:
                    self.result.unchanged += 1
        self.result.created += created
        self.result.updated += len(changed)
        if write:
            self.write(new, changed)

    def new_material(self, organisation: Organisation, parsed: ParsedRow) -> Material:
        """An unsaved Material built as QuerySet does from database rows: filling its __dict__
        (Model.__init__ with keyword arguments, field by field, cost 10% of an import)."""
        if self.blank is None:
            fields = Material._meta.concrete_fields
            self.blank = {f.attname: f.get_default() for f in fields if not f.primary_key}
            self.blank.update(
                id=None,
                status=Status.PUBLISHED if self.publish else Status.PENDING,
                published_at=self.now if self.publish else None,
                created_at=self.now,
                updated_at=self.now,
            )
        material = Material.__new__(Material)
        material.__dict__.update(self.blank)
        material.__dict__.update(parsed.values, supplier_id=organisation.pk, sku=parsed.sku)
        material._state = ModelState()
        material._state.fields_cache["supplier"] = organisation
        return material

    def existing(self, organisations: dict[str, Organisation], by_supplier) -> dict:
        """(supplier id, sku) → Material of this chunk that is already stored, with its
        composition (`_fibres`) and certification codes (`_certificates`): at most three
        queries per chunk whatever the number of suppliers, none when every row is new, and no
        model instances for the related rows."""
        ids = []
        for key, organisation in organisations.items():
            stored = self.stored_skus(organisation)
            ids += [stored[p.sku] for p in by_supplier[key] if p.sku in stored]
        if not ids:
            return {}
        # Only what apply() compares (reading back the timestamps cost more than the rest), as
        # plain rows made into materials without Model.__init__ (a third of a re-import).
        names = [f.attname for f in Material._meta.concrete_fields if f.name not in _NOT_COMPARED]
        found = {}
        for row in Material.objects.filter(pk__in=ids).values(*names):
            material = Material.__new__(Material)
            material.__dict__.update(row)
            material._state = ModelState()
            material._state.adding, material._state.db = False, connection.alias
            found[material.supplier_id, material.sku] = material
        by_id = {m.pk: m for m in found.values()}
        for material in by_id.values():
            material._fibres, material._certificates = [], []
        fibres = (
            MaterialFibre.objects.filter(material_id__in=list(by_id))
            .order_by("material_id", "position", "id")
            .values_list("material_id", "fibre", "percent")
        )
        for material_id, fibre, percent in fibres:
            by_id[material_id]._fibres.append((fibre, percent))
        codes = {pk: code for code, pk in self.certification_ids.items()}
        links = MaterialCertification.objects.filter(material_id__in=list(by_id)).values_list(
            "material_id", "certification_id"
        )
        for material_id, certification_id in links:
            by_id[material_id]._certificates.append(codes.get(certification_id, ""))
        return found

    def stored_skus(self, organisation: Organisation) -> dict[str, int]:
        """sku → id of the supplier's materials stored before this import, read once per
        supplier. Looking rows up by (supplier, sku) chunk by chunk instead cost a query whose
        plan, made for the table as it was before the import, scanned the rows this
        transaction had just written: 40% of a first import on PostgreSQL. A sku is in a file
        at most once, so the rows written by this import never need looking up."""
        if organisation.pk not in self.stored:
            self.stored[organisation.pk] = dict(
                Material.objects.filter(supplier_id=organisation.pk).values_list("sku", "id")
            )
        return self.stored[organisation.pk]

    def apply(self, material: Material, parsed: ParsedRow) -> bool:
        """Copy the row onto the material; True when anything differs."""
        values = parsed.values
        differs = [name for name in _COMPARED if getattr(material, name) != values[name]]
        if str(material.origin_country) != values["origin_country"]:
            differs.append("origin_country")
        fibres_new = [(code, Decimal(percent)) for code, percent in parsed.fibres]
        material._import_fibres = material._fibres != fibres_new
        material._import_certificates = sorted(material._certificates) != sorted(
            parsed.certifications
        )
        status = material.status
        if self.publish:
            status = Status.PUBLISHED
        elif differs or material._import_fibres or material._import_certificates:
            status = Status.PENDING  # a supplier's change waits for moderation again
        unchanged = not (differs or material._import_fibres or material._import_certificates)
        if unchanged and status == material.status:
            return False
        for name in differs:
            setattr(material, name, values[name])
        material._import_fields = {*differs, "updated_at"}
        if status != material.status:
            material.status = status
            material._import_fields.add("status")
            if status == Status.PUBLISHED:
                material.published_at = self.now
                material._import_fields.add("published_at")
        material.updated_at = self.now
        return True

    def update(self, changed: list[Material]) -> None:
        """Set only the columns that differ somewhere in the chunk. PostgreSQL: one
        `UPDATE … FROM unnest(arrays)` per chunk; elsewhere one UPDATE per row sent with
        executemany. (QuerySet.bulk_update builds a CASE expression per column whose cost grows
        with the square of the chunk: 80% of an update-heavy import.)"""
        names = sorted(set().union(*(m._import_fields for m in changed)))
        fields = [Material._meta.get_field(name) for name in names]
        quote = connection.ops.quote_name
        table = quote(Material._meta.db_table)
        if connection.vendor == "postgresql":
            pk = Material._meta.pk
            every = [pk, *fields]
            sets = ", ".join(f"{quote(f.column)} = {_value_of(f)}" for f in fields)
            sql = (
                f"UPDATE {table} SET {sets} FROM {_unnest(every)} "  # noqa: S608 (names from the model)
                f"WHERE {table}.{quote(pk.column)} = v.{quote(pk.column)}"
            )
            _pg_execute(
                sql, _pg_params(every, [[getattr(m, f.attname) for m in changed] for f in every])
            )
            return
        columns = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        sql = f"UPDATE {table} SET {columns} WHERE id = %s"  # noqa: S608 (names from the model)
        params = [
            [f.get_db_prep_save(getattr(m, f.attname), connection) for f in fields] + [m.pk]
            for m in changed
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)

    def write(self, new, changed) -> None:
        created = _insert_materials([m for m, _p in new])
        if changed:
            self.update([m for m, _p in changed])
        refibred = [(m, p) for m, p in changed if m._import_fibres]
        if refibred:
            MaterialFibre.objects.filter(material_id__in=[m.pk for m, _p in refibred]).delete()
        fibres_for = [*new, *refibred]
        _insert_many(
            MaterialFibre,
            ("material_id", "fibre", "percent", "position"),
            [
                (m.pk, code, Decimal(percent), i)
                for m, p in fibres_for
                for i, (code, percent) in enumerate(p.fibres)
            ],
        )
        ids = self.certification_ids
        links = [(m.pk, ids[code]) for m, p in new for code in p.certifications]
        recertified = {m.pk: p for m, p in changed if m._import_certificates}
        if recertified:
            # Keep the links (and their certificate numbers) that stay; drop and add the rest.
            have: dict[int, set[int]] = {}
            stale = []
            for link in MaterialCertification.objects.filter(material_id__in=list(recertified)):
                wanted = {ids[code] for code in recertified[link.material_id].certifications}
                if link.certification_id in wanted:
                    have.setdefault(link.material_id, set()).add(link.certification_id)
                else:
                    stale.append(link.pk)
            MaterialCertification.objects.filter(pk__in=stale).delete()
            links += [
                (pk, ids[code])
                for pk, parsed in recertified.items()
                for code in parsed.certifications
                if ids[code] not in have.get(pk, set())
            ]
        _insert_many(
            MaterialCertification,
            ("material_id", "certification_id", "number", "expires_on"),
            [(material_id, certification_id, "", None) for material_id, certification_id in links],
        )
        self.reindex(created, [m for m, _p in changed])

    def reindex(self, created: list[Material], changed: list[Material]) -> None:
        """Keep the search index in step (docs/decisions/0004-materials-import.md).

        Rows that are not (or no longer) published leave the index now, in this transaction:
        nothing unmoderated is ever searchable. Published rows are indexed in this transaction
        while the import is small (the first INLINE_INDEX_ROWS rows); beyond that their ids are
        collected and indexed by a background task after the commit, because analysing the
        text for the index costs more than writing the rows."""
        gone = [m.pk for m in changed if m.status != Status.PUBLISHED]
        if gone:
            search_index_remove(key="materials", ids=gone)
        published = [m for m in [*created, *changed] if m.status == Status.PUBLISHED]
        # A file that fits in one chunk is indexed at once (it is the common case in the
        # browser, and cheap); a larger one after the commit, when a worker is there to do it.
        small = self.final and self.flushes == 1
        inline, later = (published, []) if small or not self.defer_index else ([], published)
        if inline:
            search_index_update(key="materials", objects=inline)
        self.deferred.extend(m.pk for m in later)


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


def _unnest(fields) -> str:
    """`unnest(%b::varchar[], …) AS v(col, …)`: the arrays' types without length limits."""
    quote = connection.ops.quote_name
    arrays = ", ".join(f"%b::{_array_type(f)}" for f in fields)
    return f"unnest({arrays}) AS v({', '.join(quote(f.column) for f in fields)})"


def _array_type(field) -> str:
    if field.get_internal_type() == "JSONField":
        return "text[]"
    return field.db_type(connection).split("(")[0] + "[]"


def _value_of(field) -> str:
    column = f"v.{connection.ops.quote_name(field.column)}"
    return f"{column}::jsonb" if field.get_internal_type() == "JSONField" else column


def _pg_params(fields, columns: list[list]) -> list[list]:
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


def _pg_execute(sql: str, params: list) -> list[tuple]:
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


def _insert_many(model, names: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain rows (no ids wanted back): the related rows of the import."""
    if not rows:
        return
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    table = quote(model._meta.db_table)
    if connection.vendor == "postgresql":
        values = ", ".join(_value_of(f) for f in fields)
        sql = f"INSERT INTO {table} ({columns}) SELECT {values} FROM {_unnest(fields)}"  # noqa: S608
        _pg_execute(sql, _pg_params(fields, [list(c) for c in zip(*rows, strict=True)]))
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


def _insert_materials(materials: list[Material]) -> list[Material]:
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
        values = ", ".join(_value_of(f) for f in fields)
        sql = (
            f"INSERT INTO {table} ({columns}) SELECT {values} FROM {_unnest(fields)} "  # noqa: S608
            f"RETURNING {quote('id')}"
        )
        columns_values = [[getattr(m, f.attname) for m in materials] for f in fields]
        batches = [(materials, _pg_execute(sql, _pg_params(fields, columns_values)))]
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


def _check_permission(*, actor, supplier, publish: bool) -> None:
    if actor is None:
        return  # the platform itself: the command, the demo
    if publish and not rules.can_moderate_materials(actor):
        raise PermissionDenied(_("Only moderators can publish imported rows directly."))
    if supplier is None and not rules.can_import_for_any_supplier(actor):
        raise PermissionDenied(_("Only staff can import the materials of several suppliers."))
    if supplier is not None and not rules.can_manage_materials(actor, supplier):
        raise PermissionDenied(_("You cannot change the listings of this supplier."))


def import_materials(
    *,
    file,
    filename: str,
    actor=None,
    supplier: Organisation | None = None,
    dry_run: bool = False,
    publish: bool = False,
    report: bool = True,
) -> ImportResult:
    """Import a CSV or XLSX file by the contract in docs/DESIGN.md.

    `file` is a binary file object. `supplier` limits the rows to one supplier (a supplier's own
    import); without it (staff) rows may name any supplier, and unknown ones are created
    unverified. Returns the result with every error; nothing is written unless it is empty.
    """
    _check_permission(actor=actor, supplier=supplier, publish=publish)
    run = _Run(actor=actor, supplier=supplier, dry_run=dry_run, publish=publish)
    try:
        # _Aborted rolls the whole file back on purpose (a dry run, or any error).
        with suppress(_Aborted), transaction.atomic():
            _process(run, read_table(file, filename))
            if run.result.errors or dry_run:
                raise _Aborted
            if run.deferred:
                ids = run.deferred
                transaction.on_commit(lambda: materials_reindex.enqueue(ids=ids))
    except FileRefused as refused:
        run.error(refused.row, "", refused.message)
    result = run.result
    if result.errors:
        result.created = result.updated = result.unchanged = 0
    if report:
        _report(run, filename=filename)
    return result


def _process(run: _Run, table: Iterator[list[str]]) -> None:
    header = next(table, None)
    if header is None:
        raise FileRefused(_("The file is empty."))
    positions, missing, duplicates = map_header(header)
    for column in missing:
        run.error(1, column, _("This required column is missing."))
    for column in duplicates:
        run.error(1, column, _("This column appears twice."))
    if missing or duplicates:
        return
    checker = RowChecker(
        categories=dict(Category.objects.values_list("code", "id")),
        certifications=_certification_lookup(run),
    )
    for number, cells in enumerate(table, start=2):
        if not any(cells):
            continue
        run.result.rows += 1

        def get(column: str, cells=cells) -> str:
            index = positions.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        parsed, errors = checker.check(number, get)
        for column, message in errors:
            run.error(number, column, message)
        if parsed is None:
            continue
        key, accepted = run.supplier_for(parsed)
        if not accepted:
            continue
        first = run.seen.setdefault((key, parsed.sku), number)
        if first != number:
            run.error(
                number,
                "sku",
                _("SKU %(sku)s is already used in row %(row)d of this file.")
                % {"sku": parsed.sku, "row": first},
            )
            continue
        run.buffer.append(parsed)
        if len(run.buffer) >= CHUNK:
            run.flush()
    run.final = True
    run.flush()


def _certification_lookup(run: _Run) -> dict[str, str]:
    lookup: dict[str, str] = {}
    ids: dict[str, int] = {}
    for pk, code, name in Certification.objects.values_list("id", "code", "name"):
        lookup[fold(code)] = code
        lookup[fold(name)] = code
        ids[code] = pk
    run.certification_ids = ids
    return lookup


def _report(run: _Run, *, filename: str) -> None:
    result = run.result
    if result.errors:
        outcome = MaterialImport.Outcome.REFUSED
    elif run.dry_run:
        outcome = MaterialImport.Outcome.CHECKED
    else:
        outcome = MaterialImport.Outcome.IMPORTED
    report = MaterialImport.objects.create(
        created_by=run.actor if getattr(run.actor, "is_authenticated", False) else None,
        supplier=run.supplier,
        filename=filename[:255],
        dry_run=run.dry_run,
        publish=run.publish,
        outcome=outcome,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        errors=[e.as_dict() for e in result.errors[:1000]],
    )
    audit_log(
        actor=run.actor,
        action="material.import",
        target=report,
        outcome=outcome,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        errors=len(result.errors),
    )
    result.report = report

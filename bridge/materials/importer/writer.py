"""One import's state and its writes: suppliers found or planned, chunks of checked rows written
in bulk and updated in place by (supplier, sku), and the search index kept in step."""

from decimal import Decimal

from django.db import connection
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks.backends.immediate import ImmediateBackend

from bridge.accounts.models import Organisation, Verification
from bridge.core.audit import audit_log
from bridge.core.translit import latinise
from bridge.materials.importer.bulk import (
    insert_many,
    insert_materials,
    pg_execute,
    pg_params,
    unnest,
    value_of,
)
from bridge.materials.importer.result import ImportResult, RowError
from bridge.materials.importer.rows import ParsedRow, fold
from bridge.materials.importer.tasks import materials_reindex
from bridge.materials.models import (
    Material,
    MaterialCertification,
    MaterialFibre,
)
from bridge.materials.services.materials import EDITABLE_FIELDS
from bridge.materials.terms import Term
from bridge.materials.vocabulary import Status
from bridge.search.services import Indexing

MAX_ERRORS = 10_000
# What a re-import may change, as the services define it: the SKU names the row, and the origin
# country is compared as text (a CountryField's value is an object).
_COMPARED = tuple(
    "category_id" if name == "category" else name
    for name in EDITABLE_FIELDS
    if name not in ("sku", "origin_country")
)


_NOT_COMPARED = ("rejection_reason", "published_at", "created_at", "updated_at")


class ImportRun:
    """The state of one import: the rows checked so far, the suppliers met, what was written."""

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
        # The import's one indexing call (search_indexing), set by import_materials: the head
        # lists are cut once per file, not once per chunk of rows.
        self.indexing: Indexing
        self.blank: dict | None = None  # a new material's values before the row's
        self.stored: dict[int, dict[str, int]] = {}  # supplier id → {sku: id} before the import
        # Without a background worker (the inline task backend of development and tests) a
        # deferred task would run in this same call anyway: index everything inline then.
        self.defer_index = not isinstance(materials_reindex.get_backend(), ImmediateBackend)

    # --- errors and warnings ------------------------------------------------------------------
    def error(self, row: int, column: str, message: str) -> None:
        if len(self.result.errors) < MAX_ERRORS:
            self.result.errors.append(RowError(row, column, str(message)))

    def warn(self, row: int, column: str, message: str) -> None:
        if len(self.result.warnings) < MAX_ERRORS:
            self.result.warnings.append(RowError(row, column, str(message)))

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
            .values_list("material_id", "fibre", "written", "percent")
        )
        for material_id, fibre, written, percent in fibres:
            by_id[material_id]._fibres.append((fibre, written, percent))
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
        fibres_new = [_fibre_row(fibre, percent) for fibre, percent in parsed.fibres]
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
            sets = ", ".join(f"{quote(f.column)} = {value_of(f)}" for f in fields)
            sql = (
                f"UPDATE {table} SET {sets} FROM {unnest(every)} "  # noqa: S608 (names from the model)
                f"WHERE {table}.{quote(pk.column)} = v.{quote(pk.column)}"
            )
            pg_execute(
                sql, pg_params(every, [[getattr(m, f.attname) for m in changed] for f in every])
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
        created = insert_materials([m for m, _p in new])
        if changed:
            self.update([m for m, _p in changed])
        refibred = [(m, p) for m, p in changed if m._import_fibres]
        if refibred:
            MaterialFibre.objects.filter(material_id__in=[m.pk for m, _p in refibred]).delete()
        fibres_for = [*new, *refibred]
        insert_many(
            MaterialFibre,
            ("material_id", "fibre", "written", "percent", "position"),
            [
                (m.pk, *_fibre_row(fibre, percent), i)
                for m, p in fibres_for
                for i, (fibre, percent) in enumerate(p.fibres)
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
        insert_many(
            MaterialCertification,
            ("material_id", "certification_id", "number", "expires_on"),
            [(material_id, certification_id, "", None) for material_id, certification_id in links],
        )
        self.reindex(created, [m for m, _p in changed])

    def reindex(self, created: list[Material], changed: list[Material]) -> None:
        """Keep the search index in step (docs/decisions/0004-materials-import.md).

        Rows that are not (or no longer) published leave the index now, in this transaction:
        nothing unmoderated is ever searchable. Published rows are indexed in this transaction
        when the file fits in one chunk, or when no worker runs tasks (the embedded default:
        the import's one indexing call then takes every chunk). Otherwise their ids are
        collected and indexed by background tasks after the commit, because analysing the
        text for the index costs more than writing the rows."""
        gone = [m.pk for m in changed if m.status != Status.PUBLISHED]
        self.indexing.remove(gone)
        published = [m for m in [*created, *changed] if m.status == Status.PUBLISHED]
        # A file that fits in one chunk is indexed at once (it is the common case in the
        # browser, and cheap); a larger one after the commit, when a worker is there to do it.
        small = self.final and self.flushes == 1
        inline, later = (published, []) if small or not self.defer_index else ([], published)
        # New rows are whole in memory (new_material) and indexed as they are; a changed row
        # holds only what apply() compares, and is read again.
        new = {m.pk for m in created}
        self.indexing.write([m for m in inline if m.pk in new])
        self.indexing.update([m for m in inline if m.pk not in new])
        self.deferred.extend(m.pk for m in later)


def _fibre_row(fibre: Term, percent) -> tuple[str, str, Decimal]:
    """A composition row as stored: the concept, the word only when the concept is unknown."""
    return (fibre.concept, "" if fibre.known else fibre.written, Decimal(percent))

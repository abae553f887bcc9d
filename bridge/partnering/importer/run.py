"""`import_listings`: the partnering import by the contract in docs/DESIGN.md ("Partnering
import"). Agencies collect requests at events as spreadsheets; this brings them in.

Every row is checked by the same rules as the form (bridge.partnering.cleaning); an error is
reported with its row and column; a dry run or any error writes nothing. A real run writes the
listings in bulk, indexes them for search and computes their matches in the same transaction,
so what it reports is what the site shows."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation, Verification
from bridge.core.audit import audit_log
from bridge.core.progress import ProgressCallback
from bridge.core.tables import FileRefused, estimate_rows, read_table
from bridge.core.text import fold
from bridge.core.translit import latinise
from bridge.partnering import rules
from bridge.partnering.cleaning import countries_clean, listing_fields_clean, ref_clean
from bridge.partnering.models import Listing, ListingImport
from bridge.partnering.services.listings import LISTING_FIELDS, lifetime
from bridge.partnering.services.matching import matches_recompute
from bridge.partnering.tasks import listings_reindex_task
from bridge.partnering.vocabulary import Status

REQUIRED = ("organisation", "country", "ref", "kind", "type", "sectors", "title", "summary")
OPTIONAL = ("language", "countries_sought", "expires", "description")
MAX_ERRORS = 1_000
BATCH = 1_000
UPDATE_FIELDS = [
    *LISTING_FIELDS,
    "expires_at",
    "status",
    "published_at",
    "first_published_at",
    "updated_at",
]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    new_organisations: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    report: ListingImport | None = None


class _Aborted(Exception):
    """Rolls the whole file back (a dry run, or any error)."""


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def _expires(value: str, today: date) -> datetime:
    day = date.fromisoformat(value)
    if day <= today:
        raise ValueError("past")
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


class _Run:
    def __init__(self, *, actor, dry_run: bool, publish: bool) -> None:
        self.actor, self.dry_run, self.publish = actor, dry_run, publish
        self.result = ImportResult()
        self.organisations: dict[str, int | None] = {}  # key → organisation id
        self.known: dict[str, int] | None = None
        self.slugs: dict[str, int] = {}
        self.planned: dict[str, tuple[str, str]] = {}
        self.seen: dict[tuple[str, str], int] = {}
        self.rows: list[tuple[int, str, str, dict, datetime | None]] = []
        self.today = timezone.localdate()

    def error(self, row: int, column: str, message: str) -> None:
        if len(self.result.errors) < MAX_ERRORS:
            self.result.errors.append(RowError(row, column, str(message)))

    def organisation_key(self, name: str, country: str) -> str:
        """Organisations are found by name (any case, script-folded) and country, or by their
        address (slug); all of them are read once per file."""
        if self.known is None:
            self.known = {}
            rows = Organisation.objects.values_list("pk", "name", "country", "slug")
            for pk, known_name, known_country, slug in rows.iterator(chunk_size=5_000):
                self.known.setdefault(f"{fold(known_name)}|{known_country}", pk)
                self.slugs[slug] = pk
        key = f"{fold(name)}|{country}"
        if key not in self.organisations:
            found = self.known.get(key) or self.slugs.get(name.lower())
            self.organisations[key] = found
            if found is None:
                self.planned[key] = (name, country)
                self.result.new_organisations.append(name)
        return key

    def check(self, number: int, get) -> None:
        errors_before = len(self.result.errors)
        for column in REQUIRED:
            if column not in ("sectors", "summary", "title") and not get(column):
                self.error(number, column, _("This field is required."))
        country_errors: dict = {}
        country = (countries_clean([get("country")], "country", country_errors) or [""])[0]
        if country_errors:
            self.error(number, "country", country_errors["country"])
        ref = get("ref")
        if ref:
            try:
                ref = ref_clean(ref)
            except ValidationError as exc:
                self.error(number, "ref", exc.message_dict["ref"][0])
        expires = None
        if get("expires"):
            try:
                expires = _expires(get("expires"), self.today)
            except ValueError:
                self.error(number, "expires", _("Give a future date as YYYY-MM-DD."))
        fields = {
            "kind": get("kind").lower(),
            "type": get("type").lower(),
            "sectors": [s.lower() for s in _split(get("sectors"))],
            "title": get("title"),
            "summary": get("summary"),
            "description": get("description"),
            "language": get("language"),
            "countries_sought": _split(get("countries_sought")),
        }
        try:
            cleaned = listing_fields_clean(fields)
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                self.error(number, column, messages[0])
            cleaned = None
        if len(self.result.errors) > errors_before or cleaned is None or not get("organisation"):
            return
        key = self.organisation_key(get("organisation")[:200], country)
        first = self.seen.setdefault((key, ref), number)
        if first != number:
            self.error(
                number,
                "ref",
                _("Reference %(ref)s is already used in row %(row)d of this file.")
                % {"ref": ref, "row": first},
            )
            return
        self.rows.append((number, key, ref, cleaned, expires))

    def create_organisations(self) -> None:
        """The unknown organisations, unverified, in one insert (audited one by one)."""
        new = []
        for key, (name, country) in self.planned.items():
            base = slugify(latinise(name))[:60].strip("-") or "organisation"
            slug = base
            while slug in self.slugs:
                slug = f"{base}-{get_random_string(4, 'abcdefghijkmnpqrstuvwxyz23456789')}"
            self.slugs[slug] = 0
            new.append(
                (
                    key,
                    Organisation(
                        name=name, slug=slug, country=country, verification=Verification.UNVERIFIED
                    ),
                )
            )
        Organisation.objects.bulk_create([organisation for _key, organisation in new])
        for key, organisation in new:
            self.organisations[key] = organisation.pk
            audit_log(actor=self.actor, action="organisation.create_by_import", target=organisation)


def _write(run: _Run) -> list[int]:
    """Bulk create or update; returns the ids written."""
    run.create_organisations()
    now = timezone.now()
    by_org: dict[int, dict[str, tuple]] = {}
    for number, key, ref, cleaned, expires in run.rows:
        by_org.setdefault(run.organisations[key], {})[ref] = (number, cleaned, expires)
    wanted = {(org_id, ref) for org_id, refs in by_org.items() for ref in refs}
    refs = sorted({ref for _org, ref in wanted})
    existing = {}
    for start in range(0, len(refs), BATCH):
        rows = Listing.objects.filter(
            organisation_id__in=list(by_org), ref__in=refs[start : start + BATCH]
        )
        existing.update(
            {(x.organisation_id, x.ref): x for x in rows if (x.organisation_id, x.ref) in wanted}
        )
    new, changed = [], []
    for org_id, refs in by_org.items():
        for ref, (_number, cleaned, expires) in refs.items():
            listing = existing.get((org_id, ref))
            if listing is None:
                listing = Listing(organisation_id=org_id, ref=ref, author=_author(run.actor))
                listing.status = Status.PENDING
                listing.submitted_at = now
                new.append(listing)
            else:
                changed.append(listing)
            for name, value in cleaned.items():
                setattr(listing, name, value)
            if expires is not None:
                listing.expires_at = expires
            if run.publish and listing.status in (Status.DRAFT, Status.PENDING, Status.RETURNED):
                listing.status = Status.PUBLISHED
                listing.published_at = listing.first_published_at = now
                if listing.expires_at is None or listing.expires_at <= now:
                    listing.expires_at = now + lifetime()
    Listing.objects.bulk_create(new, batch_size=BATCH)
    for listing in changed:
        listing.updated_at = now
    if changed:
        Listing.objects.bulk_update(changed, UPDATE_FIELDS, batch_size=BATCH)
    run.result.created, run.result.updated = len(new), len(changed)
    return [listing.pk for listing in [*new, *changed]]


def _author(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def import_listings(
    *,
    file,
    filename: str,
    actor=None,
    dry_run=False,
    publish=False,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import a CSV or XLSX file; staff (or a script, actor None) only. Nothing is written unless
    every row passes. `progress(done, total)` is told the rows checked, once per batch."""
    if actor is not None and not rules.can_validate(actor):
        raise PermissionDenied
    run = _Run(actor=actor, dry_run=dry_run, publish=publish)
    if progress is not None:
        progress(0, estimate_rows(file, filename))
    try:
        with suppress(_Aborted), transaction.atomic():
            _process(run, read_table(file, filename), progress)
            if run.result.errors or dry_run:
                raise _Aborted
            ids = _write(run)
            matches_recompute(listing_ids=ids)
            # The search index follows after the commit, as the materials import's does: it
            # is derived data, rebuilt from the listings at any time.
            transaction.on_commit(lambda: listings_reindex_task.enqueue(ids=ids))
    except FileRefused as refused:
        run.error(refused.row, "", refused.message)
    if run.result.errors:
        run.result.created = run.result.updated = 0
    _report(run, filename)
    return run.result


def _process(run: _Run, table, progress=None) -> None:
    header = next(table, None)
    if header is None:
        raise FileRefused(_("The file is empty."))
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        column = (name or "").strip().lower()
        if column in positions:
            run.error(1, column, _("This column appears twice."))
        elif column:
            positions[column] = index
    for column in REQUIRED:
        if column not in positions:
            run.error(1, column, _("This required column is missing."))
    if run.result.errors:
        return
    for number, cells in enumerate(table, start=2):
        if not any(cells):
            continue
        run.result.rows += 1
        if progress is not None and run.result.rows % BATCH == 0:
            progress(run.result.rows)

        def get(column: str, cells=cells) -> str:
            index = positions.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        run.check(number, get)
    if progress is not None:
        progress(run.result.rows)


def _report(run: _Run, filename: str) -> None:
    result = run.result
    if result.errors:
        outcome = ListingImport.Outcome.REFUSED
    elif run.dry_run:
        outcome = ListingImport.Outcome.CHECKED
    else:
        outcome = ListingImport.Outcome.IMPORTED
    report = ListingImport.objects.create(
        created_by=_author(run.actor),
        filename=filename[:255],
        dry_run=run.dry_run,
        publish=run.publish,
        outcome=outcome,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        errors=[e.as_dict() for e in result.errors],
    )
    audit_log(
        actor=run.actor, action="listing.import", target=report, outcome=outcome, rows=result.rows
    )
    result.report = report

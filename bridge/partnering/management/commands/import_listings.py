"""`python manage.py import_listings FILE [--dry-run] [--publish]` (docs/DESIGN.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bridge.core.progress import progress_tracker
from bridge.partnering.importer.run import import_listings


class Command(BaseCommand):
    help = "Import partnering offers and requests from a CSV or XLSX file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row; write nothing."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the rows at once, skipping validation."
        )

    def handle(self, *args, file, dry_run=False, publish=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        tracker = progress_tracker(kind="listings.import", label=path.name, stream=self.stdout)
        with tracker, path.open("rb") as handle:
            result = import_listings(
                file=handle, filename=path.name, dry_run=dry_run, publish=publish, progress=tracker
            )
            tracker.finish(done=result.rows, errors=[e.as_dict() for e in result.errors])
        for error in result.errors:
            column = f", column {error.column}" if error.column else ""
            self.stderr.write(f"row {error.row}{column}: {error.message}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} error(s); nothing was imported.")
        verb = "checked" if dry_run else "imported"
        self.stdout.write(
            f"{verb}: {result.rows} rows, {result.created} created, {result.updated} updated"
            + (
                f", new organisations: {', '.join(result.new_organisations)}"
                if result.new_organisations
                else ""
            )
        )

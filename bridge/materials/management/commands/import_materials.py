"""`python manage.py import_materials FILE [--dry-run] [--publish] [--supplier SLUG]`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation
from bridge.core.progress import progress_tracker
from bridge.materials.importer import import_materials


class Command(BaseCommand):
    help = "Import materials from a CSV or XLSX file (the contract in docs/DESIGN.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and write nothing."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Put the rows straight into the public catalog, skipping moderation.",
        )
        parser.add_argument(
            "--supplier",
            metavar="SLUG",
            help="Every row must belong to this supplier (otherwise rows may name any "
            "supplier, and unknown ones are created unverified).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        supplier = None
        if options["supplier"]:
            supplier = Organisation.objects.filter(slug=options["supplier"]).first()
            if supplier is None:
                raise CommandError(f"No organisation with the address {options['supplier']!r}.")
        # A bar on a terminal; the run is recorded either way (staff follow it on its page).
        tracker = progress_tracker(kind="materials.import", label=path.name, stream=self.stdout)
        with tracker, path.open("rb") as file:
            result = import_materials(
                file=file,
                filename=path.name,
                supplier=supplier,
                dry_run=options["dry_run"],
                publish=options["publish"],
                progress=tracker,
            )
            tracker.finish(
                done=result.rows,
                errors=[e.as_dict() for e in result.errors],
                warnings=[w.as_dict() for w in result.warnings],
            )
        for error in result.errors:
            where = _("row %(row)d") % {"row": error.row} if error.row else _("file")
            column = f", {error.column}" if error.column else ""
            self.stderr.write(f"{where}{column}: {error.message}")
        if result.errors:
            raise CommandError(
                _("%(count)d errors; nothing was written.") % {"count": len(result.errors)}
            )
        for warning in result.warnings:
            self.stdout.write(
                self.style.WARNING(
                    _("row %(row)d, %(column)s: %(message)s")
                    % {"row": warning.row, "column": warning.column, "message": warning.message}
                )
            )
        for name in result.new_suppliers:
            self.stdout.write(_("New supplier (unverified): %(name)s") % {"name": name})
        summary = _(
            "%(rows)d rows: %(created)d new, %(updated)d updated, %(unchanged)d unchanged."
        ) % {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        if options["dry_run"]:
            summary = _("Dry run, nothing written. %(summary)s") % {"summary": summary}
        self.stdout.write(self.style.SUCCESS(summary))

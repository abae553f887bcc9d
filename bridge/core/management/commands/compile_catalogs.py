"""Compile the gettext catalogs with Babel, so installing needs no system gettext tools."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bridge.core import cyrillic_catalog


def catalog_paths() -> list[Path]:
    roots = [Path(p) for p in settings.LOCALE_PATHS]
    roots += sorted((Path(settings.BASE_DIR) / "bridge").glob("*/locale"))
    generated = cyrillic_catalog.target()
    return sorted(po for root in roots for po in root.glob("*/LC_MESSAGES/*.po") if po != generated)


class Command(BaseCommand):
    help = (
        "Compile every .po catalog of the project into .mo (only those that changed), and make "
        "the Uzbek Cyrillic catalog from the Uzbek Latin ones."
    )

    def handle(self, *args, **options):
        compiled = 0
        for po_path in catalog_paths():
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as handle:
                try:
                    catalog = read_po(handle, abort_invalid=True)
                except Exception as exc:
                    raise CommandError(f"{po_path}: {exc}") from exc
            with mo_path.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            compiled += 1
        if cyrillic_catalog.is_stale():
            cyrillic_catalog.build()
            compiled += 1
        if options["verbosity"] > 1 or compiled:
            self.stdout.write(f"compiled {compiled} catalog(s)")

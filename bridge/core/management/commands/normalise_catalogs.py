"""Rewrite the project's catalogs in one canonical form (Babel's, lines unwrapped), so that
`make messages` after a code change shows only the entries that changed in review."""

from pathlib import Path

from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management.base import BaseCommand

LANGUAGES = ("ru", "uz", "en")


class Command(BaseCommand):
    help = "Rewrite locale/{ru,uz,en}/LC_MESSAGES/django.po in Babel's unwrapped form."

    def handle(self, *args, **options):
        root = Path(settings.LOCALE_PATHS[0])
        for language in LANGUAGES:
            path = root / language / "LC_MESSAGES" / "django.po"
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=0, no_location=True, ignore_obsolete=True)
            self.stdout.write(f"{path.relative_to(root.parent)}: {len(catalog)} messages")

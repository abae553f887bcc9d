from django.core.management.base import BaseCommand

from bridge.search.thesaurus_services import thesaurus_load


class Command(BaseCommand):
    help = "Copy bridge/search/data/thesaurus/*.yaml into the thesaurus table (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite", action="store_true", help="let the YAML replace concepts staff edited"
        )

    def handle(self, *args, overwrite=False, **options):
        created, updated = thesaurus_load(overwrite=overwrite)
        self.stdout.write(f"thesaurus: {created} concepts created, {updated} updated")

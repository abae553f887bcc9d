from django.core.management.base import BaseCommand, CommandError

from bridge.core.progress import progress_tracker
from bridge.search import registry
from bridge.search.models import Concept
from bridge.search.services import search_rebuild
from bridge.search.thesaurus_services import thesaurus_load


class Command(BaseCommand):
    help = "Rebuild the search index (all indexes, or one key). Loads the thesaurus if empty."

    def add_arguments(self, parser):
        parser.add_argument("key", nargs="?", help=f"one of: {', '.join(registry.all_keys())}")

    def handle(self, *args, key=None, **options):
        if key is not None and key not in registry.all_keys():
            raise CommandError(f"unknown index {key!r}; known: {', '.join(registry.all_keys())}")
        if not Concept.objects.exists():
            created, _ = thesaurus_load()
            self.stdout.write(f"thesaurus: {created} concepts loaded from YAML")
        tracker = progress_tracker(kind="search.rebuild", label=key or "", stream=self.stdout)
        with tracker:
            count = search_rebuild(key=key, progress=tracker)
            tracker.finish(done=count)
        self.stdout.write(f"search: {count} documents indexed")

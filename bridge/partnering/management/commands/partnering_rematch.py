"""Recompute every listing's matches (after a thesaurus change; nightly keeps rarities true)."""

from django.core.management.base import BaseCommand

from bridge.partnering.services.matching import matches_recompute_all


class Command(BaseCommand):
    help = "Recompute the matches of every partnering listing."

    def handle(self, *args, **options):
        self.stdout.write(f"pairs stored: {matches_recompute_all()}")

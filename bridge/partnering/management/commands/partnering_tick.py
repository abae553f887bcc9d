"""Run hourly from cron or the worker: listing expiry and reminders, interest expiry and
reminders, weekly digests of new matches, saved-search alerts."""

from django.core.management.base import BaseCommand

from bridge.partnering.services.alerts import partnering_tick


class Command(BaseCommand):
    help = "Expire and remind listings and interests; send digests and saved-search alerts."

    def handle(self, *args, **options):
        result = partnering_tick()
        self.stdout.write(", ".join(f"{name}: {value}" for name, value in result.items()))

"""Remind and expire unanswered sample requests. Run it from cron or the worker, e.g. hourly."""

from django.core.management.base import BaseCommand

from bridge.materials.services.samples import sample_requests_tick


class Command(BaseCommand):
    help = "Remind suppliers of unanswered sample requests and expire the old ones."

    def handle(self, *args, **options):
        result = sample_requests_tick()
        self.stdout.write(f"reminded: {result['reminded']}, expired: {result['expired']}")

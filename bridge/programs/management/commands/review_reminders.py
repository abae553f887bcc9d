"""Remind reviewers whose reviews are due soon. Run it from cron or the worker, e.g. daily."""

from django.core.management.base import BaseCommand

from bridge.programs.services.review import review_reminders


class Command(BaseCommand):
    help = "E-mail reviewers with unfinished reviews when the review deadline is near."

    def handle(self, *args, **options):
        sent = review_reminders()
        self.stdout.write(f"reminded: {sent}")

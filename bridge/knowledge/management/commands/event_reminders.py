"""Send the reminders that are due. Run it from cron or the worker every few minutes."""

from django.core.management.base import BaseCommand

from bridge.knowledge.services.reminders import event_reminders_send


class Command(BaseCommand):
    help = "Remind people with a confirmed place a day and an hour before their event."

    def handle(self, *args, **options):
        sent = event_reminders_send()
        self.stdout.write(
            f"day-before reminders: {sent['reminded_day_at']}, "
            f"hour-before reminders: {sent['reminded_hour_at']}"
        )

from django.core.management.base import BaseCommand

from bridge.core.notifications.services import digests_send


class Command(BaseCommand):
    help = "E-mail each person their held notifications in one digest (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Enqueue the task instead of running it here."
        )

    def handle(self, *args, queue=False, **options):
        if queue:
            from bridge.core.tasks import send_notification_digests

            send_notification_digests.enqueue()
            self.stdout.write("queued")
            return
        self.stdout.write(f"{digests_send()} digest(s) sent")

"""Background work of the knowledge app, run by the task worker or `event_reminders`."""

from django_tasks import task

from bridge.knowledge.services.reminders import event_reminders_send


@task()
def event_reminders_task() -> dict[str, int]:
    """Remind people with a confirmed place a day and an hour before their event."""
    return event_reminders_send()

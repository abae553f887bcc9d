"""Background work of the review, run by the task worker or `manage.py review_reminders`."""

from django_tasks import task

from bridge.programs.services.review import review_reminders


@task()
def review_reminders_task() -> int:
    return review_reminders()

"""Background work of the Materials Center, run by the task worker or `sample_requests_tick`."""

from django_tasks import task

from bridge.materials.services.samples import sample_requests_tick


@task()
def sample_requests_tick_task() -> dict[str, int]:
    """Remind suppliers of unanswered sample requests and expire the old ones."""
    return sample_requests_tick()

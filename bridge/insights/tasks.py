"""Background work of insights: the rollup, enqueued by staff ("recompute now"), by a scheduler
(see docs/decisions/0009) and at the end of the demo."""

from contextlib import nullcontext
from datetime import date

from django_tasks import task


@task()
def insights_rollup(
    *,
    since: str = "",
    full: bool = False,
    actor_id: int | None = None,
    progress_id: int | None = None,
) -> int:
    """Run the rollup; returns the run's id. `since` is an ISO date or empty (incremental);
    `progress_id` is the record (bridge.core.progress) that the staff page follows."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from bridge.core.models import Progress
    from bridge.core.progress import Tracker
    from bridge.insights.services.rollup import rollup_run

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    followed = Progress.objects.filter(pk=progress_id).first() if progress_id else None
    tracker = Tracker(run=followed) if followed else None
    with tracker or nullcontext():
        run = rollup_run(
            since=date.fromisoformat(since) if since else None,
            full=full,
            actor=actor,
            trigger="staff" if actor else "task",
            progress=tracker,
        )
        if tracker is not None:
            tracker.finish(result_url=reverse("insights:staff"))
    return run.pk

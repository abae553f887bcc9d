"""Background work of insights: the rollup, enqueued by staff ("recompute now"), by a scheduler
(see docs/decisions/0009) and at the end of the demo."""

from datetime import date

from django_tasks import task


@task()
def insights_rollup(*, since: str = "", full: bool = False, actor_id: int | None = None) -> int:
    """Run the rollup; returns the run's id. `since` is an ISO date or empty (incremental)."""
    from django.contrib.auth import get_user_model

    from bridge.insights.services.rollup import rollup_run

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    run = rollup_run(
        since=date.fromisoformat(since) if since else None,
        full=full,
        actor=actor,
        trigger="staff" if actor else "task",
    )
    return run.pk

"""Background work of partnering, run by the task worker (inline in the embedded default)."""

from django_tasks import task

from bridge.partnering.services.alerts import partnering_tick
from bridge.partnering.services.matching import matches_recompute
from bridge.partnering.services.search import listings_reindex


@task()
def matches_recompute_task(*, listing_ids: list[int]) -> int:
    return matches_recompute(listing_ids=listing_ids)


@task()
def partnering_tick_task() -> dict[str, int]:
    """Expiry, reminders, weekly digests and saved-search alerts (also `partnering_tick`)."""
    return partnering_tick()


@task()
def listings_reindex_task(*, ids: list[int]) -> int:
    """Re-index listings for search in bulk (after an import)."""
    return listings_reindex(ids=ids)

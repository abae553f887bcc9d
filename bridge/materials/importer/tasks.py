"""Background work of the import: catching the search index up after a large import."""

from django_tasks import task

from bridge.materials.models import Material
from bridge.search.services import search_index_update

BATCH = 500


@task()
def materials_reindex(*, ids: list[int]) -> int:
    """Re-index these materials (those no longer published are removed from the index)."""
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        search_index_update(key="materials", objects=[Material(pk=pk) for pk in chunk])
    return len(ids)

"""Background work of the import: catching the search index up after a large import.

The catch-up is split into chunks of INDEX_CHUNK materials, one task each, so that every
running worker takes a share (docs/decisions/0019-parallel-indexing.md). A chunk is indexed in
one transaction that also counts it on the catch-up's progress run: a worker killed mid-chunk
leaves neither half an index nor a count, and its task returns to the queue
(bridge.core.worker). Indexing replaces the chunk's entries, so a chunk run twice leaves them
as once.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from bridge.core.progress import progress_add, progress_start
from bridge.materials.models import Material
from bridge.search.services import search_index_update

BATCH = 500
INDEX_CHUNK = 2_000  # materials per task: 50 tasks for 100,000, progress every 2 %
INDEX_KIND = "materials.index"


@task()
def materials_reindex(*, ids: list[int]) -> int:
    """Re-index these materials (those no longer published are removed from the index).
    Kept for tasks queued before the catch-up was split into chunks."""
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        search_index_update(key="materials", objects=[Material(pk=pk) for pk in chunk])
    return len(ids)


@task()
def materials_index_chunk(*, ids: list[int], progress_id: int | None = None) -> int:
    """Re-index one chunk of an import's materials and count it on the catch-up's run."""
    with transaction.atomic():
        search_index_update(key="materials", objects=[Material(pk=pk) for pk in ids])
        if progress_id is not None:
            progress_add(run_id=progress_id, count=len(ids))
    return len(ids)


def index_in_chunks(*, ids: list[int], owner=None, label: str = "") -> int | None:
    """Queue the catch-up of ``ids`` as chunk tasks, after a progress run ("indexed N of M")
    the owner follows on the import page; returns the run's id (None for no ids)."""
    if not ids:
        return None
    run = progress_start(
        kind=INDEX_KIND,
        label=_("Search index: %(file)s") % {"file": label} if label else _("Search index"),
        owner=owner,
        total=len(ids),
    )
    for start in range(0, len(ids), INDEX_CHUNK):
        materials_index_chunk.enqueue(ids=ids[start : start + INDEX_CHUNK], progress_id=run.pk)
    return run.pk

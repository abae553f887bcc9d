"""The search index's catch-up after a large import, in chunks that several workers take
(docs/decisions/0019-parallel-indexing.md): every row once, retries without duplicates, and
the "indexed N of M" figure."""

import io

import pytest
from django.urls import reverse

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import Progress
from bridge.core.progress import progress_add, progress_start
from bridge.materials.importer import import_materials, tasks
from bridge.materials.importer.run import CHUNK
from bridge.materials.models import Material
from bridge.materials.tests.factories import csv_bytes, good_row
from bridge.search.models import SearchEntry, SearchNumber
from bridge.search.selectors import search

pytestmark = pytest.mark.integration

ROWS = CHUNK + 10  # 510: more than one import chunk, so the index catches up after the commit
index_chunk = tasks.materials_index_chunk  # the task a worker runs (the queue is replaced)


class _NotInline:
    """Stands for the inline backend's class, so the import believes a worker exists."""


class _Queue:
    """Stands for the task queue: records the chunks instead of running them."""

    def __init__(self) -> None:
        self.chunks: list[dict] = []

    def enqueue(self, **kwargs) -> None:
        self.chunks.append(kwargs)


@pytest.fixture
def queued(db, monkeypatch, django_capture_on_commit_callbacks):
    """A 510-row published import with a worker about: the chunks queued (200 materials
    each), not yet run."""
    OrganisationFactory(slug="margilon-atlas", country="UZ")
    monkeypatch.setattr("bridge.materials.importer.writer.ImmediateBackend", _NotInline)
    monkeypatch.setattr(tasks, "INDEX_CHUNK", 200)
    queue = _Queue()
    monkeypatch.setattr(tasks, "materials_index_chunk", queue)
    rows = [good_row("margilon-atlas", n) for n in range(1, ROWS + 1)]
    with django_capture_on_commit_callbacks(execute=True):
        result = import_materials(file=io.BytesIO(csv_bytes(rows)), filename="m.csv", publish=True)
    assert result.created == ROWS
    return queue.chunks


def _run(chunk: dict) -> int:
    return index_chunk.call(**chunk)


def _entries() -> int:
    return SearchEntry.objects.filter(index_key="materials").count()


def _run_state() -> tuple[str, int, int, str]:
    run = Progress.objects.get(kind=tasks.INDEX_KIND)
    return run.label, run.done, run.total, run.state


def test_chunks_cover_every_imported_row_exactly_once(queued):
    ids = [id_ for chunk in queued for id_ in chunk["ids"]]
    assert [len(chunk["ids"]) for chunk in queued] == [200, 200, 110]
    assert sorted(ids) == sorted(Material.objects.values_list("pk", flat=True))
    assert len(set(ids)) == ROWS
    assert _entries() == 0  # nothing searchable before a worker takes a chunk


def test_each_chunk_counts_on_the_catch_up_run_until_it_is_done(queued):
    assert _run_state() == ("Search index: m.csv", 0, ROWS, Progress.State.RUNNING)
    _run(queued[1])  # workers take chunks in any order
    assert _run_state() == ("Search index: m.csv", 200, ROWS, Progress.State.RUNNING)
    assert _entries() == 200
    _run(queued[0])
    _run(queued[2])
    assert _run_state() == ("Search index: m.csv", ROWS, ROWS, Progress.State.DONE)
    assert search(key="materials", q="").count == ROWS


def _packed(ids) -> list[str]:
    entries = SearchEntry.objects.filter(index_key="materials", object_id__in=ids)
    return sorted(entries.values_list("facet_values", flat=True))


def test_a_chunk_run_twice_leaves_its_entries_once(queued):
    first = queued[0]
    _run(first)
    facets = _packed(first["ids"])
    numbers = SearchNumber.objects.filter(object_id__in=first["ids"]).count()
    _run(first)  # the queue gave it out again: its worker died after the commit
    assert _entries() == 200
    assert _packed(first["ids"]) == facets
    assert SearchNumber.objects.filter(object_id__in=first["ids"]).count() == numbers
    for chunk in queued[1:]:
        _run(chunk)
    # the count stops at the total, and the index holds each material once
    assert _run_state()[1:] == (ROWS, ROWS, Progress.State.DONE)
    assert _entries() == ROWS


def test_a_chunk_killed_before_its_commit_leaves_nothing_and_can_be_run_again(queued, monkeypatch):
    class Killed(Exception):
        """The worker's process ending mid-chunk."""

    def dies(**kwargs):
        raise Killed  # after the chunk's entries were written, before its commit

    monkeypatch.setattr(tasks, "progress_add", dies)
    with pytest.raises(Killed):
        _run(queued[0])
    assert _entries() == 0
    assert _run_state()[1] == 0
    monkeypatch.setattr(tasks, "progress_add", progress_add)  # another worker runs it again
    _run(queued[0])
    assert _entries() == 200
    assert _run_state()[1] == 200


def test_upload_page_shows_how_far_the_index_caught_up(client, owner):
    run = progress_start(
        kind=tasks.INDEX_KIND, label="Search index: big.csv", owner=owner, total=100_000
    )
    for _chunk in range(32):
        progress_add(run_id=run.pk, count=2_000)
    client.force_login(owner)
    html = client.get(reverse("materials_supplier:import"), HTTP_ACCEPT_LANGUAGE="en")
    html = html.content.decode()
    assert "Imports under way" in html
    assert "Search index: big.csv" in html and "64,000 of 100,000" in html

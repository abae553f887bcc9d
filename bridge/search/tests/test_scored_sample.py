"""Where the backend scores a sample's matches in the read that draws it (PostgreSQL's ts_rank,
Backend.sample_score), the sample's best come from those scores, not from a second statement
that matches the sample again (issue 14: «ручной работы вышивка» 84 → 52 ms at 100k). The
pages are the same."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bridge.search import selectors
from bridge.search.backends import backend
from bridge.search.facets import FacetRows
from bridge.search.models import SearchEntry
from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.sql import Filters, best, packed_facets

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration

COUNTRIES = ("UZ", "RU", "KZ")


def _catalog(index, n: int = 150) -> list[int]:
    """Scarves that match «silk» or «natural» in varied measure, many of them tied."""
    rng = random.Random(14)
    return add_documents(
        index,
        [
            Document(
                title=f"{'silk ' * rng.randint(0, 3)}scarf",
                body=f"{'natural ' * rng.randint(0, 4)}dyes, {'silk ' * rng.randint(0, 2)}",
                facets={"country": [COUNTRIES[i % 3]]},
                language="en",
            )
            for i in range(n)
        ],
    )


@pytest.mark.parametrize("countries", [[], ["UZ"], ["RU", "KZ"]])
def test_the_best_of_a_scored_sample_are_those_of_the_ranking_statement(index, countries):
    _catalog(index)
    engine = backend()
    selected = {"country": countries} if countries else {}
    flt = Filters(KEY, selected, {})
    low = SearchEntry.objects.filter(index_key=KEY).order_by("id").first().id
    ready = engine.text(
        '("silk" OR "natural")' if engine.vendor == "sqlite" else "'silk' | 'natural'"
    )
    rows = FacetRows(
        packed_facets(engine, ready, KEY, flt, 128, low + 149, low, scored=True), selected
    )
    slices = engine.sampled(ready, 128, low + 149, low)
    for limit, offset in [(30, 0), (7, 5), (20, 40), (10, 500)]:
        with CaptureQueriesContext(connection) as read:
            from_scores = best(engine, slices, flt, KEY, limit, offset, rows)
        assert from_scores == best(engine, slices, flt, KEY, limit, offset)
        # PostgreSQL: no statement; SQLite scores with bm25 in one of its own
        assert len(read) == (0 if engine.sample_score else 1)
    assert len(best(engine, slices, flt, KEY, 200)) > 20  # many to order, ties among them


@pytest.mark.skipif(
    not backend().sample_score, reason="the backend scores its samples in a statement of their own"
)
def test_the_sampled_path_ranks_its_sample_without_matching_it_again(index, monkeypatch):
    _catalog(index)
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)  # the sampled path on a small index
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 10)
    pages = [(1, 10), (3, 10), (2, 20)]  # re-ranked, then past the re-ranked depth
    with CaptureQueriesContext(connection) as scored:
        found = [search(key=KEY, q="natural silk", page=p, page_size=s).ids for p, s in pages]
    monkeypatch.setattr(type(backend()), "sample_score", None)
    assert [search(key=KEY, q="natural silk", page=p, page_size=s).ids for p, s in pages] == found
    assert all(found) and not any("ts_rank" in q["sql"] and "ORDER BY score" in q["sql"]
                                  for q in scored.captured_queries)  # fmt: skip

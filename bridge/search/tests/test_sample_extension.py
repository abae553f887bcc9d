"""A thicker sample drawn after a thin one reads only the ids the thin one lacks
(backends.base.strata_beyond, sql.packed_facets' ``read``): its rows are those of the thicker
sample read whole (issue 14: «ручной работы вышивка» on PostgreSQL at 100k)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.search.backends import backend
from bridge.search.backends.base import strata, strata_beyond
from bridge.search.models import BUCKETS, SearchEntry
from bridge.search.registry import Document
from bridge.search.sql import Filters, packed_facets

from .engine_support import KEY, add_documents


def _ids(ranges) -> set[int]:
    return {i for start, end in ranges for i in range(start, end + 1)}


@pytest.mark.unit
@settings(max_examples=400, deadline=None)
@given(
    span=st.integers(0, 5_000),
    low=st.integers(1, 10**6),
    read=st.integers(1, BUCKETS),
    more=st.integers(0, BUCKETS),
)
def test_beyond_a_thinner_sample_lie_exactly_the_ids_it_lacks(span, low, read, more):
    buckets = min(BUCKETS, read + more)
    top = low + span - 1
    beyond = strata_beyond(buckets, read, top, low)
    thinner, thicker = _ids(strata(read, top, low)), _ids(strata(buckets, top, low))
    if beyond is None:  # ceil's rounding made some stratum of the thinner one the wider
        assert not thinner <= thicker
        return
    assert thinner <= thicker
    assert _ids(beyond) == thicker - thinner
    assert sum(end - start + 1 for start, end in beyond) == len(thicker - thinner)


@pytest.mark.integration
@pytest.mark.parametrize("countries", [[], ["UZ"]])
def test_a_thin_sample_and_what_lies_beyond_it_read_as_the_thick_sample(index, countries):
    add_documents(
        index,
        [
            Document(
                title=f"{'silk ' * (n % 3)}scarf {n}",
                body=f"{'natural ' * (n % 4)}dyes",
                facets={"country": ["UZ" if n % 3 else "RU"]},
                language="en",
            )
            for n in range(300)
        ],
    )
    engine = backend()
    flt = Filters(KEY, {"country": countries} if countries else {}, {})
    low = SearchEntry.objects.filter(index_key=KEY).order_by("id").first().id
    top = low + 299
    ready = engine.text(
        '("silk" OR "natural")' if engine.vendor == "sqlite" else "'silk' | 'natural'"
    )
    for thin, thick in [(20, 50), (6, 15), (31, 255)]:
        assert strata_beyond(thick, thin, top, low) is not None
        first = packed_facets(engine, ready, KEY, flt, thin, top, low, scored=True)
        joined = packed_facets(
            engine, ready, KEY, flt, thick, top, low, scored=True, read=(thin, first)
        )
        whole = packed_facets(engine, ready, KEY, flt, thick, top, low, scored=True)
        rows = sorted(zip(joined.ids, joined, joined.scores or [None] * len(joined), strict=True))
        assert rows == sorted(
            zip(whole.ids, whole, whole.scores or [None] * len(whole), strict=True)
        )
        assert len(first) < len(whole)


@pytest.mark.integration
def test_the_thicker_sample_is_drawn_knowing_how_many_entries_the_thin_one_estimated(
    index, monkeypatch
):
    # The backend weighs a read from the word's postings against one range by range by the
    # matches in the whole index (PostgresBackend._from_postings); the thin sample gives them.
    add_documents(
        index,
        [
            Document(title=f"scarf {n}", body="silk" if n % 4 == 0 else "wool", language="en")
            for n in range(400)
        ],
    )
    engine = backend()
    flt = Filters(KEY, {}, {})
    low = SearchEntry.objects.filter(index_key=KEY).order_by("id").first().id
    top = low + 399
    ready = engine.text('("silk")' if engine.vendor == "sqlite" else "'silk'")
    calls = []
    sampled = engine.sampled

    def spy(*args, **kwargs):
        calls.append(kwargs.get("matches"))
        return sampled(*args, **kwargs)

    monkeypatch.setattr(engine, "sampled", spy)  # the backend is one object per process
    first = packed_facets(engine, ready, KEY, flt, 32, top, low)
    packed_facets(engine, ready, KEY, flt, 128, top, low, read=(32, first))
    assert calls == [None, len(first) * BUCKETS / 32]
    assert 0 < len(first) < 50  # a quarter of the 50 ids of the thin sample

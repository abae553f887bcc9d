"""The sampled path for huge result sets, with fixed inputs and exact expected values: which
entries the sample reads (the strata), when a second, larger sample is drawn, the estimate it
gives, and the facet counts scaled from it (docs/decisions/0005-search-speed.md)."""

import math

import pytest

from bridge.search import selectors
from bridge.search.backends.postgres import PostgresBackend
from bridge.search.backends.sqlite import SqliteBackend
from bridge.search.models import BUCKETS, SearchEntry, pack_facets
from bridge.search.selectors import Estimate, search
from bridge.search.sql import Filters, facet_counts

from .engine_support import KEY

SILK = pack_facets([("fibre", "silk"), ("country", "UZ")])
COTTON = pack_facets([("fibre", "cotton"), ("country", "RU")])
NO_FILTERS = Filters("k", {}, {})
# 256,000 entries: the first sample is 2 buckets (about SAMPLE_TARGET = 2,000 entries).
SPAN = (1, 256_000)


def test_the_sqlite_sample_is_eight_id_ranges_spread_over_the_index():
    # 32/256 of 1,000 ids is 125: eight ranges of 16 (rounded up), one every 125 ids, so a
    # sample sees old and new entries alike.
    slices = SqliteBackend().sampled("READY", 32, 1000)
    lows = [1, 126, 251, 376, 501, 626, 751, 876]
    assert slices == [
        ("READY", "search_fts.rowid BETWEEN %s AND %s", [low, low + 15]) for low in lows
    ]


def test_a_sample_without_text_reads_entry_ids_and_is_at_least_one_id_wide():
    slices = SqliteBackend().sampled(None, 1, 64)
    assert [sql for _ready, sql, _params in slices] == ["e.id BETWEEN %s AND %s"] * 8
    assert [params for *_rest, params in slices] == [[n, n] for n in (1, 9, 17, 25, 33, 41, 49, 57)]


def test_the_postgresql_sample_is_the_same_id_ranges_of_its_narrow_table():
    # Rows of one id range share heap pages; a hashed bucket spread the sample over the table.
    slices = PostgresBackend().sampled("READY", 32, 1000)
    lows = [1, 126, 251, 376, 501, 626, 751, 876]
    assert slices == [("READY", "e.id BETWEEN %s AND %s", [low, low + 15]) for low in lows]


class FakeIndex:
    """Stands in for packed_facets: `per_bucket` matching objects in each bucket read, half
    silk from Uzbekistan and half cotton from Russia. Records the buckets of each read."""

    def __init__(self, per_bucket: int):
        self.per_bucket = per_bucket
        self.reads: list[int] = []

    def __call__(self, engine, ready, key, flt, buckets=BUCKETS, top=0, low=1):
        self.reads.append(buckets)
        half = self.per_bucket * buckets // 2
        return [SILK] * half + [COTTON] * half


@pytest.fixture
def index_of_256k(monkeypatch):
    def install(per_bucket: int) -> FakeIndex:
        fake = FakeIndex(per_bucket)
        monkeypatch.setattr(selectors, "packed_facets", fake)
        return fake

    return install


def test_few_matches_are_left_to_the_exact_count(index_of_256k):
    fake = index_of_256k(per_bucket=18)  # 4,608 matches in all: under EXACT_LIMIT
    assert selectors._estimate(None, "k", None, NO_FILTERS, SPAN) is None
    assert fake.reads == [2]


def test_a_thin_first_sample_is_followed_by_a_larger_one(index_of_256k):
    fake = index_of_256k(per_bucket=100)  # 200 in the first sample: too few to estimate from
    estimate = selectors._estimate(None, "k", None, NO_FILTERS, SPAN)
    assert fake.reads == [2, 20]  # 2 × 2,000 / 200 buckets, for about 2,000 matches
    assert (estimate.sampled, estimate.buckets, len(estimate.packed)) == (2000, 20, 2000)


def test_a_full_first_sample_is_not_drawn_again(index_of_256k):
    fake = index_of_256k(per_bucket=1000)
    estimate = selectors._estimate(None, "k", None, NO_FILTERS, SPAN)
    assert fake.reads == [2]
    assert (estimate.sampled, estimate.buckets) == (2000, 2)


def test_the_second_sample_counts_only_matches_passing_the_facet_filters(index_of_256k):
    fake = index_of_256k(per_bucket=200)  # 400 read, 200 of them silk
    estimate = selectors._estimate(None, "k", None, Filters("k", {"fibre": ["silk"]}, {}), SPAN)
    assert fake.reads == [2, 20]
    assert (estimate.sampled, estimate.buckets) == (2000, 20)  # 4,000 read, half silk


def test_the_count_and_facets_are_scaled_from_the_sample(index, monkeypatch):
    monkeypatch.setattr(selectors, "_estimate", lambda *args: Estimate(3, 32, [SILK, SILK, COTTON]))
    result = search(key=KEY, facets=["fibre", "country"])
    assert (result.count, result.approximate) == (24, True)  # 3 × 256 / 32
    assert result.facets == {
        "fibre": [("silk", 16), ("cotton", 8)],
        "country": [("UZ", 16), ("RU", 8)],
    }


def test_facet_counts_leave_out_each_facets_own_filter():
    packed = [SILK] * 3 + [COTTON]
    only_uz = Filters("k", {"country": ["UZ"]}, {})
    assert facet_counts(packed, only_uz, ["fibre", "country"], scale=12.5) == {
        "fibre": [("silk", 38)],  # 37.5, rounded; cotton is only Russian
        "country": [("UZ", 38), ("RU", 12)],  # every country, as if none were chosen
    }


def test_a_value_seen_in_the_sample_never_shows_zero():
    packed = [SILK] * 3 + [COTTON]
    assert facet_counts(packed, NO_FILTERS, ["fibre"], scale=0.25) == {
        "fibre": [("cotton", 1), ("silk", 1)]
    }


def in_sample(entries: list[tuple[int, int]], buckets: int, low: int, top: int) -> int:
    """How many of the (entry id, object id) the sample of `buckets` reads, written from the
    decision record: both engines read 8 equal entry id ranges spread over the index's ids."""
    span = top - low + 1
    width = max(1, math.ceil(span * buckets / BUCKETS / 8))
    lows = [low + s * span // 8 for s in range(8)]
    return sum(1 for e, _obj in entries if any(start <= e < start + width for start in lows))


def test_the_id_ranges_lie_within_the_index_s_own_ids():
    # an index at ids 90,001..100,000 (written after another, or rebuilt): 2/256 of its
    # 10,000 ids is 79, in eight ranges of 10 from its lowest id
    slices = SqliteBackend().sampled("READY", 2, 100_000, 90_001)
    lows = [90_001 + n * 1_250 for n in range(8)]
    assert [params for *_rest, params in slices] == [[low, low + 9] for low in lows]


def test_on_a_real_index_the_estimate_is_the_sample_scaled(index, monkeypatch):
    from bridge.search.registry import Document

    from .engine_support import add_documents

    add_documents(index, [Document(title=f"Natural fabric {n}") for n in range(60)])
    monkeypatch.setattr(selectors, "EXACT_LIMIT", -1)
    monkeypatch.setattr(selectors, "SAMPLE_TARGET", 30)
    spy = []
    real = selectors._estimate
    monkeypatch.setattr(selectors, "_estimate", lambda *a: spy.append(real(*a)) or spy[-1])
    result = search(key=KEY, q="natural")
    entries = list(SearchEntry.objects.filter(index_key=KEY).values_list("id", "object_id"))
    ids = [entry for entry, _obj in entries]
    buckets = spy[0].buckets
    assert spy[0].sampled == in_sample(entries, buckets, min(ids), max(ids)) > 0
    assert result.approximate
    assert result.count == round(spy[0].sampled * BUCKETS / buckets)


def test_an_index_written_after_another_is_sampled_within_its_own_ids(index, monkeypatch):
    from bridge.search.registry import Document

    from .engine_support import add_documents

    # 2,000 entries of another index first: KEY's 60 lie above them, past the eighth range
    SearchEntry.objects.bulk_create(
        SearchEntry(index_key="other", object_id=n, title="natural") for n in range(2_000)
    )
    add_documents(index, [Document(title=f"Natural fabric {n}") for n in range(60)])
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    monkeypatch.setattr(selectors, "SAMPLE_TARGET", 30)
    result = search(key=KEY, q="natural")
    assert result.approximate  # a sample of KEY's own entries, not an empty one
    assert 30 <= result.count <= 90
    assert len(result.ids) == 20

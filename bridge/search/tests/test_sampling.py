"""The sampled path for huge result sets, with fixed inputs and exact expected values: which
entries the sample reads (the strata), when a second, larger sample is drawn, the estimate it
gives, and the facet counts scaled from it (docs/decisions/0005-search-speed.md)."""

import math

import pytest

from bridge.search import selectors
from bridge.search.backends.base import strata
from bridge.search.backends.postgres import POSTINGS_PER_ID, PostgresBackend
from bridge.search.backends.sqlite import SqliteBackend
from bridge.search.facets import FacetRows, facet_counts
from bridge.search.models import BUCKETS, SearchEntry, pack_facets
from bridge.search.selectors import Estimate, search
from bridge.search.sql import Filters

from .engine_support import KEY

SILK = pack_facets([("fibre", "silk"), ("country", "UZ")])
COTTON = pack_facets([("fibre", "cotton"), ("country", "RU")])
NO_FILTERS = Filters("k", {}, {})
# 256,000 entries: the first sample is 2 buckets (about SAMPLE_TARGET = 2,000 entries).
SPAN = (1, 256_000)


# 32/256 of 1,000 ids is 125: eight ranges of 15 or 16 ids (125 in all), one every 125 ids,
# so a sample sees old and new entries alike.
LOWS_OF_1000 = [1, 126, 251, 376, 501, 626, 751, 876]
WIDTHS_OF_1000 = [16, 16, 15, 16, 16, 15, 16, 15]


def test_the_sqlite_sample_is_eight_id_ranges_spread_over_the_index():
    slices = SqliteBackend().sampled("READY", 32, 1000)
    assert slices == [
        ("READY", "search_fts.rowid BETWEEN %s AND %s", [low, low + width - 1])
        for low, width in zip(LOWS_OF_1000, WIDTHS_OF_1000, strict=True)
    ]


def test_a_sample_without_text_reads_entry_ids_one_in_each_stratum():
    slices = SqliteBackend().sampled(None, 32, 64)  # 1/8 of 64 ids: one per stratum of 8
    assert [sql for _ready, sql, _params in slices] == ["e.id BETWEEN %s AND %s"] * 8
    assert [params for *_rest, params in slices] == [[n, n] for n in (1, 9, 17, 25, 33, 41, 49, 57)]


def test_the_postgresql_sample_is_the_same_id_ranges_of_its_narrow_table():
    # Rows of one id range share heap pages; a hashed bucket spread the sample over the table.
    narrow = PostgresBackend().sampled("READY", 16, 2000)
    assert narrow == [
        ("READY", "e.id BETWEEN %s AND %s", params)
        for _ready, _sql, params in SqliteBackend().sampled("READY", 16, 2000)
    ]
    # A sample of 1/10 of the index or more (a second one, of a word in few entries) is one
    # statement, so that PostgreSQL intersects the word's postings with the ranges.
    (wide,) = PostgresBackend().sampled("READY", 32, 1000)
    assert wide == (
        "READY",
        "(" + " OR ".join(["e.id BETWEEN %s AND %s"] * 8) + ")",
        [
            b
            for low, w in zip(LOWS_OF_1000, WIDTHS_OF_1000, strict=True)
            for b in (low, low + w - 1)
        ],
    )
    assert len(PostgresBackend().sampled(None, 32, 1000)) == 8  # no text: ranges are seeks


def test_a_postgresql_sample_of_a_word_in_few_entries_is_one_statement_however_narrow():
    # At 1M, «zardozi»'s thicker sample (11/256 of the ids) read range by range tested 39,062
    # vectors through the primary key (52–81 ms); its 49,314 postings ANDed with the ranges
    # read the same rows in 15–24 ms (decision 0032).
    engine, ranges = PostgresBackend(), strata(16, 2000)
    ids = sum(end - start + 1 for start, end in ranges)
    (few,) = engine.sampled("READY", 16, 2000, matches=POSTINGS_PER_ID * ids)
    assert few[1] == "(" + " OR ".join(["e.id BETWEEN %s AND %s"] * 8) + ")"
    assert few[2] == [bound for bounds in ranges for bound in bounds]
    # A common word's postings cost more than its narrow ranges' rows: range by range.
    many = engine.sampled("READY", 16, 2000, matches=POSTINGS_PER_ID * ids + 1)
    assert [params for *_rest, params in many] == [list(bounds) for bounds in ranges]
    # A wide sample stays one statement (0022), however common the word; the ranges given
    # (the part beyond a thinner sample) are the ones weighed.
    assert len(engine.sampled("READY", 32, 1000, matches=1000)) == 1
    beyond = [(10, 19), (510, 519)]
    edge = POSTINGS_PER_ID * 20
    (part,) = engine.sampled("READY", 16, 2000, ranges=beyond, matches=edge)
    assert part[2] == [10, 19, 510, 519]
    assert len(engine.sampled("READY", 16, 2000, ranges=beyond, matches=edge + 1)) == 2
    # Without text, ranges are seeks, and SQLite's FTS5 seeks a rowid range whatever the word.
    assert len(engine.sampled(None, 16, 2000, matches=1)) == 8
    assert len(SqliteBackend().sampled("READY", 16, 2000, matches=1)) == 8


def test_a_span_of_fewer_ids_than_strata_reads_each_id_once():
    # Before: eight ranges whatever the span, so ids 1 and 2 were read twice each (and counted
    # twice in the estimate) when 128/256 of 4 ids is 2.
    assert strata(128, 4) == [(1, 1), (3, 3)]
    assert strata(1, 4) == [(1, 1)]  # 1/256 of 4 ids, rounded up to one id
    assert strata(BUCKETS, 5, 3) == [(3, 3), (4, 4), (5, 5)]
    assert SqliteBackend().sampled("READY", 64, 20, 17) == [
        ("READY", "search_fts.rowid BETWEEN %s AND %s", [17, 17]),
    ]


def test_the_whole_sample_reads_every_id_of_the_span_exactly_once():
    # buckets = BUCKETS is what a second sample reaches on a small index: the relevance
    # candidates are drawn from it (selectors._sampled). Before, a span of 10 gave ranges
    # 1-2, 2-3, 3-4, 4-5, 6-7, ...: ids 2, 3, 4, 7, 8 and 9 twice.
    assert strata(BUCKETS, 10) == [(1, 1), (2, 2), (3, 3), (4, 5), (6, 6), (7, 7), (8, 8), (9, 10)]
    for low in (1, 90_001):
        for span in [*range(1, 41), 100, 1_001]:
            ids = [
                i
                for start, end in strata(BUCKETS, low + span - 1, low)
                for i in range(start, end + 1)
            ]
            assert ids == list(range(low, low + span)), (low, span)


def test_the_ranges_never_overlap_and_hold_the_share_the_estimate_scales_by():
    # Before: at 255/256 of 100 ids the ranges were 13 wide, one every 12 or 13 ids, so 4 ids
    # were read twice and the estimate said 104 for 100 matching entries.
    for span in [*range(1, 41), 100, 1_000, 12_345]:
        for buckets in range(1, BUCKETS + 1):
            ranges = strata(buckets, 1_000 + span - 1, 1_000)
            ids = [i for start, end in ranges for i in range(start, end + 1)]
            assert ids == sorted(set(ids)), (span, buckets)  # ascending: no id twice
            assert (ids[0] >= 1_000, ids[-1] <= 1_000 + span - 1) == (True, True)
            assert len(ids) == math.ceil(span * buckets / BUCKETS), (span, buckets)
            assert len(ranges) <= 8


def test_an_empty_span_has_no_ranges_and_reads_no_rows(index):
    from bridge.search.backends import backend
    from bridge.search.registry import Document
    from bridge.search.sql import best, packed_facets

    from .engine_support import add_documents

    add_documents(index, [Document(title="natural silk", facets={"fibre": ["silk"]})])
    first = SearchEntry.objects.get(index_key=KEY).id
    assert strata(5, first - 1, first) == []  # top below low: an empty index
    assert SqliteBackend().sampled("READY", 5, 0) == []
    assert PostgresBackend().sampled(None, BUCKETS, 0) == []
    engine = backend()
    flt = Filters(KEY, {}, {})
    # Before: eight ranges first..first, so the one entry was read eight times.
    assert packed_facets(engine, None, KEY, flt, 5, first - 1, first) == []
    # Before: "SELECT object_id FROM () s", a syntax error.
    assert best(engine, [], flt, KEY, 10) == []


def test_on_a_small_index_the_estimate_is_the_true_count(index, monkeypatch):
    from bridge.search.registry import Document

    from .engine_support import add_documents

    fibres = [Document(title=f"Natural fabric {n}", facets={"fibre": ["silk"]}) for n in range(60)]
    add_documents(index, fibres)
    ids = list(SearchEntry.objects.filter(index_key=KEY).values_list("id", flat=True))
    assert max(ids) - min(ids) + 1 == 60  # one entry per id of the span
    monkeypatch.setattr(selectors, "EXACT_LIMIT", -1)
    monkeypatch.setattr(selectors, "SAMPLE_TARGET", 30)
    # 30/60 of the index: buckets 128, so 30 ids of the 60; before, eight ranges of 4 read
    # 32 and the count said 64
    result = search(key=KEY, q="natural", facets=["fibre"])
    assert (result.count, result.approximate) == (60, True)
    assert result.facets == {"fibre": [("silk", 60)]}
    assert len(result.ids) == 20


class FakeIndex:
    """Stands in for packed_facets: `per_bucket` matching objects in each bucket read, half
    silk from Uzbekistan and half cotton from Russia. Records the buckets of each read."""

    def __init__(self, per_bucket: int):
        self.per_bucket = per_bucket
        self.reads: list[int] = []

    def __call__(
        self, engine, ready, key, flt, buckets=BUCKETS, top=0, low=1, scored=False, read=None
    ):
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
    assert (estimate.sampled, estimate.buckets, len(estimate.rows.passed)) == (2000, 20, 2000)


def test_a_full_first_sample_is_not_drawn_again(index_of_256k):
    fake = index_of_256k(per_bucket=1000)
    estimate = selectors._estimate(None, "k", None, NO_FILTERS, SPAN)
    assert fake.reads == [2]
    assert (estimate.sampled, estimate.buckets) == (2000, 2)


def test_a_first_sample_of_half_the_target_or_more_is_not_drawn_again(index_of_256k):
    fake = index_of_256k(per_bucket=499)  # 998, under half of 2,000: thin, drawn again
    selectors._estimate(None, "k", None, NO_FILTERS, SPAN)
    assert fake.reads == [2, 5]  # 2 × 2,000 / 998, rounded up
    fake = index_of_256k(per_bucket=500)  # 1,000: estimated from as it is
    estimate = selectors._estimate(None, "k", None, NO_FILTERS, SPAN)
    assert fake.reads == [2] and estimate.sampled == 1000


def test_the_second_sample_counts_only_matches_passing_the_facet_filters(index_of_256k):
    fake = index_of_256k(per_bucket=200)  # 400 read, 200 of them silk
    estimate = selectors._estimate(None, "k", None, Filters("k", {"fibre": ["silk"]}, {}), SPAN)
    assert fake.reads == [2, 20]
    assert (estimate.sampled, estimate.buckets) == (2000, 20)  # 4,000 read, half silk


def test_without_words_an_index_of_facet_pairs_reads_few_passing_rather_than_resample(
    monkeypatch,
):
    reads = []

    def one_in_40_silk(
        engine, ready, key, flt, buckets=BUCKETS, top=0, low=1, scored=False, read=None
    ):
        reads.append(buckets)
        return ([SILK] + [COTTON] * 39) * (25 * buckets)  # 1,000 a bucket

    monkeypatch.setattr(selectors, "packed_facets", one_in_40_silk)
    silk = Filters("k", {"fibre": ["silk"]}, {})
    # 2,000 read, 50 silk: 6,400 estimated to pass. A thicker sample would read 80 buckets
    # (80,000 rows); reading the 6,400 from the index costs less (about four rows each).
    for engine in (SqliteBackend(), PostgresBackend()):  # both index the pairs (0015, 0016)
        reads.clear()
        estimate = selectors._estimate(engine, "k", None, silk, SPAN)
        assert reads == [2] and estimate.read and estimate.sampled == 50
    reads.clear()  # with words the matches are sampled again, as before
    estimate = selectors._estimate(SqliteBackend(), "k", "a text match", silk, SPAN)
    assert reads == [2, 80] and not estimate.read


def test_a_thin_sample_cheaper_to_draw_again_than_its_passing_to_read_is_drawn_again(
    index_of_256k,
):
    # FakeIndex: half pass. 200 read, 100 silk: 12,800 estimated; a thicker sample of 40
    # buckets reads 4,000 rows, less than reading the 12,800
    fake = index_of_256k(per_bucket=100)
    silk = Filters("k", {"fibre": ["silk"]}, {})
    estimate = selectors._estimate(SqliteBackend(), "k", None, silk, SPAN)
    assert fake.reads == [2, 40] and not estimate.read


def test_the_count_and_facets_are_scaled_from_the_sample(index, monkeypatch):
    monkeypatch.setattr(
        selectors,
        "_estimate",
        lambda *args, **kwargs: Estimate(32, FacetRows([SILK, SILK, COTTON], {})),
    )
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 10)  # 24 passing: many, not read one by one
    result = search(key=KEY, facets=["fibre", "country"])
    assert (result.count, result.approximate) == (24, True)  # 3 × 256 / 32
    assert result.facets == {
        "fibre": [("silk", 16), ("cotton", 8)],
        "country": [("UZ", 16), ("RU", 8)],
    }


def test_facet_counts_leave_out_each_facets_own_filter():
    packed = [SILK] * 3 + [COTTON]
    only_uz = Filters("k", {"country": ["UZ"]}, {})
    rows = FacetRows(packed, only_uz.facets)
    assert facet_counts(rows, ["fibre", "country"], scale=12.5) == {
        "fibre": [("silk", 38)],  # 37.5, rounded; cotton is only Russian
        "country": [("UZ", 38), ("RU", 12)],  # every country, as if none were chosen
    }


def test_a_value_seen_in_the_sample_never_shows_zero():
    packed = [SILK] * 3 + [COTTON]
    rows = FacetRows(packed, NO_FILTERS.facets)
    assert facet_counts(rows, ["fibre"], scale=0.25) == {"fibre": [("cotton", 1), ("silk", 1)]}


def in_sample(entries: list[tuple[int, int]], buckets: int, low: int, top: int) -> int:
    """How many of the (entry id, object id) the sample of `buckets` reads, written from the
    decision record: both engines read the first ids of each eighth of the index's ids, as
    many as the sample's share (buckets/BUCKETS, rounded up) grows by over that eighth."""
    span = top - low + 1
    read = set()
    for s in range(8):
        first, last = s * span // 8, (s + 1) * span // 8
        width = math.ceil(last * buckets / BUCKETS) - math.ceil(first * buckets / BUCKETS)
        read.update(range(low + first, low + first + width))
    return sum(1 for e, _obj in entries if e in read)


def test_the_id_ranges_lie_within_the_index_s_own_ids():
    # an index at ids 90,001..100,000 (written after another, or rebuilt): 2/256 of its
    # 10,000 ids is 79 (rounded up), in eight ranges of 9 or 10 from its lowest id
    slices = SqliteBackend().sampled("READY", 2, 100_000, 90_001)
    lows = [90_001 + n * 1_250 for n in range(8)]
    widths = [10, 10, 10, 10, 9, 10, 10, 10]
    assert [params for *_rest, params in slices] == [
        [low, low + width - 1] for low, width in zip(lows, widths, strict=True)
    ]


def test_on_a_real_index_the_estimate_is_the_sample_scaled(index, monkeypatch):
    from bridge.search.registry import Document

    from .engine_support import add_documents

    add_documents(index, [Document(title=f"Natural fabric {n}") for n in range(60)])
    monkeypatch.setattr(selectors, "EXACT_LIMIT", -1)
    monkeypatch.setattr(selectors, "SAMPLE_TARGET", 30)
    spy = []
    real = selectors._estimate
    monkeypatch.setattr(
        selectors, "_estimate", lambda *a, **k: spy.append(real(*a, **k)) or spy[-1]
    )
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
    assert result.count == 60  # 30 of its 60 ids, scaled by 256/128
    assert len(result.ids) == 20


def test_a_huge_index_s_first_sample_is_one_bucket(index_of_256k):
    # 2 × 2,000 × 256 / 1,024,000 = 0.5 buckets: at least one
    fake = index_of_256k(per_bucket=10_000)
    estimate = selectors._estimate(None, "k", None, NO_FILTERS, (1, 1_024_000))
    assert fake.reads == [1]
    assert (estimate.sampled, estimate.buckets, estimate.low, estimate.top) == (
        10_000,
        1,
        1,
        1_024_000,
    )


def test_the_first_sample_share_follows_the_index_s_own_span(index_of_256k, monkeypatch):
    # a sample of about 1 entry: of 128 ids (1,001..1,128) 256 × 1 / 128 = 2 buckets exactly,
    # of 127 ids 2.02, so 3
    monkeypatch.setattr(selectors, "SAMPLE_TARGET", 1)
    fake = index_of_256k(per_bucket=1_000)
    estimate = selectors._estimate(None, "k", None, NO_FILTERS, (1_001, 1_128))
    assert (estimate.buckets, estimate.low, estimate.top) == (2, 1_001, 1_128)
    assert selectors._estimate(None, "k", None, NO_FILTERS, (1_001, 1_127)).buckets == 3
    # one id, or none (an empty index): the whole of it, 256 buckets
    assert selectors._estimate(None, "k", None, NO_FILTERS, (5, 5)).buckets == BUCKETS
    assert selectors._estimate(None, "k", None, NO_FILTERS, (1, 0)).buckets == BUCKETS
    assert fake.reads == [2, 3, BUCKETS, BUCKETS]


def test_the_second_sample_is_at_most_the_whole_index(index_of_256k, monkeypatch):
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    fake = index_of_256k(per_bucket=2)  # 4 in the first sample: 1,000 buckets wanted
    estimate = selectors._estimate(None, "k", None, NO_FILTERS, SPAN)
    assert fake.reads == [2, BUCKETS]
    assert (estimate.sampled, estimate.buckets) == (512, BUCKETS)


def test_a_whole_index_first_read_is_not_read_again(index_of_256k, monkeypatch):
    # 100 ids: the first read is the whole index (256 buckets), thin or not
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 100)
    fake = index_of_256k(per_bucket=2)
    estimate = selectors._estimate(None, "k", None, NO_FILTERS, (1, 100))
    assert fake.reads == [BUCKETS]
    assert (estimate.sampled, estimate.buckets) == (512, BUCKETS)


def test_the_sample_reads_ask_for_the_query_the_index_and_its_span(monkeypatch):
    calls = []

    def packed(engine, ready, key, flt, buckets=BUCKETS, top=0, low=1, scored=False, read=None):
        calls.append((engine, ready, key, flt, buckets, top, low))
        return [SILK] * (100 * buckets)

    monkeypatch.setattr(selectors, "packed_facets", packed)
    estimate = selectors._estimate("ENGINE", "k", "READY", NO_FILTERS, (11, 256_010))
    assert calls == [("ENGINE", "READY", "k", NO_FILTERS, 2, 256_010, 11)] * 1 + [
        ("ENGINE", "READY", "k", NO_FILTERS, 20, 256_010, 11)
    ]
    assert (estimate.sampled, estimate.buckets) == (2_000, 20)


def test_a_first_sample_of_one_match_asks_for_target_times_more(monkeypatch):
    reads = []

    def packed(engine, ready, key, flt, buckets=BUCKETS, top=0, low=1, scored=False, read=None):
        reads.append(buckets)
        return [SILK] * (1 if buckets == 1 else buckets)

    monkeypatch.setattr(selectors, "packed_facets", packed)
    monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    monkeypatch.setattr(selectors, "SAMPLE_TARGET", 100)
    # 256 × 100 / 256,000 ids: 1 bucket, with 1 match; then 1 × 100 / 1 = 100 buckets
    estimate = selectors._estimate(None, "k", None, NO_FILTERS, SPAN)
    assert reads == [1, 100]
    assert (estimate.sampled, estimate.buckets) == (100, 100)


def test_the_best_of_a_sample_is_the_same_scored_in_one_statement(index, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bridge.search.backends import backend
    from bridge.search.registry import Document
    from bridge.search.sql import best

    from .engine_support import add_documents

    add_documents(
        index,
        [
            Document(title=f"{'silk ' * (n % 5 + 1)}scarf {n}", body="natural " * (n % 7))
            for n in range(120)
        ],
    )
    engine, flt = backend(), Filters(KEY, {}, {})
    low = SearchEntry.objects.filter(index_key=KEY).order_by("id").first().id
    ready = engine.text(
        '("silk" OR "natural")' if engine.vendor == "sqlite" else "'silk' | 'natural'"
    )
    slices = engine.sampled(ready, 128, low + 119, low)  # half of the ids, in eight ranges
    assert len(slices) == (8 if engine.vendor == "sqlite" else 1)  # PostgreSQL: one, wide
    with CaptureQueriesContext(connection) as one:
        merged = best(engine, slices, flt, KEY, 30)
    monkeypatch.setattr(type(engine), "scoring_slices", lambda self, slices: slices)
    assert best(engine, slices, flt, KEY, 30) == merged and len(merged) == 30
    if engine.vendor == "sqlite":  # one bm25 statement over the eight ranges, not a union
        assert "UNION ALL" not in one.captured_queries[0]["sql"]


def test_a_wide_sample_reads_the_same_entries_as_its_ranges_one_by_one(index):
    from bridge.search.backends import backend
    from bridge.search.registry import Document
    from bridge.search.sql import best, packed_facets

    from .engine_support import add_documents

    documents = [
        Document(title=f"scarf {n}", body="silk" if n % 3 else "wool", facets={"n": [str(n)]})
        for n in range(120)
    ]
    ids = add_documents(index, documents)
    entry = dict(SearchEntry.objects.filter(index_key=KEY).values_list("object_id", "id"))
    low, top = entry[ids[0]], entry[ids[-1]]
    engine, flt = backend(), Filters(KEY, {}, {})
    ready = engine.text('("silk")' if engine.vendor == "sqlite" else "'silk'")
    ranges = strata(100, top, low)  # 100/256 of the ids: wide
    column = "e.id" if engine.vendor == "postgresql" else "search_fts.rowid"
    one_by_one = [(ready, f"{column} BETWEEN %s AND %s", list(bounds)) for bounds in ranges]
    expected = [
        pack_facets([("n", str(n))])
        for n, object_id in enumerate(ids)
        if n % 3 and any(start <= entry[object_id] <= end for start, end in ranges)
    ]
    assert sorted(packed_facets(engine, ready, KEY, flt, 100, top, low)) == sorted(expected)
    wide = engine.sampled(ready, 100, top, low)
    assert best(engine, wide, flt, KEY, 100) == best(engine, one_by_one, flt, KEY, 100)
    assert len(expected) > 20
